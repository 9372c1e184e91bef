// Source lanes: each event coloured by level. When the visible events of a
// lane are fewer than its pixels they are drawn as individual ticks; past that
// the lane becomes a density strip (a per-pixel histogram whose error and
// warning shares are drawn in their colours, so one error among a thousand
// lines still shows). Density comes from the precomputed levels (density.ts),
// so the cost of a frame follows the canvas width, not the event count.
// Fills are batched by colour: one fillStyle per level per lane.

import { Level } from '../engine/model/levels.ts';
import { baseBinMs, densityToPixels, eventsToPixels, type Density, type PixelBins } from '../store/density.ts';
import type { Frame } from './frame.ts';
import { rowBox } from './frame.ts';
import { laneLowerBound } from '../store/lanes.ts';

/** Ticks while a lane shows at most one event per this many CSS px. */
const PX_PER_TICK = 3;

export function drawEvents(f: Frame): void {
  const { layout, model, sp } = f;
  const px = Math.ceil(sp.cssWidth);
  for (const row of layout.rows) {
    if (row.kind !== 'source') continue;
    const box = rowBox(f, row);
    if (!box) continue;
    const lane = model.lanes[row.index];
    if (!lane || lane.rows.length === 0) continue;
    const tMs = f.data.table.tMs;
    const from = laneLowerBound(tMs, lane.rows, sp.t0);
    const to = laneLowerBound(tMs, lane.rows, sp.t1 + sp.msPerCss);
    if (to <= from) continue;
    const pad = Math.round(Math.min(5, row.h * 0.18) * f.dpr);
    const y = box.y + pad;
    const h = box.h - 2 * pad;
    const ticks = (to - from) * PX_PER_TICK <= px;
    const density = f.density[row.index];
    const bins = f.scratch;
    const fill = (d: Density | null, mask: Uint8Array | null) => {
      if (d && sp.msPerCss >= baseBinMs(d)) densityToPixels(d, sp.t0, sp.msPerCss, px, bins);
      else eventsToPixels(f.data.table, lane.rows, from, to, mask, sp.t0, sp.msPerCss, px, bins);
    };
    if (f.filter) {
      fill(density, null);
      if (ticks) drawTicks(f, bins, px, y, h, f.pal.dim);
      else drawStrip(f, bins, px, y, h, f.pal.dim);
      fill(f.filter.density[row.index], f.filter.mask);
    } else {
      fill(density, null);
    }
    if (ticks) drawTicks(f, bins, px, y, h, null);
    else drawStrip(f, bins, px, y, h, null);
  }
}

/** One tick per occupied pixel, coloured by the most severe level in it. */
function drawTicks(f: Frame, bins: PixelBins, px: number, y: number, h: number, only: string | null): void {
  const { ctx, dpr } = f;
  const w = Math.max(1, Math.round(dpr * 1.5));
  for (let lv = Level.none; lv <= Level.fatal; lv++) {
    ctx.fillStyle = only ?? f.pal.levels[lv];
    const tall = lv >= Level.warn ? h : Math.round(h * 0.8);
    const top = y + (h - tall);
    for (let x = 0; x < px; x++) {
      if (bins.maxLevel[x] !== lv) continue;
      ctx.fillRect(Math.round(x * dpr), top, w, tall);
    }
  }
}

/** CSS px per histogram bar: per-pixel counts are too noisy to read. */
const BUCKET_PX = 3;

/**
 * Histogram strip: one bar per few pixels, height by log count (auto-gained
 * to the busiest bar in view), with the error and warning shares of each bar
 * drawn in their colours and never thinner than visible.
 */
function drawStrip(f: Frame, bins: PixelBins, px: number, y: number, h: number, only: string | null): void {
  const { ctx, dpr } = f;
  const nb = Math.ceil(px / BUCKET_PX);
  const total = new Float64Array(nb);
  const warn = new Float64Array(nb);
  const err = new Float64Array(nb);
  let max = 1;
  for (let x = 0; x < px; x++) {
    if (bins.total[x] === 0) continue;
    const b = (x / BUCKET_PX) | 0;
    total[b] += bins.total[x];
    warn[b] += bins.warn[x];
    err[b] += bins.error[x];
  }
  for (let b = 0; b < nb; b++) if (total[b] > max) max = total[b];
  const scale = h / Math.log1p(max);
  const minH = Math.max(1, Math.round(dpr * 1.5));
  const w = Math.max(1, Math.round(BUCKET_PX * dpr) - Math.max(1, Math.round(dpr * 0.75)));
  const x0 = (b: number) => Math.round(b * BUCKET_PX * dpr);
  const bar = (b: number) => Math.max(minH, Math.round(Math.log1p(total[b]) * scale));
  ctx.fillStyle = only ?? f.pal.levels[Level.info];
  for (let b = 0; b < nb; b++) {
    if (total[b] === 0) continue;
    const bh = bar(b);
    ctx.fillRect(x0(b), y + h - bh, w, bh);
  }
  if (only) return;
  ctx.fillStyle = f.pal.levels[Level.warn];
  for (let b = 0; b < nb; b++) {
    if (warn[b] === 0) continue;
    const bh = bar(b);
    const below = Math.round((bh * err[b]) / total[b]);
    const part = Math.max(minH, Math.round((bh * warn[b]) / total[b]));
    ctx.fillRect(x0(b), y + h - below - part, w, part);
  }
  ctx.fillStyle = f.pal.levels[Level.error];
  for (let b = 0; b < nb; b++) {
    if (err[b] === 0) continue;
    const bh = bar(b);
    const part = Math.max(minH, Math.round((bh * err[b]) / total[b]));
    ctx.fillRect(x0(b), y + h - part, w, part);
  }
}
