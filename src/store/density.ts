// Per-lane density levels (a time "mipmap", as uPlot decimates and Perfetto
// caches per-track summaries): for every lane with many events, bins over the
// data extent at a base resolution, then each level halves the resolution.
// A frame picks the level whose bins are just finer than a pixel and sums at
// most ~2 bins per pixel, so drawing cost depends on the canvas width, never
// on the number of events (5 million events stay interactive).

import type { EventTable } from '../engine/model/event-table.ts';
import { Level } from '../engine/model/levels.ts';
import { inSteps, runSteps, type Steps } from './steps.ts';

export interface DensityLevel {
  binMs: number;
  /** Events per bin, and how many of them are warnings / errors (error + fatal). */
  total: Uint32Array;
  warn: Uint32Array;
  error: Uint32Array;
}

export interface Density {
  t0: number;
  levels: DensityLevel[];
}

/** Per-pixel sums the draw code reads. Reused between frames (no allocation per frame). */
export interface PixelBins {
  total: Float64Array;
  warn: Float64Array;
  error: Float64Array;
  /** Highest level code seen in the pixel (-1 = empty). */
  maxLevel: Int8Array;
}

export function newPixelBins(n: number): PixelBins {
  return { total: new Float64Array(n), warn: new Float64Array(n), error: new Float64Array(n), maxLevel: new Int8Array(n) };
}

const MIN_BINS = 256;
const MAX_BINS = 1 << 16;

/**
 * Build the levels for one lane. `mask` (optional) keeps only rows with a
 * non-zero byte: the filtered view's density.
 */
export function buildDensity(table: EventTable, rows: Uint32Array, extent: readonly [number, number], mask: Uint8Array | null = null): Density {
  return runSteps(buildDensitySteps(table, rows, extent, mask));
}

/** buildDensity in steps of STEP_ROWS rows (steps.ts), for building it across tasks while a file loads. */
export function* buildDensitySteps(table: EventTable, rows: Uint32Array, extent: readonly [number, number], mask: Uint8Array | null = null): Steps<Density> {
  const span = Math.max(1, extent[1] - extent[0]);
  let bins = MIN_BINS;
  while (bins < MAX_BINS && bins < rows.length / 4) bins *= 2;
  const binMs = span / bins;
  const base: DensityLevel = { binMs, total: new Uint32Array(bins), warn: new Uint32Array(bins), error: new Uint32Array(bins) };
  const t0 = extent[0];
  const { tMs, level } = table;
  yield* inSteps(rows.length, (from, to) => {
    for (let k = from; k < to; k++) {
      const r = rows[k];
      if (mask && !mask[r]) continue;
      let b = Math.floor((tMs[r] - t0) / binMs);
      if (b < 0) b = 0;
      else if (b >= bins) b = bins - 1;
      base.total[b]++;
      const lv = level[r];
      if (lv >= Level.error) base.error[b]++;
      else if (lv === Level.warn) base.warn[b]++;
    }
  });
  const levels = [base];
  let prev = base;
  while (prev.total.length > 64) {
    const m = prev.total.length >> 1;
    const next: DensityLevel = { binMs: prev.binMs * 2, total: new Uint32Array(m), warn: new Uint32Array(m), error: new Uint32Array(m) };
    for (let i = 0; i < m; i++) {
      next.total[i] = prev.total[2 * i] + prev.total[2 * i + 1];
      next.warn[i] = prev.warn[2 * i] + prev.warn[2 * i + 1];
      next.error[i] = prev.error[2 * i] + prev.error[2 * i + 1];
    }
    levels.push(next);
    prev = next;
  }
  return { t0, levels };
}

/** Finest base bin width: below it, a frame must look at events instead. */
export function baseBinMs(d: Density): number {
  return d.levels[0].binMs;
}

/**
 * Sum density into `out` for pixels [0, px) covering [t0, t0 + px * msPerPx).
 * Requires msPerPx >= baseBinMs(d). Work: O(px) bins.
 */
export function densityToPixels(d: Density, t0: number, msPerPx: number, px: number, out: PixelBins): void {
  clearBins(out, px);
  let li = 0;
  while (li + 1 < d.levels.length && d.levels[li + 1].binMs <= msPerPx) li++;
  const lv = d.levels[li];
  const n = lv.total.length;
  const first = Math.max(0, Math.floor((t0 - d.t0) / lv.binMs));
  const last = Math.min(n - 1, Math.floor((t0 + px * msPerPx - d.t0) / lv.binMs));
  for (let b = first; b <= last; b++) {
    const c = lv.total[b];
    if (c === 0) continue;
    // Attribute the bin to the pixel under its centre.
    const x = Math.floor((d.t0 + (b + 0.5) * lv.binMs - t0) / msPerPx);
    if (x < 0 || x >= px) continue;
    out.total[x] += c;
    out.warn[x] += lv.warn[b];
    out.error[x] += lv.error[b];
    const ml = lv.error[b] > 0 ? Level.error : lv.warn[b] > 0 ? Level.warn : Level.info;
    if (ml > out.maxLevel[x]) out.maxLevel[x] = ml;
  }
}

/** Sum events rows[from..to) into pixels directly (zoomed in past the base bins). */
export function eventsToPixels(table: EventTable, rows: Uint32Array, from: number, to: number, mask: Uint8Array | null, t0: number, msPerPx: number, px: number, out: PixelBins): void {
  clearBins(out, px);
  for (let k = from; k < to; k++) {
    const r = rows[k];
    if (mask && !mask[r]) continue;
    const x = Math.floor((table.tMs[r] - t0) / msPerPx);
    if (x < 0 || x >= px) continue;
    out.total[x]++;
    const lv = table.level[r];
    if (lv >= Level.error) out.error[x]++;
    else if (lv === Level.warn) out.warn[x]++;
    if (lv > out.maxLevel[x]) out.maxLevel[x] = lv;
  }
}

function clearBins(out: PixelBins, px: number): void {
  out.total.fill(0, 0, px);
  out.warn.fill(0, 0, px);
  out.error.fill(0, 0, px);
  out.maxLevel.fill(-1, 0, px);
}
