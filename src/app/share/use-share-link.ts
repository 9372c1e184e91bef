// The Share dialog's pipeline, as a hook. All of it runs in the engine
// worker, where the table and the texts are: when the dialog opens the worker
// builds the payload (events of the brushed range, else the visible window,
// with the custom vocabulary and rule files the incident was made with, and
// where a pulled window came from) and keeps it; on every change of the redaction switches, custom patterns or
// chosen reductions it reduces, redacts and encodes it (src/share/link-builder.ts).
// The page only gets the link, the counts, the redaction preview and the Markdown.

import { useEffect, useState } from 'react';
import { engineClient, type ShareCarries, type ShareLinkView } from '../../bridge/engine-client.ts';
import { getDataset } from '../../store/dataset.ts';
import { useStore } from '../../store/store.ts';
import { activeVocabulary } from '../../store/vocabulary-slice.ts';
import { activeRuleFiles } from '../../store/rules-slice.ts';
import type { ShareSettings } from '../../share/link-builder.ts';
import { shareUrl } from '../../share/link.ts';
import type { ShareView, TimeRange } from '../../share/payload.ts';

export type { ShareSettings } from '../../share/link-builder.ts';
export type { ShareLinkView } from '../../bridge/engine-client.ts';

/** Events a link made from the dialog carries at most (a link over ~2 MB would not open anyway). */
const DIALOG_MAX_EVENTS = 50_000;

export interface ShareLinkState {
  status: 'building' | 'ready' | 'error';
  error: string | null;
  /** What the link covers: the brushed range or the visible window. */
  scope: 'range' | 'window';
  /** What the payload carries before redaction (null until the worker built it). */
  built: ShareCarries | null;
  result: ShareLinkView | null;
  busy: boolean;
}

interface HookState extends ShareLinkState {
  /** The settings the result was made with: until it matches the current ones the link is stale. */
  resultFor: ShareSettings | null;
}

/** The Patterns filter travels as pattern texts (template ids are the sender's own). */
function sharedPatterns(ids: readonly number[]): { patterns?: string[] } {
  if (ids.length === 0) return {};
  const templates = getDataset().templates;
  const patterns = ids.map((id) => templates[id]?.pattern).filter((p): p is string => typeof p === 'string');
  return patterns.length > 0 ? { patterns } : {};
}

function currentView(): { window: TimeRange; scope: 'range' | 'window'; view: ShareView } {
  const s = useStore.getState();
  const win = { start: s.window[0], end: s.window[1] };
  const scope = s.range ? 'range' : 'window';
  return {
    window: s.range ? { start: s.range[0], end: s.range[1] } : win,
    scope,
    view: {
      window: win,
      brush: s.range ? { start: s.range[0], end: s.range[1] } : null,
      lanes: s.laneMode,
      filters: { text: s.text, levels: [...s.levels], kinds: [...s.kinds], sources: [...s.sources], ...sharedPatterns(s.templates) },
      selectedFinding: s.selectedFinding,
      timeZone: s.timeZone,
      ...(s.columns.length > 0 ? { columns: [...s.columns] } : {}),
    },
  };
}

export function useShareLink(open: boolean, settings: ShareSettings): ShareLinkState {
  const [state, setState] = useState<HookState>({ status: 'building', error: null, scope: 'window', built: null, result: null, busy: false, resultFor: null });

  // Build the payload once per opening.
  useEffect(() => {
    if (!open) return;
    let live = true;
    const ac = new AbortController();
    const { window, scope, view } = currentView();
    setState({ status: 'building', error: null, scope, built: null, result: null, busy: true, resultFor: null });
    void (async () => {
      try {
        const client = await engineClient();
        const built = await client.shareOpen(
          { window, view, maxEvents: DIALOG_MAX_EVENTS, vocabulary: activeVocabulary(useStore.getState()), rules: activeRuleFiles(useStore.getState()), provenance: getDataset().provenance },
          ac.signal,
        );
        if (live) setState((s) => ({ ...s, built }));
      } catch (e) {
        if (live) setState((s) => ({ ...s, status: 'error', busy: false, error: `Could not build the link: ${e instanceof Error ? e.message : String(e)}` }));
      }
    })();
    return () => {
      live = false;
      ac.abort();
    };
  }, [open]);

  // Reduce, redact, encode whenever the settings change.
  const { built } = state;
  useEffect(() => {
    if (!built) return;
    let live = true;
    const ac = new AbortController();
    setState((s) => ({ ...s, busy: true }));
    void (async () => {
      try {
        const client = await engineClient();
        const result = await client.shareLink(settings, shareUrl(location, ''), ac.signal);
        if (live) setState((s) => ({ ...s, status: 'ready', busy: false, result, resultFor: settings }));
      } catch (e) {
        if (live) setState((s) => ({ ...s, status: 'error', busy: false, error: `Could not build the link: ${e instanceof Error ? e.message : String(e)}` }));
      }
    })();
    return () => {
      live = false;
      ac.abort();
    };
  }, [built, settings]);

  // The render that follows a change of settings comes before the effect above marks
  // the state busy: without this, that frame shows the old link as current and Copy
  // would hand it out.
  const { resultFor, ...view } = state;
  const stale = view.status === 'ready' && resultFor !== settings;
  return stale ? { ...view, busy: true } : view;
}
