// Turns a message (plus the error-ish fields the vocabulary looks at) into a
// kind code and flag bits. It runs once per event during ingest, so it is
// built for the common case, a line that is none of these kinds: one combined
// prefilter regex (the union of every entry) rejects such a line in a single
// scan, and only lines that pass it walk the entries in order, where the
// first match wins. Repeated short messages are memoised.

import { Flag, kindFromName, Kind, type KindCode } from '../model/kinds.ts';
import { BUILTIN_VOCABULARY, type VocabularyEntry } from './vocabulary.ts';

export interface Classification {
  kind: KindCode;
  flags: number;
}

export type Classifier = (message: string, extra: string) => Classification;

export interface CompiledEntry {
  kind: KindCode;
  flags: number;
  re: RegExp;
  entry: VocabularyEntry;
}

/** Memo limits: short messages repeat (structured logs), long ones rarely do. */
const MEMO_MAX_CHARS = 200;
const MEMO_MAX_ENTRIES = 50_000;

export function compileVocabulary(entries: readonly VocabularyEntry[]): CompiledEntry[] {
  const out: CompiledEntry[] = [];
  for (const e of entries) {
    const kind = kindFromName(e.kind);
    if (kind === undefined || kind === Kind.plain) continue;
    let re: RegExp;
    try {
      re = new RegExp(e.pattern, 'i');
    } catch {
      continue; // a bad user pattern must not break ingest; the UI validates on entry
    }
    out.push({ kind, flags: e.failed ? Flag.failed : 0, re, entry: e });
  }
  return out;
}

/**
 * The union of all entries as one regex, or null when it cannot be built
 * (a user pattern with back-references or duplicate group names).
 */
function prefilter(compiled: readonly CompiledEntry[]): RegExp | null {
  if (compiled.length < 2) return null;
  try {
    const re = new RegExp(compiled.map((c) => `(?:${c.re.source})`).join('|'), 'i');
    // A union must accept everything its parts accept; back-references can break that silently.
    if (compiled.some((c) => /\\[1-9]|\\k</.test(c.re.source))) return null;
    return re;
  } catch {
    return null;
  }
}

/** Classify text against compiled entries (first match wins). */
export function classifyText(compiled: readonly CompiledEntry[], text: string): CompiledEntry | null {
  for (const c of compiled) if (c.re.test(text)) return c;
  return null;
}

/** Build a classifier from user entries followed by the built-in vocabulary (user entries win). */
export function createClassifier(custom: readonly VocabularyEntry[] = []): Classifier {
  const compiled = [...compileVocabulary(custom), ...compileVocabulary(BUILTIN_VOCABULARY)];
  const any = prefilter(compiled);
  const none: Classification = { kind: Kind.plain, flags: 0 };
  const results = new Map<CompiledEntry, Classification>();
  for (const c of compiled) results.set(c, { kind: c.kind, flags: c.flags });
  const memo = new Map<string, Classification>();
  return (message, extra) => {
    const text = extra ? `${message} ${extra}` : message;
    const short = text.length < MEMO_MAX_CHARS;
    if (short) {
      const cached = memo.get(text);
      if (cached) return cached;
    }
    let result = none;
    if (!any || any.test(text)) {
      const hit = classifyText(compiled, text);
      if (hit) result = results.get(hit) ?? none;
    }
    if (short && memo.size < MEMO_MAX_ENTRIES) memo.set(text, result);
    return result;
  };
}
