// The custom classification vocabulary: the user's own entries (saved in
// localStorage) plus entries a share link brought (active for this page,
// saved only when the user keeps them: a link is someone else's data), and
// which entries the loaded dataset was classified with, so the dialog can say
// whether an edit still has to be applied.

import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import type { SliceCreator } from './types.ts';
import { dedupeEntries, loadStoredVocabulary, plainEntries, saveVocabulary, vocabularyKey, type CustomEntry } from './vocabulary-entries.ts';

export interface VocabularySlice {
  /** Active entries, tried before the built-in vocabulary in this order. */
  vocabulary: CustomEntry[];
  /** vocabularyKey() of the entries the dataset on screen was classified with. */
  vocabularyApplied: string;
  addVocabularyEntry(e: VocabularyEntry): void;
  removeVocabularyEntry(index: number): void;
  /** Save a link's entry as the user's own. */
  keepVocabularyEntry(index: number): void;
  /** Entries from an opened share link replace earlier link entries. */
  setLinkVocabulary(entries: readonly VocabularyEntry[]): void;
  setVocabularyApplied(entries: readonly VocabularyEntry[]): void;
}

/** The engine's view of the active entries. */
export function activeVocabulary(s: Pick<VocabularySlice, 'vocabulary'>): VocabularyEntry[] {
  return plainEntries(s.vocabulary);
}

function persist(list: readonly CustomEntry[]): void {
  saveVocabulary(list.filter((e) => e.origin === 'user'));
}

export const createVocabularySlice: SliceCreator<VocabularySlice> = (set, get) => {
  const update = (list: CustomEntry[]) => {
    const vocabulary = dedupeEntries(list);
    persist(vocabulary);
    set({ vocabulary });
  };
  return {
    vocabulary: loadStoredVocabulary().map((e) => ({ ...e, origin: 'user' as const })),
    vocabularyApplied: vocabularyKey([]),
    addVocabularyEntry: (e) => update([...get().vocabulary, { ...plainEntries([e])[0], origin: 'user' }]),
    removeVocabularyEntry: (index) => update(get().vocabulary.filter((_, i) => i !== index)),
    keepVocabularyEntry: (index) => update(get().vocabulary.map((e, i) => (i === index ? { ...e, origin: 'user' } : e))),
    setLinkVocabulary(entries) {
      const mine = get().vocabulary.filter((e) => e.origin === 'user');
      // Not persisted: only the user's own entries are saved.
      set({ vocabulary: dedupeEntries([...mine, ...plainEntries(entries).map((e) => ({ ...e, origin: 'link' as const }))]) });
    },
    setVocabularyApplied: (entries) => set({ vocabularyApplied: vocabularyKey(entries) }),
  };
};
