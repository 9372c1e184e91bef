// The classification vocabulary: which events are signals, operation starts
// and ends, timeouts, health failures, restarts and crashes. The built-in
// entries are data (src/engine/knowledge/vocabulary/*.json, in the spirit of
// lnav's format files), each with the samples it must classify and the
// look-alikes it must not; test/knowledge/ checks them all. A user can extend
// it: custom entries come in as IngestOptions.vocabulary, are tried before
// these, and travel in share links.
//
// Patterns are matched case-insensitively against the message followed by the
// record's error-ish fields (`error`, `err`, `reason`...): Centauri logs
// `Failed to connect to upstream` with `error: context canceled` in a field.
// Entries are tried in order and the first match wins, so the specific come
// before the general: crashes, then failed operations (a renewal that failed
// with a timeout is an operation end, not a request timeout), health failures,
// timeouts, signals, restarts, successful ends and finally starts.

import type { KindName } from '../model/kinds.ts';
import { builtinVocabulary, classifyingEntries } from '../knowledge/index.ts';

export interface VocabularyEntry {
  kind: Exclude<KindName, 'plain'>;
  /** Regular expression source, matched case-insensitively against message + extra fields. */
  pattern: string;
  /** For op-end: the operation failed. */
  failed?: boolean;
  /** For restart: the line announces a start (listening, ready), badged "start". */
  start?: boolean;
  /** Why this entry exists. */
  note: string;
  /** Messages this entry must classify (and the test checks it does). */
  samples: string[];
  /** Records whose deciding text is in a field: [message, extra fields]. */
  fieldSamples?: [string, string][];
  /** Built-in entries: the knowledge file's name. */
  name?: string;
}

/** Lines that resemble an entry but must classify otherwise ('plain' unless `kind` says). */
export interface NegativeSample {
  message: string;
  extra?: string;
  kind: KindName;
  failed?: boolean;
  why: string;
}

export const BUILTIN_VOCABULARY: VocabularyEntry[] = classifyingEntries();

/** Every classifying entry's look-alikes, with the kind the whole vocabulary must give them. */
export const NEGATIVE_SAMPLES: NegativeSample[] = builtinVocabulary().classifying.flatMap((k) =>
  k.spec.negatives.map((n): NegativeSample => ({ message: n.text, ...(n.extra ? { extra: n.extra } : {}), kind: n.kind ?? 'plain', ...(n.failed ? { failed: true } : {}), why: n.why })));
