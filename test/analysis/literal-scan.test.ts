// The classifier's literal scan decides which vocabulary patterns a message is
// even tried against, so a literal it misses is a crash or timeout the
// timeline never marks. Its answers must be those of a plain substring search
// (ASCII letters in either case), for text read as characters and as bytes,
// whatever characters outside the literals' alphabet (accents, other scripts,
// bytes from 0x80 up) surround them.

import { describe, expect, it } from 'vitest';
import { LiteralScanner } from '../../src/engine/classify/literal-scan.ts';
import { rng } from '../bench/generate.ts';

const LITERALS = [
  { text: 'timeout', entry: 0 },
  { text: 'time', entry: 1 },
  { text: 'killed by signal 9', entry: 2 },
  { text: 'oom', entry: 3 },
  { text: 'out of memory', entry: 3 },
  { text: '503', entry: 4 },
  { text: 'e: ', entry: 5 },
];

/** What the scan must report: which entries have a literal in the text, ASCII letters read in lower case. */
function reference(text: string): boolean[] {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const seen = new Array<boolean>(6).fill(false);
  for (const { text: lit, entry } of LITERALS) if (lower.includes(lit)) seen[entry] = true;
  return seen;
}

const PIECES = ['time', 'TIME', 'Timeout', 'tim', 'eout', 'killed by signal 9', 'KILLED BY SIGNAL 9', 'killed by signal', ' 9', '50', '3', 'oo', 'm', 'OOM', 'out of ', 'memory', 'e:', ' ', 'é', 'ÿ', '\u0100', 'ſ', '\u2028', '日本', 'x', '5',
  // Characters whose low bits are those of a literal's letters ('ï' is 0xEF, 'o' 0x6F; 'ů' is U+016F): read as anything but "other", they would complete one.
  't', 'me', 'ï', 'om', 'ů', 'ïom', 'oů', 'tïmeout'];

function texts(n: number): string[] {
  const r = rng(11);
  const out: string[] = ['', 'time', 'é'];
  for (let i = 0; i < n; i++) {
    let t = '';
    const k = 1 + Math.floor(r() * 8);
    for (let j = 0; j < k; j++) t += PIECES[Math.floor(r() * PIECES.length)];
    out.push(t);
  }
  return out;
}

describe('literal scan', () => {
  const scanner = new LiteralScanner(LITERALS, 6);
  const saw = () => Array.from({ length: 6 }, (_, e) => scanner.saw(e));

  it('reports exactly the entries whose literals a text holds, any case, between any characters', () => {
    for (const text of texts(4000)) {
      scanner.begin();
      const any = scanner.feed(text);
      const want = reference(text);
      expect(saw(), text).toEqual(want);
      expect(any, text).toBe(want.some(Boolean));
    }
  });

  it('reads bytes from 0x80 up as characters outside every literal, as the text path does', () => {
    for (const text of texts(4000)) {
      // One byte per character (Latin-1): a byte from 0x80 up stands where a non-ASCII character would.
      const latin1 = [...text].map((c) => (c.charCodeAt(0) < 256 ? c : '\u00ff')).join('');
      const b = Uint8Array.from(latin1, (c) => c.charCodeAt(0));
      scanner.begin();
      const any = scanner.feedBytes(b, 0, b.length);
      const want = reference(latin1);
      expect(saw(), latin1).toEqual(want);
      expect(any, latin1).toBe(want.some(Boolean));
    }
  });
});
