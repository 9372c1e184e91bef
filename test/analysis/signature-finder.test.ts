// The signature finder (every pattern in turn for the first texts, then a
// literal scan and only the patterns whose literals a text holds) must name
// exactly the signature that trying every pattern in order names, on both
// paths: on every line of the incident corpus and the fixtures, on the
// signatures' own samples and negatives, and on generated lines that bury a
// sample in other text, change its case or cut it short.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/engine/knowledge/index.ts';
import type { Signature } from '../../src/engine/knowledge/load-signatures.ts';
import { builtinSignatureFinder, builtinSignatureLiterals, patternLiterals, signatureFinder, type FinderOptions } from '../../src/engine/knowledge/signature-finder.ts';
import { EVENT_WARNING, namesKnownFailure } from '../../src/engine/rules/signature-match.ts';
import { FAILURE_WORD } from '../../src/engine/rules/helpers.ts';
import { rng } from './dialects.ts';

/** The plain definition: the first signature whose pattern matches. */
const reference = (sigs: readonly Signature[], text: string, decisiveOnly = false) => sigs.findIndex((s) => (!decisiveOnly || !!s.spec.decisive) && s.re.test(text));

function corpusLines(): string[] {
  const out: string[] = [];
  for (const dir of ['../incidents/cases', '../fixtures'].map((d) => join(import.meta.dirname, d))) {
    if (!existsSync(dir)) continue;
    for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const p = join(dir, rel);
      if (/\.(?:gz|zip)$/.test(p) || !statSync(p).isFile() || statSync(p).size >= 8 << 20) continue;
      out.push(...readFileSync(p, 'utf8').split('\n'));
    }
  }
  return out;
}

/** Samples buried in other text, with their case changed, cut short, or with a character swapped. */
function generated(sigs: readonly Signature[], n: number): string[] {
  const r = rng(11);
  const samples = sigs.flatMap((s) => [...s.spec.samples, ...s.spec.negatives]);
  const noise = ['request failed', 'Processed request 4c0496e1 in 90 ms', 'upstream timeout', 'ERROR', 'caused by:', 'é', '\u212a', 'ſ', '[warn]', 'i/o', 'dev sda', 'out of', 'memory'];
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    let s = samples[Math.floor(r() * samples.length)];
    const u = r();
    if (u < 0.2) s = s.toUpperCase();
    else if (u < 0.35) s = s.slice(0, Math.floor(r() * s.length));
    else if (u < 0.5) {
      const at = Math.floor(r() * s.length);
      s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(r() * 95)) + s.slice(at + 1);
    } else if (u < 0.6) s = s.slice(Math.floor(r() * s.length));
    const a = noise[Math.floor(r() * noise.length)];
    const b = noise[Math.floor(r() * noise.length)];
    out.push(r() < 0.5 ? `${a} ${s} ${b}` : `${s}${b}`);
  }
  return out;
}

describe('signature finder', () => {
  const sigs = builtinSignatures();
  const finder = signatureFinder(sigs, { scanFrom: 0 });

  const ahead = builtinSignatureLiterals();
  it.each<[string, FinderOptions | null]>([
    ['the literal scan', { scanFrom: 0 }],
    ['every pattern in turn', { scanFrom: Infinity }],
    ['the built-in finder (every pattern, then the scan)', null],
    ['literals known ahead, each checked on its own (the bundled CLI\'s first texts)', { scanFrom: Infinity, ahead, prefilterTexts: Infinity }],
    ['literals known ahead, then every pattern, then the scan built from them', { scanFrom: 2000, ahead, prefilterTexts: 500 }],
  ])('names the same signature as trying every pattern in order, on real and generated lines: %s', (_, options) => {
    const f = options ? signatureFinder(sigs, options) : builtinSignatureFinder();
    const texts = [...corpusLines(), ...generated(sigs, 20_000)];
    expect(texts.length).toBeGreaterThan(30_000);
    let named = 0;
    for (const text of texts) {
      const want = reference(sigs, text);
      if (f.find(text) !== want) expect({ text, got: f.find(text) }).toEqual({ text, got: want });
      if (f.find(text, true) !== reference(sigs, text, true)) expect({ text, decisive: f.find(text, true) }).toEqual({ text, decisive: reference(sigs, text, true) });
      if (want >= 0) named++;
    }
    // The comparison means something only if many lines name a signature and many do not.
    expect(named).toBeGreaterThan(2000);
    expect(texts.length - named).toBeGreaterThan(2000);
  });

  it('names with firstOf, in every mode, the first signature an allowed one matches, as trying each allowed pattern in order', () => {
    const notCrash = (i: number) => sigs[i].family !== 'crash';
    const texts = [...corpusLines().slice(0, 5000), ...generated(sigs, 3000)];
    const finders = [signatureFinder(sigs, { scanFrom: 0 }), signatureFinder(sigs, { scanFrom: Infinity }), signatureFinder(sigs, { scanFrom: Infinity, ahead }), signatureFinder(sigs, { scanFrom: 100, ahead })];
    for (const text of texts) {
      const want = sigs.findIndex((s) => s.re.test(text));
      const wantNotCrash = sigs.findIndex((s, i) => notCrash(i) && s.re.test(text));
      for (const f of finders) {
        f.find(text); // the finder's own switch to the scanner must not change firstOf's answers
        if (f.firstOf(text) !== want || f.firstOf(text, notCrash) !== wantNotCrash) expect({ text, got: [f.firstOf(text), f.firstOf(text, notCrash)] }).toEqual({ text, got: [want, wantNotCrash] });
      }
    }
  });

  it('uses the literal scan from the first text once prepared, naming the same signatures', () => {
    let tried = 0;
    class Counted extends RegExp {
      override test(text: string): boolean {
        tried++;
        return super.test(text);
      }
    }
    const counted = sigs.map((s): Signature => ({ ...s, re: new Counted(s.re.source, s.re.flags) }));
    const f = signatureFinder(counted, { scanFrom: Infinity });
    f.prepare();
    // Only the patterns that require no literal at all are tried on a text that holds none of the others' literals.
    const literalFree = counted.filter((s) => patternLiterals(s.re) === null).length;
    expect(f.find('Processed request e6ae3ffd2e046b20 in 41 ms')).toBe(-1);
    expect(tried).toBe(literalFree);
    for (const text of generated(sigs, 3000)) expect(f.find(text)).toBe(reference(sigs, text));
  });

  it('finds every sample of every signature and no signature in a line without its words', () => {
    for (const [i, s] of sigs.entries()) for (const sample of s.spec.samples) expect(finder.find(sample)).toBeLessThanOrEqual(i);
    expect(finder.find('Processed request e6ae3ffd2e046b20 in 41 ms')).toBe(-1);
    expect(finder.find('')).toBe(-1);
  });

  it('tries a pattern with no required literal on every text, keeping signature order', () => {
    const [first, second] = sigs;
    const anything: Signature = { ...second, re: /\d+ (?:\w+)?$/i };
    const list = [first, anything, second];
    const f = signatureFinder(list, { scanFrom: 0 });
    for (const text of ['disk 42 full', 'x 42', 'nothing here', ...first.spec.samples, ...second.spec.samples]) expect(f.find(text)).toBe(reference(list, text));
    expect(f.find('after 42 ')).toBe(1);
    const known = signatureFinder(list, { scanFrom: Infinity, ahead: builtinSignatureLiterals(), prefilterTexts: Infinity });
    expect(known.find('after 42 ')).toBe(1);
    expect(known.find(first.spec.samples[0])).toBe(0);
  });

  it('knows ahead the literals of every built-in pattern, in lower case, nearly all of them requiring some', () => {
    const known = Object.values(ahead);
    expect(known.length).toBe(new Set(sigs.map((s) => `${s.re.flags}/${s.re.source}`)).size);
    expect(known.filter((l) => l !== null && l.length > 0).length).toBeGreaterThan(known.length * 0.9);
    for (const l of known) for (const text of l ?? []) expect(text).toBe(text.toLowerCase());
  });

  it('tells a continuation line that names a failure as before: any signature with a failure word or on a Warning event row, a decisive one without', () => {
    for (const text of generated(sigs, 5000)) {
      const stackFrame = /^\s*(?:at |File "|\S+\.go:\d+|#\d+ |\.\.\. \d+ more)/.test(text);
      const failed = FAILURE_WORD.test(text) || EVENT_WARNING.test(text);
      const want = !stackFrame && reference(sigs, text, !failed) >= 0;
      if (namesKnownFailure(text) !== want) expect({ text, names: namesKnownFailure(text) }).toEqual({ text, names: want });
    }
  });
});
