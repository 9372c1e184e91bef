// Which failure signature a text names first, without trying every
// signature's pattern on it. The analysis asks this of every warning, error
// and classified message of a log (tens of thousands of distinct texts in a
// big file): one pattern joining all ~65 signatures cost ~5 µs per text that
// names none, most of the scan. Here one pass of the classifier's
// literal scanner (an automaton over each pattern's required literals,
// required-literals.ts) rules a text out, or leaves the few signatures whose
// literals it holds; only those patterns run, in signature order, so the
// answer is the same as trying each signature in turn.

import { LiteralScanner } from '../classify/literal-scan.ts';
import { requiredLiterals } from '../classify/required-literals.ts';
import { builtinSignatures } from './index.ts';
import type { Signature } from './load-signatures.ts';

export interface SignatureFinder {
  /** Index of the first signature (in `signatures` order) whose pattern matches `text`, or -1; with `decisiveOnly`, among the decisive ones. */
  find(text: string, decisiveOnly?: boolean): number;
}

/** A finder over `signatures` (their patterns compiled with the `i` flag, as load-signatures.ts does). */
export function signatureFinder(signatures: readonly Signature[]): SignatureFinder {
  const literals: { text: string; entry: number }[] = [];
  // Signatures whose pattern requires no literal the analysis can see are tried on every text.
  const always = new Uint8Array(signatures.length);
  signatures.forEach((s, i) => {
    const req = s.re.flags.includes('i') && !s.re.flags.includes('u') ? requiredLiterals(s.re.source) : null;
    if (req) for (const text of req) literals.push({ text, entry: i });
    else always[i] = 1;
  });
  const anyAlways = always.includes(1);
  const decisive = Uint8Array.from(signatures, (s) => (s.spec.decisive ? 1 : 0));
  const scanner = new LiteralScanner(literals, signatures.length);
  return {
    find(text, decisiveOnly = false) {
      scanner.begin();
      if (!scanner.feed(text) && !anyAlways) return -1;
      for (let i = 0; i < signatures.length; i++) {
        if (decisiveOnly && !decisive[i]) continue;
        if ((always[i] || scanner.saw(i)) && signatures[i].re.test(text)) return i;
      }
      return -1;
    },
  };
}

let builtin: SignatureFinder | null = null;

/** The finder over the built-in signatures, built once per thread. */
export function builtinSignatureFinder(): SignatureFinder {
  return (builtin ??= signatureFinder(builtinSignatures()));
}
