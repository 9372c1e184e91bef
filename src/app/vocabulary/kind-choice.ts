// The kinds a user entry can give, as the dialog offers them: an operation
// end is either a success or a failure (VocabularyEntry.failed), so the two
// are separate choices rather than a kind plus a checkbox.

import type { VocabularyEntry } from '../../engine/classify/vocabulary.ts';
import type { VocabularyKind } from '../../store/vocabulary-entries.ts';

export type KindChoice = VocabularyKind | 'op-failed';

export const KIND_CHOICES: readonly [KindChoice, string][] = [
  ['signal', 'Signal / reload'],
  ['op-start', 'Operation start'],
  ['op-end', 'Operation end'],
  ['op-failed', 'Operation failed'],
  ['timeout', 'Timeout'],
  ['health-fail', 'Health failure'],
  ['restart', 'Restart'],
  ['crash', 'Crash'],
];

export function choiceOf(c: KindChoice): { kind: VocabularyKind; failed: boolean } {
  return c === 'op-failed' ? { kind: 'op-end', failed: true } : { kind: c, failed: false };
}

/** What an entry makes of a matching event, in the dialog's words. */
export function entryKindLabel(e: Pick<VocabularyEntry, 'kind' | 'failed'>): string {
  const c: KindChoice = e.kind === 'op-end' && e.failed ? 'op-failed' : e.kind;
  return KIND_CHOICES.find(([v]) => v === c)?.[1] ?? e.kind;
}
