// Turns a message (plus the error-ish fields the vocabulary looks at) into a
// kind code and flag bits. It runs once per event during ingest, so it is
// built for the common case, a line that is none of these kinds: one scan for
// the literals the entries cannot match without (required-literals.ts,
// literal-scan.ts) rejects such a line at a table lookup per character, and a
// line that passes runs, in order, only the entries whose literals it holds;
// the first match wins. Entries whose pattern requires no visible literal
// (some user patterns) always run. Short messages repeat (structured logs),
// so their answers are memoised (once they repeat: see repeat-memo.ts).

import { Flag, kindFromName, Kind, type KindCode } from '../model/kinds.ts';
import { RepeatMemo } from '../model/repeat-memo.ts';
import { BUILTIN_VOCABULARY, type VocabularyEntry } from './vocabulary.ts';
import { compileUserPattern } from '../user-pattern.ts';
import { LiteralScanner } from './literal-scan.ts';
import { requiredLiterals } from './required-literals.ts';

export interface Classification {
  kind: KindCode;
  flags: number;
}

export interface Classifier {
  (message: string, extra: string): Classification;
  /**
   * The same answer for `message` with no extra text, given also as its bytes
   * b[start..end) (one ASCII character per byte, RecordOut.messageBytes): the
   * literal scan reads the bytes.
   */
  bytes?: (message: string, b: Uint8Array, start: number, end: number) => Classification;
}

/**
 * Words a caller wants to know about in the text it classifies (ingest: the
 * words without which a message cannot open a stack trace, multiline.ts).
 * The classifier's literal scan passes over the text anyway, so it reports
 * them at no extra pass: after each call `seen` is false only when none of
 * `words` (lower-case ASCII, matched case-insensitively) is in the message or
 * its extra text; true when one is, or when the call could not tell.
 */
export interface Watch {
  readonly words: readonly string[];
  seen: boolean;
}

export interface CompiledEntry {
  kind: KindCode;
  flags: number;
  /** Native RegExp for built-in entries, the linear-time engine for the user's (user-pattern.ts). */
  re: { test(text: string): boolean; readonly source: string };
  entry: VocabularyEntry;
}

/** Memo limits: short messages repeat (structured logs), long ones rarely do. */
const MEMO_MAX_CHARS = 200;
const MEMO_MAX_ENTRIES = 50_000;

export function compileVocabulary(entries: readonly VocabularyEntry[], user = false): CompiledEntry[] {
  const out: CompiledEntry[] = [];
  for (const e of entries) {
    const kind = kindFromName(e.kind);
    if (kind === undefined || kind === Kind.plain) continue;
    let re: CompiledEntry['re'];
    if (user) {
      const r = compileUserPattern(e.pattern);
      if (!r.ok) continue; // a refused user pattern must not break ingest; the UI says why on entry
      re = r.pattern;
    } else {
      try {
        re = new RegExp(e.pattern, 'i');
      } catch {
        continue;
      }
    }
    out.push({ kind, flags: (e.failed ? Flag.failed : 0) | (e.start && kind === Kind.restart ? Flag.start : 0), re, entry: e });
  }
  return out;
}

/** Classify text against compiled entries (first match wins), trying every entry: the reference the fast path must agree with. */
export function classifyText(compiled: readonly CompiledEntry[], text: string): CompiledEntry | null {
  const i = firstMatch(compiled, text);
  return i < 0 ? null : compiled[i];
}

/** Index of the first entry that matches, or -1. */
function firstMatch(compiled: readonly CompiledEntry[], text: string): number {
  for (let i = 0; i < compiled.length; i++) if (compiled[i].re.test(text)) return i;
  return -1;
}

/**
 * Lines classified by trying each entry in turn before the literal scanner is
 * built: a short file (a pasted excerpt, a one-line CLI run) never pays the
 * ~30-45 ms the scanner takes to build cold. Not more: trying every entry
 * costs 10-50 us a line on real logs (the restart pattern alone took 108 ms
 * over the first 2,000 lines of the benchmark's file), so a bigger file is
 * better off building the scanner early.
 */
const DIRECT_LINES = 256;

/** What a classifier needs besides its memo: immutable once built (the scanner's state lives within one call). */
interface Prepared {
  compiled: CompiledEntry[];
  results: Classification[];
  /** Lines classified so far without the scanner (shared by the classifiers of a thread). */
  direct: number;
  /**
   * Answers of the direct path by text, until the scanner takes over. A short
   * file is read twice (its head for dates, reference-date.ts, then whole):
   * the second reading would run every pattern again, and V8 compiles a
   * pattern again, to machine code, on its second run (~12 ms for the
   * built-in ones in a one-line file's run; the CLI skips V8's bytecode step).
   */
  directAnswers: Map<string, Classification> | null;
  /** Scanners by the watched words they also look for (words joined by "\n"). */
  scans: Map<string, Scan>;
}

interface Scan {
  /** Entries that must run on every line (no literal to look for). */
  always: Uint8Array;
  anyAlways: boolean;
  scanner: LiteralScanner;
}

function prepare(custom: readonly VocabularyEntry[]): Prepared {
  const compiled = [...compileVocabulary(custom, true), ...compileVocabulary(BUILTIN_VOCABULARY)];
  const results = compiled.map((c): Classification => ({ kind: c.kind, flags: c.flags }));
  return { compiled, results, direct: 0, directAnswers: new Map(), scans: new Map() };
}

/** The built-in patterns' literals by pattern source, put into the CLI's bundle when it is built (build.mjs); absent elsewhere (app, tests). */
declare const TIMBERLINE_VOCABULARY_LITERALS: Record<string, string[] | null> | undefined;
/** Working them out cost ~60 ms a thread, cold (the CLI's worker threads each build a scanner). */
const VOCABULARY_LITERALS = typeof TIMBERLINE_VOCABULARY_LITERALS === 'object' ? TIMBERLINE_VOCABULARY_LITERALS : undefined;

/** The built-in vocabulary's required literals by pattern source: what build.mjs puts into the bundle. */
export function builtinVocabularyLiterals(): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const c of compileVocabulary(BUILTIN_VOCABULARY)) out[c.re.source] = requiredLiterals(c.re.source);
  return out;
}

/** The scanner over the entries' literals, plus the watched words as one more entry (index compiled.length) that never classifies. */
function buildScan(compiled: readonly CompiledEntry[], watched: readonly string[]): Scan {
  const literals: { text: string; entry: number }[] = [];
  const always = new Uint8Array(compiled.length);
  compiled.forEach((c, i) => {
    const known = VOCABULARY_LITERALS?.[c.re.source];
    const req = known !== undefined ? known : requiredLiterals(c.re.source);
    if (req) for (const text of req) literals.push({ text, entry: i });
    else always[i] = 1;
  });
  for (const text of watched) literals.push({ text, entry: compiled.length });
  return { always, anyAlways: always.includes(1), scanner: new LiteralScanner(literals, compiled.length + 1) };
}

/** The built-in vocabulary prepared once per thread: every ingest (and slice) needs it. */
let builtin: Prepared | null = null;

/**
 * Build a classifier from user entries followed by the built-in vocabulary
 * (user entries win). `memo: false` for callers that remember answers per
 * message themselves (ingest: message-facts.ts), where a second memo only
 * costs a lookup per one-off message. `scanFrom`: lines tried entry by entry
 * before the literal scanner is built (tests set 0 to check the scanner).
 */
export function createClassifier(custom: readonly VocabularyEntry[] = [], options: { memo?: boolean; scanFrom?: number; watch?: Watch } = {}): Classifier {
  const scanFrom = options.scanFrom ?? DIRECT_LINES;
  const prepared = custom.length === 0 ? (builtin ??= prepare(custom)) : prepare(custom);
  const { compiled, results } = prepared;
  const none: Classification = { kind: Kind.plain, flags: 0 };
  const memo = options.memo === false ? null : new RepeatMemo<Classification>(MEMO_MAX_CHARS - 1, MEMO_MAX_ENTRIES);
  const watch = options.watch ?? null;
  const watched = watch?.words ?? [];
  const scanKey = watched.join('\n');
  let built: Scan | null = null;
  const scanOf = (): Scan => {
    let s = prepared.scans.get(scanKey);
    if (!s) prepared.scans.set(scanKey, (s = buildScan(compiled, watched)));
    return s;
  };
  /** `b` not null: `text` is b[start..end) (see Classifier.bytes). */
  const run = (text: string, b: Uint8Array | null, start: number, end: number): Classification => {
    if (watch) watch.seen = true; // until the scan says otherwise
    const cached = memo?.get(text);
    if (cached) return cached;
    let result = none;
    const scan = built ?? (prepared.direct >= scanFrom ? (built = scanOf()) : null);
    if (!scan) {
      const answers = prepared.directAnswers;
      const known = answers?.get(text);
      if (known) result = known;
      else {
        prepared.direct++;
        const i = firstMatch(compiled, text);
        if (i >= 0) result = results[i];
        if (answers && text.length < MEMO_MAX_CHARS) {
          // Kept only while the direct path lasts (a test's classifier may never leave it).
          if (answers.size >= DIRECT_LINES || prepared.direct >= scanFrom) prepared.directAnswers = null;
          else answers.set(text, result);
        }
      }
    } else {
      const { scanner, always, anyAlways } = scan;
      scanner.begin();
      const any = b === null ? scanner.feed(text) : scanner.feedBytes(b, start, end);
      if (watch) watch.seen = scanner.saw(compiled.length);
      if (any || anyAlways) {
        for (let i = 0; i < compiled.length; i++) {
          if ((always[i] || scanner.saw(i)) && compiled[i].re.test(text)) {
            result = results[i];
            break;
          }
        }
      }
    }
    memo?.offer(text, result);
    return result;
  };
  const classify: Classifier = (message, extra) => run(extra ? `${message} ${extra}` : message, null, 0, 0);
  classify.bytes = (message, b, start, end) => run(message, b, start, end);
  return classify;
}
