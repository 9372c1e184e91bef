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

import { LiteralScanner } from '../classify/literal-scan.ts';
import { requiredLiterals } from '../classify/required-literals.ts';
import { builtinSignatures } from './index.ts';
import type { Signature } from './load-signatures.ts';

export interface SignatureFinder {
  /** Index of the first signature (in `signatures` order) whose pattern matches `text`, or -1; with `decisiveOnly`, among the decisive ones. */
  find(text: string, decisiveOnly?: boolean): number;
}

/**
 * Texts answered by trying the patterns in turn before the scanner is built.
 * Counted in instructions over a whole CLI run on the benchmark log's first
 * 20 MB (~95,000 lines): 1,000 costs ~2% less than the joined pattern did,
 * 4,000 ~1% more (more texts tried pattern by pattern before the switch).
 */
const DIRECT_TEXTS = 1000;
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

function buildScan(signatures: readonly Signature[]): Scan {
  const literals = new Map<string, Set<number>>();
  const always = new Uint8Array(signatures.length);
  signatures.forEach((s, i) => {
    const req = s.re.flags.includes('i') && !s.re.flags.includes('u') ? requiredLiterals(s.re.source) : null;
    if (!req) always[i] = 1;
    else for (const text of req) {
      const cut = text.slice(0, LITERAL_CHARS);
      let entries = literals.get(cut);
      if (!entries) literals.set(cut, (entries = new Set()));
      entries.add(i);
    }
  });
  const list = [...literals].flatMap(([text, entries]) => [...entries].map((entry) => ({ text, entry })));
  return { scanner: new LiteralScanner(list, signatures.length), always, anyAlways: always.includes(1) };
}

/** A finder over `signatures` (patterns compiled with the `i` flag, as load-signatures.ts does); `scanFrom`: texts answered before the scanner is built (tests set 0). */
export function signatureFinder(signatures: readonly Signature[], scanFrom = DIRECT_TEXTS): SignatureFinder {
  const decisive = Uint8Array.from(signatures, (s) => (s.spec.decisive ? 1 : 0));
  let direct = scanFrom;
  let scan: Scan | null = null;
  const first = (text: string, decisiveOnly: boolean, may: (i: number) => boolean) => {
    for (let i = 0; i < signatures.length; i++) if ((!decisiveOnly || decisive[i]) && may(i) && signatures[i].re.test(text)) return i;
    return -1;
  };
  return {
    find(text, decisiveOnly = false) {
      if (direct > 0) {
        direct--;
        return first(text, decisiveOnly, () => true);
      }
      const s = (scan ??= buildScan(signatures));
      s.scanner.begin();
      if (!s.scanner.feed(text) && !s.anyAlways) return -1;
      return first(text, decisiveOnly, (i) => s.always[i] === 1 || s.scanner.saw(i));
    },
  };
}

let builtin: SignatureFinder | null = null;

/** The finder over the built-in signatures, made once per thread. */
export function builtinSignatureFinder(): SignatureFinder {
  return (builtin ??= signatureFinder(builtinSignatures()));
}
