// Which failure signature a text names first, without trying every
// signature's pattern on it. The analysis asks this of every warning, error
// and classified message of a log (tens of thousands of distinct texts in a
// big file), and trying ~90 patterns costs ~10 µs per text that names none
// (one pattern joining them all, ~5 µs, and ~30 ms to compile). Past the
// first texts, one pass of the classifier's literal scanner (an automaton over
// each pattern's required literals, required-literals.ts) rules a text out,
// or leaves the few signatures whose literals it holds; only those patterns
// run, in signature order, so the answer is the same as trying each
// signature in turn. Short logs never build the scanner: it costs ~50 ms
// cold, a quarter of a one-line file's run, while trying the patterns costs
// only those a short log's texts reach (each is compiled on its first use).
// The bundled CLI knows every pattern's literals ahead (worked out when it
// was built, build.mjs), so its first texts try only the patterns whose
// literals they hold: a one-line file compiles none of ~130 (~20 ms).

import { LiteralScanner } from '../classify/literal-scan.ts';
import { requiredLiterals } from '../classify/required-literals.ts';
import { builtinSignatures } from './index.ts';
import type { Signature } from './load-signatures.ts';

export interface SignatureFinder {
  /** Index of the first signature (in `signatures` order) whose pattern matches `text`, or -1; with `decisiveOnly`, among the decisive ones. */
  find(text: string, decisiveOnly?: boolean): number;
  /**
   * Index of the first signature that `allowed` admits and whose pattern matches `text`, or -1: find's answer
   * for a few texts (a finding's cause lines), which count toward nothing (find's switch to the scanner), and
   * try only the patterns whose literals the text holds once those are known (so a short log compiles few).
   */
  firstOf(text: string, allowed?: (i: number) => boolean): number;
  /**
   * Build the literal scanner now and use it from the first text on (the same answers): for a thread that
   * waits anyway while a big file is parsed elsewhere, and will search tens of thousands of texts after.
   */
  prepare(): void;
}

/**
 * Texts answered by trying the patterns in turn before the scanner is built.
 * Counted in instructions over a whole CLI run on the benchmark log's first
 * 20 MB (~95,000 lines): 1,000 costs ~2% less than the joined pattern did,
 * 4,000 ~1% more (more texts tried pattern by pattern before the switch).
 */
const DIRECT_TEXTS = 1000;
/**
 * Texts checked for each pattern's literals one `includes` at a time (when
 * the literals are known ahead) before trying every pattern: ~40 µs a text
 * against compiling them all once (~20 ms) and ~10 µs a text after.
 */
const PREFILTER_TEXTS = 100;
/**
 * Literals are cut to this many characters: a text holding a literal holds
 * its start, so the prefilter stays sound, and the automaton is a few
 * thousand states instead of ten thousand (its build time).
 */
const LITERAL_CHARS = 10;

interface Scan {
  scanner: LiteralScanner;
  /** Signatures whose pattern requires no literal the analysis can see: tried on every text. */
  always: Uint8Array;
  anyAlways: boolean;
}

/** Per pattern, the literals one of which every match holds (lower case, cut to LITERAL_CHARS), or null: tried on every text. */
export type PatternLiterals = readonly (readonly string[] | null)[];

/** The key of a pattern in a table of literals worked out ahead. */
export const literalsKey = (re: RegExp): string => `${re.flags}/${re.source}`;

/** What the literal scan can rule a text out with: only a case-insensitive pattern without `u` (the scanner folds ASCII case only). */
export function patternLiterals(re: RegExp): string[] | null {
  const req = re.flags.includes('i') && !re.flags.includes('u') ? requiredLiterals(re.source) : null;
  return req && [...new Set(req.map((text) => text.slice(0, LITERAL_CHARS)))];
}

/** Each signature's literals: from `ahead` (keyed by literalsKey) where it has the pattern, else worked out here. */
function literalsOf(signatures: readonly Signature[], ahead?: Readonly<Record<string, readonly string[] | null>>): PatternLiterals {
  return signatures.map((s) => {
    const known = ahead?.[literalsKey(s.re)];
    return known !== undefined ? known : patternLiterals(s.re);
  });
}

function buildScan(literalLists: PatternLiterals): Scan {
  const literals = new Map<string, Set<number>>();
  const always = new Uint8Array(literalLists.length);
  literalLists.forEach((req, i) => {
    if (!req) always[i] = 1;
    else for (const cut of req) {
      let entries = literals.get(cut);
      if (!entries) literals.set(cut, (entries = new Set()));
      entries.add(i);
    }
  });
  const list = [...literals].flatMap(([text, entries]) => [...entries].map((entry) => ({ text, entry })));
  return { scanner: new LiteralScanner(list, literalLists.length), always, anyAlways: always.includes(1) };
}

export interface FinderOptions {
  /** Texts answered before the scanner is built (tests set 0). */
  scanFrom?: number;
  /** Literals worked out ahead, keyed by literalsKey: the first texts (PREFILTER_TEXTS) try only the patterns whose literals they hold. */
  ahead?: Readonly<Record<string, readonly string[] | null>>;
  /** How many first texts that is (default PREFILTER_TEXTS; tests set more). */
  prefilterTexts?: number;
}

/** A finder over `signatures` (patterns compiled with the `i` flag, as load-signatures.ts does). */
export function signatureFinder(signatures: readonly Signature[], options: FinderOptions = {}): SignatureFinder {
  const decisive = Uint8Array.from(signatures, (s) => (s.spec.decisive ? 1 : 0));
  let direct = options.scanFrom ?? DIRECT_TEXTS;
  const ahead = options.ahead;
  let literals: PatternLiterals | null = null;
  let prefiltered = ahead ? (options.prefilterTexts ?? PREFILTER_TEXTS) : 0;
  let scan: Scan | null = null;
  const first = (text: string, decisiveOnly: boolean, may: (i: number) => boolean) => {
    for (let i = 0; i < signatures.length; i++) if ((!decisiveOnly || decisive[i]) && may(i) && signatures[i].re.test(text)) return i;
    return -1;
  };
  return {
    find(text, decisiveOnly = false) {
      if (direct > 0) {
        direct--;
        if (prefiltered <= 0) return first(text, decisiveOnly, () => true);
        prefiltered--;
        // Lower-casing may turn a non-ASCII character into an ASCII one ('\u212a' into 'k'): a pattern more to try, never one fewer.
        const lower = text.toLowerCase();
        const lits = (literals ??= literalsOf(signatures, ahead));
        return first(text, decisiveOnly, (i) => {
          const req = lits[i];
          if (req === null) return true;
          for (const l of req) if (lower.includes(l)) return true;
          return false;
        });
      }
      const s = (scan ??= buildScan((literals ??= literalsOf(signatures, ahead))));
      s.scanner.begin();
      if (!s.scanner.feed(text) && !s.anyAlways) return -1;
      return first(text, decisiveOnly, (i) => s.always[i] === 1 || s.scanner.saw(i));
    },
    firstOf(text, allowed = () => true) {
      if (scan) {
        const s = scan;
        s.scanner.begin();
        if (!s.scanner.feed(text) && !s.anyAlways) return -1;
        return first(text, false, (i) => (s.always[i] === 1 || s.scanner.saw(i)) && allowed(i));
      }
      // Without the literals at hand (the app, tests), working them out would cost more than trying the patterns.
      if (!ahead && !literals) return first(text, false, allowed);
      const lower = text.toLowerCase();
      const lits = (literals ??= literalsOf(signatures, ahead));
      return first(text, false, (i) => {
        if (!allowed(i)) return false;
        const req = lits[i];
        if (req === null) return true;
        for (const l of req) if (lower.includes(l)) return true;
        return false;
      });
    },
    prepare() {
      scan ??= buildScan((literals ??= literalsOf(signatures, ahead)));
      direct = 0;
    },
  };
}

/** The built-in patterns' literals, put into the CLI's bundle when it is built (build.mjs); absent elsewhere (app, tests). */
declare const TIMBERLINE_SIGNATURE_LITERALS: Record<string, string[] | null> | undefined;

let builtin: SignatureFinder | null = null;

/** The finder over the built-in signatures, made once per thread. */
export function builtinSignatureFinder(): SignatureFinder {
  const ahead = typeof TIMBERLINE_SIGNATURE_LITERALS === 'object' ? TIMBERLINE_SIGNATURE_LITERALS : undefined;
  return (builtin ??= signatureFinder(builtinSignatures(), { ahead }));
}

/** The built-in signatures' literals keyed by literalsKey: what build.mjs puts into the bundle. */
export function builtinSignatureLiterals(): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const s of builtinSignatures()) out[literalsKey(s.re)] = patternLiterals(s.re);
  return out;
}
