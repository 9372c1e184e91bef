// The Patterns panel's figures: per-template counts, first sighting, worst
// level and sparkline buckets in one pass; window counts; and the three sort
// orders a user picks from (count in view, new in the window, bursty).
import { describe, expect, it } from 'vitest';
import { buildPatternStats, burstScore, rankPatterns, windowCounts, SPARK_BUCKETS } from '../../src/app/patterns/pattern-stats.ts';
import type { TemplateInfo } from '../../src/engine/templates/templater.ts';
import { table, type Row } from './helpers.ts';

const S = 1000;
const templates: TemplateInfo[] = [
  { id: 0, pattern: 'GET <*> status=200', count: 0 },
  { id: 1, pattern: 'Failed to connect to upstream', count: 0 },
  { id: 2, pattern: 'Starting centauri', count: 0 },
];

/** A steady request every second for 100 s, a burst of 30 failures at 60-62 s, one start line at 0 s. */
function incident() {
  const rows: Row[] = [{ t: 0, template: 2, level: 3 }];
  for (let s = 0; s < 100; s++) rows.push({ t: s * S + 500, template: 0, level: 3 });
  for (let k = 0; k < 30; k++) rows.push({ t: 60 * S + k * 100, template: 1, level: 5 });
  rows.sort((a, b) => a.t - b.t);
  return table(rows);
}

describe('pattern stats', () => {
  const t = incident();
  const stats = buildPatternStats(t, 3, [0, 100 * S]);

  it('counts, first sighting and usual level per template', () => {
    expect([...stats.total]).toEqual([100, 30, 1]);
    expect(stats.firstMs[1]).toBe(60 * S);
    expect(stats.firstMs[2]).toBe(0);
    expect(stats.level[1]).toBe(5);
    expect(stats.level[0]).toBe(3);
    expect(stats.buckets).toBe(SPARK_BUCKETS);
  });

  it('puts every event in exactly one bucket, the last one included', () => {
    for (let id = 0; id < 3; id++) {
      const line = stats.hist.subarray(id * stats.buckets, (id + 1) * stats.buckets);
      expect(line.reduce((a, b) => a + b, 0)).toBe(stats.total[id]);
    }
    const one = buildPatternStats(table([{ t: 0 }, { t: 10 }]), 1, [0, 10]);
    expect(one.hist[0]).toBe(1);
    expect(one.hist[one.buckets - 1]).toBe(1);
  });

  it('scores a burst far above a steady stream and a one-off line', () => {
    expect(stats.burst[1]).toBeGreaterThan(5 * stats.burst[2]);
    // A busy steady stream does not outrank a one-off line.
    expect(stats.burst[0]).toBeLessThan(stats.burst[2]);
    expect(burstScore([5, 5, 5, 5], 20)).toBeLessThanOrEqual(0);
  });

  it('counts events per template inside a window only', () => {
    // Inclusive at both ends: failures at 60.0, 60.1 ... 61.0 s.
    expect([...windowCounts(t, 3, [59 * S, 61 * S])]).toEqual([2, 11, 0]);
  });

  it('sorts by count in view, by new in the window, and by burstiness', () => {
    const w: [number, number] = [55 * S, 70 * S];
    const inWin = windowCounts(t, 3, w);
    const byCount = rankPatterns(templates, stats, inWin, w, 'count', '', 10).rows.map((r) => r.id);
    expect(byCount).toEqual([1, 0, 2]);
    const fresh = rankPatterns(templates, stats, inWin, w, 'new', '', 10);
    expect(fresh.rows[0]).toMatchObject({ id: 1, isNew: true });
    expect(fresh.fresh).toBe(1);
    const bursty = rankPatterns(templates, stats, windowCounts(t, 3, [0, 100 * S]), [0, 100 * S], 'bursty', '', 10).rows.map((r) => r.id);
    expect(bursty[0]).toBe(1);
  });

  it('calls nothing new when the window starts where the logs start', () => {
    const all: [number, number] = [-5 * S, 105 * S];
    const r = rankPatterns(templates, stats, windowCounts(t, 3, all), all, 'new', '', 10);
    expect(r.fresh).toBe(0);
    expect(r.rows.every((x) => !x.isNew)).toBe(true);
  });

  it('filters by text, case-insensitively, and cuts to the limit', () => {
    const w: [number, number] = [0, 100 * S];
    const inWin = windowCounts(t, 3, w);
    const r = rankPatterns(templates, stats, inWin, w, 'count', 'UPSTREAM', 10);
    expect(r.rows.map((x) => x.pattern)).toEqual(['Failed to connect to upstream']);
    const cut = rankPatterns(templates, stats, inWin, w, 'count', '', 2);
    expect(cut.rows).toHaveLength(2);
    expect(cut.matched).toBe(3);
  });
});
