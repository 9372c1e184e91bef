// Lane backgrounds, separators and the vertical grid lines that continue the
// axis ticks down through the lanes.

import type { Frame } from './frame.ts';
import { rowBox } from './frame.ts';

export function drawGrid(f: Frame): void {
  const { ctx, pal, layout, sp } = f;
  const w = sp.deviceWidth;
  ctx.fillStyle = pal.bg;
  ctx.fillRect(0, 0, w, Math.ceil(f.viewH * f.dpr));
  let sourceIndex = 0;
  for (const row of layout.rows) {
    const box = rowBox(f, row);
    if (row.kind === 'source') sourceIndex++;
    if (!box) continue;
    if (row.kind === 'mark') {
      ctx.fillStyle = pal.markLaneBg;
      ctx.fillRect(0, box.y, w, box.h);
    } else if (sourceIndex % 2 === 0) {
      ctx.fillStyle = pal.laneAlt;
      ctx.fillRect(0, box.y, w, box.h);
    }
  }
  // Grid lines at the axis ticks.
  ctx.fillStyle = pal.grid;
  const ticks = sp.axisScale(f.zone).ticks(Math.max(2, Math.floor(sp.cssWidth / 120)));
  const lw = Math.max(1, Math.round(f.dpr));
  const hDev = Math.ceil(Math.min(layout.height - f.scrollTop, f.viewH) * f.dpr);
  for (const t of ticks) ctx.fillRect(sp.tToDevice(t.getTime()), 0, lw, hDev);
  // Separators: a stronger one under the mark lanes.
  ctx.fillStyle = pal.separator;
  let lastMark = true;
  for (const row of layout.rows) {
    const box = rowBox(f, row);
    const isBoundary = lastMark && row.kind === 'source';
    lastMark = row.kind === 'mark';
    if (!box) continue;
    ctx.globalAlpha = isBoundary ? 1 : 0.45;
    ctx.fillRect(0, box.y, w, isBoundary ? lw * 2 : lw);
  }
  ctx.globalAlpha = 1;
}
