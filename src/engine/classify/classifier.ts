// Turns a message (plus the fields the vocabulary looks at) into a kind code
// and flag bits. One combined regex per kind would be faster still, but the
// per-entry loop keeps "first match wins" order explicit and is already cheap
// because a prefilter rejects most lines with a single test.

import { Flag, kindFromName, Kind, type KindCode } from '../model/kinds.ts';
import { BUILTIN_VOCABULARY, type VocabularyEntry } from './vocabulary.ts';

export interface Classification {
  kind: KindCode;
  flags: number;
}

export type Classifier = (message: string, extra: string) => Classification;

interface Compiled {
  kind: KindCode;
  flags: number;
  re: RegExp;
}

export function compileVocabulary(entries: readonly VocabularyEntry[]): Compiled[] {
  const out: Compiled[] = [];
  for (const e of entries) {
    const kind = kindFromName(e.kind);
    if (kind === undefined || kind === Kind.plain) continue;
    let re: RegExp;
    try {
      re = new RegExp(e.pattern, 'i');
    } catch {
      continue; // a bad user pattern must not break ingest; the UI validates on entry
    }
    out.push({ kind, flags: e.failed ? Flag.failed : 0, re });
  }
  return out;
}

/** Build a classifier from the built-in vocabulary followed by user entries (user entries win). */
export function createClassifier(custom: readonly VocabularyEntry[] = []): Classifier {
  const compiled = [...compileVocabulary(custom), ...compileVocabulary(BUILTIN_VOCABULARY)];
  const none: Classification = { kind: Kind.plain, flags: 0 };
  const memo = new Map<string, Classification>();
  return (message, extra) => {
    const text = extra ? `${message} ${extra}` : message;
    const cached = memo.get(text);
    if (cached) return cached;
    let result = none;
    for (const c of compiled) {
      if (c.re.test(text)) {
        result = { kind: c.kind, flags: c.flags };
        break;
      }
    }
    // Memoise short, repetitive messages only: keeps memory bounded on unique lines.
    if (text.length < 200 && memo.size < 50000) memo.set(text, result);
    return result;
  };
}
