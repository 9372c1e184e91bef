// The Share dialog's pipeline, as a hook: build the payload once when the
// dialog opens (events of the brushed range, else the visible window, and the
// custom vocabulary entries the incident was classified with), then
// on every change of the redaction switches, custom patterns or chosen
// reductions: reduce -> redact -> encode -> link, and work out which
// reductions would bring an over-long link back under the chat limit.

import { useEffect, useState } from 'react';
import { engineClient } from '../../bridge/engine-client.ts';
import { getDataset } from '../../store/dataset.ts';
import { useStore } from '../../store/store.ts';
import { activeVocabulary } from '../../store/vocabulary-slice.ts';
import { buildSharePayload } from '../../share/build.ts';
import { encodePayload } from '../../share/codec.ts';
import { CHAT_LIMIT } from '../../share/limits.ts';
import { shareUrl } from '../../share/link.ts';
import type { SharePayload, ShareView, TimeRange } from '../../share/payload.ts';
import type { CategoryId } from '../../share/redact-rules.ts';
import { redactPayload } from '../../share/redact-payload.ts';
import type { CategoryReport, CustomPattern, CustomPatternProblem } from '../../share/redact.ts';
import { dropDebug, findingWindow, firstLinesOnly, messagesOnly, narrowWindow, reductionOptions, type ReductionId } from '../../share/reduce.ts';

/** Events a link made from the dialog carries at most (a link over ~2 MB would not open anyway). */
const DIALOG_MAX_EVENTS = 50_000;

export interface ShareResult {
  payload: SharePayload;
  link: string;
  report: CategoryReport[];
  problems: CustomPatternProblem[];
  /** Reductions that would shorten the link (only when it is over the chat limit). */
  options: { id: ReductionId; label: string; chars: number }[];
}

export interface ShareSettings {
  categories: Partial<Record<CategoryId, boolean>>;
  custom: CustomPattern[];
  applied: ReductionId[];
}

export interface ShareLinkState {
  status: 'building' | 'ready' | 'error';
  error: string | null;
  /** What the link covers: the brushed range or the visible window. */
  scope: 'range' | 'window';
  base: SharePayload | null;
  result: ShareResult | null;
  busy: boolean;
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
      filters: { text: s.text, levels: [...s.levels], kinds: [...s.kinds], sources: [...s.sources] },
      selectedFinding: s.selectedFinding,
      timeZone: s.timeZone,
    },
  };
}

export function applyReductions(p: SharePayload, applied: readonly ReductionId[]): SharePayload {
  let out = p;
  for (const id of applied) {
    if (id === 'drop-debug') out = dropDebug(out);
    else if (id === 'first-lines') out = firstLinesOnly(out);
    else if (id === 'messages-only') out = messagesOnly(out);
    else if (id === 'narrow') {
      const w = findingWindow(out);
      if (w) out = narrowWindow(out, { start: Math.max(w.start, out.window.start), end: Math.min(w.end, out.window.end) });
    }
  }
  return out;
}

export function useShareLink(open: boolean, settings: ShareSettings): ShareLinkState {
  const [state, setState] = useState<ShareLinkState>({ status: 'building', error: null, scope: 'window', base: null, result: null, busy: false });

  // Build the payload once per opening.
  useEffect(() => {
    if (!open) return;
    let live = true;
    const { window, scope, view } = currentView();
    setState({ status: 'building', error: null, scope, base: null, result: null, busy: true });
    void (async () => {
      try {
        const d = getDataset();
        const client = await engineClient();
        const base = await buildSharePayload(
          { table: d.table, files: d.files, marks: d.marks, findings: d.findings, texts: (rows) => client.shareTexts([...rows]) },
          { window, view, maxEvents: DIALOG_MAX_EVENTS, vocabulary: activeVocabulary(useStore.getState()) },
        );
        if (live) setState((s) => ({ ...s, base }));
      } catch (e) {
        if (live) setState((s) => ({ ...s, status: 'error', busy: false, error: `Could not build the link: ${e instanceof Error ? e.message : String(e)}` }));
      }
    })();
    return () => {
      live = false;
    };
  }, [open]);

  // Reduce, redact, encode whenever the settings change.
  const { base } = state;
  useEffect(() => {
    if (!base) return;
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    void (async () => {
      try {
        const reduced = applyReductions(base, settings.applied);
        const red = redactPayload(reduced, { categories: settings.categories, custom: settings.custom });
        const prefix = shareUrl(location, '');
        const link = prefix + (await encodePayload(red.payload));
        let options: ShareResult['options'] = [];
        if (link.length > CHAT_LIMIT) {
          const all = await reductionOptions(red.payload);
          options = all.filter((o) => !settings.applied.includes(o.id)).map((o) => ({ id: o.id, label: o.label, chars: o.chars + prefix.length }));
        }
        if (live) setState((s) => ({ ...s, status: 'ready', busy: false, result: { payload: red.payload, link, report: red.report, problems: red.problems, options } }));
      } catch (e) {
        if (live) setState((s) => ({ ...s, status: 'error', busy: false, error: `Could not build the link: ${e instanceof Error ? e.message : String(e)}` }));
      }
    })();
    return () => {
      live = false;
    };
  }, [base, settings]);

  return state;
}
