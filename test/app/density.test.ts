// Density levels must give the same per-pixel counts as walking the events,
// at every zoom, without walking them.
import { describe, expect, it } from 'vitest';
import { baseBinMs, buildDensity, densityToPixels, eventsToPixels, newPixelBins } from '../../src/store/density.ts';
import { Level } from '../../src/engine/model/levels.ts';
import { table } from './helpers.ts';

function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('density levels', () => {
  const rand = lcg(42);
  const rows = Array.from({ length: 20000 }, () => ({ t: Math.floor(rand() * 3_600_000), level: rand() < 0.02 ? Level.error : rand() < 0.05 ? Level.warn : Level.info }));
  const t = table(rows);
  const all = Uint32Array.from({ length: t.length }, (_, i) => i);
  const d = buildDensity(t, all, [0, 3_600_000]);

  it('conserves every event, and every error, at every level', () => {
    const errors = rows.filter((r) => r.level === Level.error).length;
    for (const lv of d.levels) {
      expect(lv.total.reduce((a, b) => a + b, 0)).toBe(20000);
      expect(lv.error.reduce((a, b) => a + b, 0)).toBe(errors);
    }
  });

  it('matches walking the events when zoomed out (within one bin of rounding per pixel)', () => {
    const px = 800;
    const msPerPx = 3_600_000 / px;
    expect(msPerPx).toBeGreaterThanOrEqual(baseBinMs(d));
    const a = newPixelBins(px);
    const b = newPixelBins(px);
    densityToPixels(d, 0, msPerPx, px, a);
    eventsToPixels(t, all, 0, all.length, null, 0, msPerPx, px, b);
    const sum = (x: Float64Array) => x.reduce((s, v) => s + v, 0);
    expect(sum(a.total)).toBe(sum(b.total));
    expect(sum(a.error)).toBe(sum(b.error));
    // Summed over 10-pixel blocks the two agree closely.
    for (let i = 0; i < px; i += 10) {
      const sa = a.total.slice(i, i + 10).reduce((s, v) => s + v, 0);
      const sb = b.total.slice(i, i + 10).reduce((s, v) => s + v, 0);
      expect(Math.abs(sa - sb)).toBeLessThanOrEqual(Math.max(6, sb * 0.15));
    }
    // A pixel with an error says so in its most severe level.
    const withErr = b.error.findIndex((v) => v > 0);
    expect(b.maxLevel[withErr]).toBeGreaterThanOrEqual(Level.error);
  });

  it('a mask (the filtered view) keeps only its rows', () => {
    const mask = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i += 2) mask[i] = 1;
    const dm = buildDensity(t, all, [0, 3_600_000], mask);
    expect(dm.levels[0].total.reduce((a, b) => a + b, 0)).toBe(10000);
  });
});
