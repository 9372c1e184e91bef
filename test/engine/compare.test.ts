// Comparing a range with the rest of the logs: the Fisher test against
// values computed by hand, and the whole comparison on generated logs whose
// answer is known (test/fixtures/compare/planted.ts): the planted value
// ranks first, a value spread evenly is never listed, a log with nothing
// planted lists nothing, each item's query selects exactly the rows counted,
// and the rest is sampled from outside the range only.

import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../src/engine/session/session.ts';
import { blobSource } from '../../src/engine/ingest/byte-source.ts';
import { fisherUpperLogP, logFactorial } from '../../src/engine/compare/fisher.ts';
import { evenRestRows, evenRows } from '../../src/engine/compare/compare.ts';
import { rankCandidates } from '../../src/engine/compare/rank.ts';
import { fieldCandidates } from '../../src/engine/compare/fields.ts';
import { queryRegex } from '../../src/share/query-regex.ts';
import { plantedLog, type PlantOptions } from '../fixtures/compare/planted.ts';

async function loaded(o: PlantOptions = {}) {
  const log = plantedLog(o);
  const s = new EngineSession();
  await s.load([blobSource(new Blob([log.text]), 'api.jsonl')]);
  return { s, log };
}

async function count(s: EngineSession, q: string): Promise<number> {
  return (await s.search(q, queryRegex)).reduce((a, b) => a + b, 0);
}

/** P(X >= a) summed term by term from binomial coefficients (BigInt, exact), for small tables. */
function bruteUpperP(a: number, n: number, b: number, m: number): number {
  const choose = (x: number, y: number): bigint => {
    if (y < 0 || y > x) return 0n;
    let r = 1n;
    for (let i = 0; i < y; i++) r = (r * BigInt(x - i)) / BigInt(i + 1);
    return r;
  };
  const k = a + b;
  let num = 0n;
  for (let x = a; x <= Math.min(k, n); x++) num += choose(k, x) * choose(n + m - k, n - x);
  return Number((num * 10n ** 18n) / choose(n + m, n)) / 1e18;
}

describe('Fisher exact test, one-sided', () => {
  it('matches tables worked by hand', () => {
    // All 3 marked rows fall among the 3 drawn of 6: 1 / C(6,3).
    expect(Math.exp(fisherUpperLogP(3, 3, 0, 3))).toBeCloseTo(1 / 20, 12);
    // Fisher's tea-tasting table: 4 of 4 right, 1 / 70.
    expect(Math.exp(fisherUpperLogP(4, 4, 0, 4))).toBeCloseTo(1 / 70, 12);
    // Nothing over-represented: a share equal to the rest's is far from significant.
    expect(Math.exp(fisherUpperLogP(10, 100, 10, 100))).toBeGreaterThan(0.4);
  });

  it('agrees with an exact sum on tables of every shape', () => {
    for (const [a, n, b, m] of [[5, 40, 3, 200], [12, 30, 40, 300], [2, 500, 0, 900], [30, 60, 30, 60], [1, 1, 0, 10]]) {
      expect(Math.exp(fisherUpperLogP(a, n, b, m)), `${a} ${n} ${b} ${m}`).toBeCloseTo(bruteUpperP(a, n, b, m), 10);
    }
  });

  it('keeps ranking where p underflows (a million rows)', () => {
    const strong = fisherUpperLogP(5000, 10_000, 100, 990_000);
    const weaker = fisherUpperLogP(2500, 10_000, 100, 990_000);
    expect(Number.isFinite(strong)).toBe(true);
    expect(strong).toBeLessThan(weaker);
    expect(logFactorial(300)).toBeCloseTo(Array.from({ length: 300 }, (_, i) => Math.log(i + 1)).reduce((x, y) => x + y), 8);
  });
});

describe('compare a range with the rest', async () => {
  const { s, log } = await loaded();

  it('ranks the planted value first, with its counts, and never lists the evenly spread one', async () => {
    const r = await s.compare(log.plantFrom, log.plantTo);
    if (!r) throw new Error('no result');
    expect(r.inRows).toBe(200);
    expect(r.restRows).toBe(2800);
    const top = r.items[0];
    // Four values carry the plant exactly (upstream, status, level, template): they tie, and one of them leads.
    const planted = new Set(['upstream=db-3', 'status=503', 'level=error', 'pattern="query timed out after <*> ms"']);
    expect(planted.has(top.query), top.query).toBe(true);
    for (const q of planted) {
      const item = r.items.find((i) => i.query === q);
      expect(item, q).toBeDefined();
      expect(item?.inCount).toBe(log.plantedRows);
      expect(item?.restCount).toBe(0);
      expect(item?.ratio).toBeNull();
      expect(item?.p).toBeLessThan(1e-10);
    }
    expect(r.items.slice(0, 4).map((i) => i.query).sort()).toEqual([...planted].sort());
    expect(r.items.some((i) => i.field === 'region')).toBe(false);
    expect(r.items.some((i) => i.field === 'host')).toBe(false);
  });

  it('each item\'s query selects the rows it counted', async () => {
    const r = await s.compare(log.plantFrom, log.plantTo);
    for (const item of r?.items ?? []) {
      expect(await count(s, item.query), item.query).toBe(item.inCount + item.restCount);
    }
  });

  it('a value that is not rarer outside is not over-represented: the healthy upstreams stay off the list', async () => {
    const r = await s.compare(log.plantFrom, log.plantTo);
    expect(r?.items.some((i) => i.query === 'upstream=db-1' || i.query === 'status=200')).toBe(false);
  });

  it('lists nothing for a log where nothing was planted, whatever the range', async () => {
    const { s: quiet, log: q } = await loaded({ from: 0, to: 0, seed: 11 });
    for (const [a, b] of [[100, 300], [1000, 1600], [2500, 2999]]) {
      const r = await quiet.compare(q.t0 + a * 1000, q.t0 + b * 1000);
      expect(r?.items.map((i) => i.query), `${a}-${b}`).toEqual([]);
      expect(r?.tested).toBeGreaterThan(5);
    }
  });

  it('finds a planted value from a sample when the range is bigger than the sample', async () => {
    const { s: big, log: b } = await loaded({ seconds: 12_000, from: 4000, to: 10_000, plantShare: 0.2, seed: 3 });
    const r = await big.compare(b.plantFrom, b.plantTo);
    expect(r?.fieldSample?.inRows).toBeLessThan(r?.inRows ?? 0);
    const up = r?.items.find((i) => i.query === 'upstream=db-3');
    expect(up?.inSampled).toBe(true);
    // An estimate from 3,000 of 6,000 rows: within 10 % of the true count.
    expect(Math.abs((up?.inCount ?? 0) - b.plantedRows)).toBeLessThan(b.plantedRows * 0.1);
    expect(r?.items.some((i) => i.field === 'region')).toBe(false);
  });
});

describe('the pieces', () => {
  it('leaves out fields that only say where a row sits in time', () => {
    // Three rows in the range share a second and a sequence number never seen outside; their error is new too.
    const inside = [0, 1, 2].map(() => [['time', '2024-05-01T12:00:07Z'], ['at', '12:00:07'], ['seq', '7'], ['err', 'refused']] as [string, string][]);
    const outside = Array.from({ length: 50 }, (_, i) => [['time', `2024-05-01T11:00:${String(i).padStart(2, '0')}Z`], ['at', `11:00:${i}`], ['seq', String(100 + i)]] as [string, string][]);
    const fields = fieldCandidates(inside, outside, 3, 50).candidates.map((c) => c.field);
    expect(fields).toEqual(['err']);
  });

  it('samples the rest from outside the range only, evenly', () => {
    const rows = evenRestRows(100, 400, 1000, 50);
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r < 100 || (r >= 400 && r < 1000))).toBe(true);
    expect(new Set(rows).size).toBe(50);
    expect(rows.filter((r) => r < 100).length).toBeGreaterThan(5);
    expect(evenRows(10, 20, 100)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('leaves out values seen fewer than three times, drifts under 1.5x, and applies Bonferroni', () => {
    const group = (a: number, b: number) => ({ nIn: 100, nRest: 10_000, totalIn: 100, totalRest: 10_000, candidates: [{ dimension: 'field' as const, field: 'x', value: 'v', query: 'x=v', a, b }] });
    expect(rankCandidates([group(2, 0)]).items).toEqual([]);
    expect(rankCandidates([group(3, 0)]).items).toHaveLength(1);
    // 14 % of the range against 10 % of the rest: real on these counts, but not a change worth listing.
    expect(rankCandidates([group(14, 1000)]).items).toEqual([]);
    // Six in the range (6 %) against 1 % of the rest: listed alone, adjusted away among 100 tests.
    const one = rankCandidates([group(6, 100)]);
    expect(one.items).toHaveLength(1);
    const others = Array.from({ length: 99 }, () => group(3, 300));
    expect(rankCandidates([group(6, 100), ...others]).items).toEqual([]);
    const many = rankCandidates([group(6, 100), ...others], { alpha: 2 });
    expect(many.tested).toBe(100);
    expect(many.items.find((i) => i.inCount === 6)?.p).toBeCloseTo(Math.min(1, one.items[0].p * 100), 12);
  });
});
