// Match counts for vocabulary entries, asked of the worker (which holds the
// messages) a moment after the entries stop changing. The newest request
// wins; an answer for older entries or an older dataset is dropped.

import { useEffect, useState } from 'react';
import { engineClient } from '../../bridge/engine-client.ts';
import type { VocabularyEntry } from '../../engine/classify/vocabulary.ts';
import type { EntryPreview } from '../../worker/vocabulary-preview.ts';

const DEBOUNCE_MS = 250;

type Draft = Pick<VocabularyEntry, 'kind' | 'pattern' | 'failed'>;

export interface PreviewState {
  /** One per entry, or null while nothing has answered for these entries. */
  previews: EntryPreview[] | null;
  busy: boolean;
}

export function useVocabularyPreview(entries: readonly Draft[], dataVersion: number, enabled: boolean): PreviewState {
  const key = JSON.stringify([dataVersion, entries.map((e) => [e.kind, e.pattern, e.failed ? 1 : 0])]);
  const [state, setState] = useState<{ key: string; previews: EntryPreview[] } | null>(null);
  const ready = enabled && dataVersion > 0 && entries.length > 0;
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const drafts = entries.map((e) => ({ kind: e.kind, pattern: e.pattern, failed: e.failed }));
    const timer = window.setTimeout(() => {
      void engineClient()
        .then((c) => c.previewVocabulary(drafts))
        .then((previews) => live && setState({ key, previews }))
        .catch(() => live && setState({ key, previews: drafts.map(() => ({ error: 'the preview failed', matches: 0, changes: 0, samples: [] })) }));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` captures everything about `entries` that matters.
  }, [key, ready]);
  const current = state?.key === key ? state.previews : null;
  return { previews: ready ? current : null, busy: ready && current === null };
}
