// The engine's incident knowledge, loaded once per thread from the data
// files beside this module: the vocabulary (which lines are signals,
// operations, timeouts, health failures, restarts, crashes, and the word
// classes rules look up: deploy, death, kill, OOM killer, shutdown,
// completed, request status). Code holds detectors; word lists live here.
// docs/rules.md describes the formats.

import { CUE_FILE, SIGNATURE_FILES, VOCABULARY_FILES } from './catalog.ts';
import { loadCues, type Cue } from './load-cues.ts';
import { loadSignatures, type Signature } from './load-signatures.ts';
import { assertLoaded, loadVocabulary, type LoadedVocabulary, type VocabularyKind } from './load-vocabulary.ts';
import type { VocabularyEntry } from '../classify/vocabulary.ts';

export type { VocabularyKind, VocabularyFile, VocabularyNegative } from './load-vocabulary.ts';

let vocabulary: LoadedVocabulary | null = null;

/** The built-in vocabulary (the test suite validates its files; a run still throws, naming file and path, on what it checks). */
export function builtinVocabulary(): LoadedVocabulary {
  if (!vocabulary) {
    const v = loadVocabulary(VOCABULARY_FILES, true);
    assertLoaded(v.problems, 'The built-in vocabulary');
    vocabulary = v;
  }
  return vocabulary;
}

/** A vocabulary kind by name ('deploy', 'shutdown', 'timeout'...). Throws on an unknown name: a typo is a bug. */
export function vocabularyKind(name: string): VocabularyKind {
  const k = builtinVocabulary().byName.get(name);
  if (!k) throw new Error(`unknown vocabulary kind "${name}"`);
  return k;
}

/** The compiled expression of a vocabulary kind or word class, for rules: `vocabularyClass('deploy').test(text)`. */
export function vocabularyClass(name: string): RegExp {
  return vocabularyKind(name).re;
}

/** The classifying entries in classifier order, in the shape user entries have. */
export function classifyingEntries(): VocabularyEntry[] {
  return builtinVocabulary().classifying.map((k) => {
    const { spec } = k;
    const e: VocabularyEntry = { kind: spec.classifies ?? 'crash', pattern: k.source, note: spec.note, samples: spec.samples, name: spec.name };
    if (spec.failed) e.failed = true;
    if (spec.start) e.start = true;
    if (spec.fieldSamples) e.fieldSamples = spec.fieldSamples.map((s): [string, string] => [s.text, s.extra]);
    return e;
  });
}

let signatures: Signature[] | null = null;

/** The built-in failure signatures (the test suite checks their schema and samples; a run still throws on a pattern that does not compile). */
export function builtinSignatures(): Signature[] {
  if (!signatures) {
    const r = loadSignatures(SIGNATURE_FILES.map((f) => ({ name: f.file, data: f.data })), true);
    if (r.problems.length) throw new Error(`The built-in failure signatures are broken:\n${r.problems.join('\n')}`);
    signatures = r.signatures;
  }
  return signatures;
}

let cues: Cue[] | null = null;

/** The built-in family cues, in the order they are tried (the test suite checks their schema, samples and negatives). */
export function builtinCues(): Cue[] {
  if (!cues) {
    const r = loadCues(CUE_FILE, true);
    if (r.problems.length) throw new Error(`The built-in family cues are broken:\n${r.problems.join('\n')}`);
    cues = r.cues;
  }
  return cues;
}
