// Match counts for vocabulary entries, asked of the worker (which holds the
// messages) a moment after the entries stop changing. The newest request
// wins; an answer for older entries or an older dataset is dropped.

import { engineClient, type EntryPreview } from '../../bridge/engine-client.ts';
import type { VocabularyEntry } from '../../engine/classify/vocabulary.ts';
import { useWorkerPreview } from '../use-worker-preview.ts';

const DEBOUNCE_MS = 250;

type Draft = Pick<VocabularyEntry, 'kind' | 'pattern' | 'failed'>;

export interface PreviewState {
  /** One per entry, or null while nothing has answered for these entries. */
  previews: EntryPreview[] | null;
  busy: boolean;
}

export function useVocabularyPreview(entries: readonly Draft[], dataVersion: number, enabled: boolean): PreviewState {
  const drafts = entries.map((e) => ({ kind: e.kind, pattern: e.pattern, failed: e.failed }));
  const { value, busy } = useWorkerPreview(
    JSON.stringify([dataVersion, entries.map((e) => [e.kind, e.pattern, e.failed ? 1 : 0])]),
    enabled && dataVersion > 0 && entries.length > 0,
    async (signal) => (await engineClient()).previewVocabulary(drafts, signal),
    () => drafts.map(() => ({ error: 'the preview failed', matches: 0, changes: 0, samples: [] })),
    DEBOUNCE_MS,
  );
  return { previews: value, busy };
}
