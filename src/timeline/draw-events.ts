// Source lanes: each event coloured by level. When the visible events of a
// lane are fewer than its pixels they are drawn as individual ticks; past that
// the lane becomes a density strip (a per-pixel histogram whose error and
// warning shares are drawn in their colours, so one error among a thousand
// lines still shows). Density comes from the precomputed levels (density.ts),
// so the cost of a frame follows the canvas width, not the event count.
// Fills are batched by colour: one fillStyle per level per lane.

import { Level } from '../engine/model/levels.ts';
import { baseBinMs, densityToPixels, eventsToPixels, type Density, type PixelBins } from './density.ts';
import type { Frame } from './frame.ts';
import { rowBox } from './frame.ts';
import { laneLowerBound } from './lanes.ts';

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

/** Histogram strip: height by log count (auto-gained to the visible maximum), severity shares on top. */
function drawStrip(f: Frame, bins: PixelBins, px: number, y: number, h: number, only: string | null): void {
  const { ctx, dpr } = f;
  let max = 1;
  for (let x = 0; x < px; x++) if (bins.total[x] > max) max = bins.total[x];
  const scale = h / Math.log1p(max);
  const minH = Math.max(1, Math.round(dpr * 1.5));
  const w = Math.max(1, Math.ceil(dpr));
  const bar = (x: number) => Math.max(minH, Math.round(Math.log1p(bins.total[x]) * scale));
  ctx.fillStyle = only ?? f.pal.levels[Level.info];
  for (let x = 0; x < px; x++) {
    if (bins.total[x] === 0) continue;
    const bh = bar(x);
    ctx.fillRect(Math.round(x * dpr), y + h - bh, w, bh);
  }
  if (only) return;
  // Warnings and errors: their share of the bar, never thinner than visible.
  for (const [key, colour] of [['warn', f.pal.levels[Level.warn]], ['error', f.pal.levels[Level.error]]] as const) {
    ctx.fillStyle = colour;
    const counts = bins[key];
    for (let x = 0; x < px; x++) {
      if (counts[x] === 0) continue;
      const bh = bar(x);
      const part = Math.max(minH, Math.round((bh * counts[x]) / bins.total[x]));
      const below = key === 'warn' ? Math.round((bh * bins.error[x]) / bins.total[x]) : 0;
      ctx.fillRect(Math.round(x * dpr), y + h - below - part, w, part);
    }
  }
}
