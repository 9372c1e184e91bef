// Words-and-numbers messages skip masking when their shape was seen before
// (templates/skeleton.ts). That is only right if masking such a message
// depends on its shape alone, and if the templater still files each message
// under a pattern that covers it while patterns widen. Both are checked here
// on generated messages built to probe the edges (adjacent numbers, capitals,
// request-like lines, long and short numbers).
import { describe, expect, it } from 'vitest';
import { maskMessage, WILDCARD } from '../../src/engine/templates/mask.ts';
import { NOT_SIMPLE, shapeHash } from '../../src/engine/templates/skeleton.ts';
import { Templater } from '../../src/engine/templates/templater.ts';
import { rng } from './dialects.ts';

const WORDS = ['order', 'shipped', 'to', 'customer', 'worker', 'alpha', 'beta', 'done', 'GET', 'Get', 'POST', 'status', 'x', 'A', 'retry', 'in', 'ms', 'OK'];

function messages(n: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const parts: string[] = [];
    const len = 1 + Math.floor(r() * 7);
    for (let j = 0; j < len; j++) {
      const roll = r();
      if (roll < 0.4) parts.push(String(Math.floor(r() ** 3 * 1e9)));
      else if (roll < 0.45) parts.push(['200', '503', '0', '0x1f', '12ab34cd56', '-5'][Math.floor(r() * 6)]);
      else parts.push(WORDS[Math.floor(r() * WORDS.length)]);
    }
    out.push(parts.join(r() < 0.95 ? ' ' : '  '));
  }
  return out;
}

describe('message shapes', () => {
  const all = messages(30_000, 11);

  it('only words-and-numbers messages count as simple', () => {
    expect(shapeHash('order 7731 shipped to customer 204')).not.toBe(NOT_SIMPLE);
    expect(shapeHash('GET 12 503')).toBe(NOT_SIMPLE); // a request line keeps its status
    expect(shapeHash('took 35ms')).toBe(NOT_SIMPLE);
    expect(shapeHash('a  b')).toBe(NOT_SIMPLE);
    expect(shapeHash('id 0x1f')).toBe(NOT_SIMPLE);
    expect(shapeHash('')).toBe(NOT_SIMPLE);
  });

  it('masks every simple message of one shape to the same text', () => {
    const byShape = new Map<string, string>();
    const wrong: string[] = [];
    let simple = 0;
    for (const m of all) {
      if (shapeHash(m) === NOT_SIMPLE) continue;
      simple++;
      const key = m.replace(/\d+/g, '0');
      const masked = maskMessage(m);
      const seen = byShape.get(key);
      if (seen === undefined) byShape.set(key, masked);
      else if (seen !== masked && wrong.length < 5) wrong.push(`${m} -> ${masked}, shape gave ${seen}`);
    }
    expect(wrong).toEqual([]);
    expect(simple).toBeGreaterThan(5_000);
  });

  it('files every message under a pattern that covers it, as when every message is masked', () => {
    const t = new Templater({ exactMemo: false });
    const ids = all.map((m) => t.add(m));
    const uncovered: string[] = [];
    all.forEach((m, i) => {
      const pattern = t.patterns[ids[i]].split(' ');
      const tokens = maskMessage(m).split(/\s+/);
      const covers = pattern.length === tokens.length && pattern.every((p, k) => p === WILDCARD || p === tokens[k]);
      if (!covers && uncovered.length < 5) uncovered.push(`${m} under ${t.patterns[ids[i]]}`);
    });
    expect(uncovered).toEqual([]);
    // The same ids and patterns as a templater that masks every message.
    const u = new Templater({ exactMemo: false, shapes: false });
    expect(all.map((m) => u.add(m))).toEqual(ids);
    expect(u.patterns).toEqual(t.patterns);
    expect(t.counts.reduce((a, b) => a + b, 0)).toBe(all.length);
  });

  // One-off messages come in runs of one shape ("order 7731 shipped", "order 12 shipped"...): the templater first
  // tries the shape it saw last, in one pass. Runs here are broken by other shapes, longer numbers, near misses.
  it('gives the same ids when messages come in runs of one shape', () => {
    const r = rng(5);
    const runs: string[] = [];
    for (let k = 0; k < 800; k++) {
      const base = all[Math.floor(r() * all.length)];
      const len = 1 + Math.floor(r() * 30);
      for (let j = 0; j < len; j++) {
        const roll = r();
        let m = base.replace(/\d+/g, () => String(Math.floor(r() * 10 ** (1 + Math.floor(r() * 6)))));
        if (roll < 0.03) m = m + ' x';
        else if (roll < 0.06) m = m.replace(/\d+/, (d) => `${d}a`);
        else if (roll < 0.08) m = m.replace(/\d+/, (d) => d.padStart(250, '9'));
        runs.push(m);
      }
    }
    const t = new Templater({ exactMemo: false });
    const u = new Templater({ exactMemo: false, shapes: false });
    // Also with each message given as its bytes, as ingest does for one-off values sliced from a decoded window.
    const v = new Templater({ exactMemo: false });
    const enc = new TextEncoder();
    const want = runs.map((m) => u.add(m));
    expect(runs.map((m) => t.add(m))).toEqual(want);
    expect(runs.map((m) => v.add(m, enc.encode(`"${m}"`), 1, m.length + 1))).toEqual(want);
    expect(t.patterns).toEqual(u.patterns);
    expect(v.patterns).toEqual(u.patterns);
    expect(v.counts).toEqual(u.counts);
    expect(runs.length).toBeGreaterThan(10_000);
  });

  // Access logs: the same text around a new path on every line, which the templater answers from the last
  // request line (request-memo.ts). Runs here change the path in ways that could move or change the match.
  it('gives the same ids for request lines whose paths differ, whatever the paths hold', () => {
    const r = rng(9);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const heads = ['handled request: ', 'handled request: "', '10.0.0.7 - - ', 'POST ', 'upstream said GET 5 ', '', 'req 42 '];
    const methods = ['GET', 'POST', 'DELETE', 'GET  '];
    const paths = [
      () => `/api/items/${Math.floor(r() * 1e5)}`,
      () => `/x?id=${Math.floor(r() * 1e3)}&q="a"`,
      () => `${Math.floor(r() * 900) + 100}/x`,
      () => `HTTP/${Math.floor(r() * 3)}`,
      () => `/caf\u00e9/${Math.floor(r() * 10)}`,
      () => `/a\u00a0b/${Math.floor(r() * 10)}`,
      () => `/p"`,
      () => '/',
      () => `/v1/${Math.floor(r() * 1e9).toString(16)} 404`,
    ];
    const tails = [' 200', ' 200 12ms', ' HTTP/1.1" 503 -', '" 200', ' 502 upstream 10.0.0.1:443', ' 200 status=500', ' 20', ' 200x'];
    const lines: string[] = [];
    for (let run = 0; run < 600; run++) {
      const head = pick(heads) + pick(methods) + ' ';
      const tail = pick(tails);
      const len = 1 + Math.floor(r() * 25);
      for (let j = 0; j < len; j++) lines.push(head + pick(paths)() + tail);
    }
    const t = new Templater({ exactMemo: false });
    const u = new Templater({ exactMemo: false, shapes: false });
    expect(lines.map((m) => t.add(m))).toEqual(lines.map((m) => u.add(m)));
    expect(t.patterns).toEqual(u.patterns);
    expect(t.counts).toEqual(u.counts);
    expect(lines.length).toBeGreaterThan(5_000);
  });
});
