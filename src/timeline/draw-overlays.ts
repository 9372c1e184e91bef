// What sits on top of the lanes: the selected finding's window and its
// evidence events, the brushed range, the selected event's request flow (its
// events ringed on every lane and joined in time order, as Perfetto draws
// flow arrows), the selected event, the reference point for relative times
// and the pointer's time line.

import type { Interval } from '../store/types.ts';
import type { Frame } from './frame.ts';
import { rowBox } from './frame.ts';

export interface OverlayState {
  findingWindow: Interval | null;
  evidence: readonly number[];
  range: Interval | null;
  selectedRow: number | null;
  /** Rows of the selected event's flow, in time order (empty: none). */
  flow: readonly number[];
  reference: number | null;
  cursor: number | null;
}

export function drawOverlays(f: Frame, s: OverlayState): void {
  const { ctx, sp, dpr, pal } = f;
  const hDev = Math.ceil(Math.min(f.layout.height - f.scrollTop, f.viewH) * dpr);
  const band = (iv: Interval, fill: string, edge: string) => {
    const x0 = sp.tToDevice(iv[0]);
    const x1 = Math.max(x0 + 1, sp.tToDevice(iv[1]));
    ctx.fillStyle = fill;
    ctx.fillRect(x0, 0, x1 - x0, hDev);
    ctx.fillStyle = edge;
    ctx.fillRect(x0, 0, Math.max(1, Math.round(dpr)), hDev);
    ctx.fillRect(x1 - Math.max(1, Math.round(dpr)), 0, Math.max(1, Math.round(dpr)), hDev);
  };
  if (s.findingWindow) band(s.findingWindow, pal.band, pal.accent);
  if (s.range) band(s.range, pal.band, pal.muted);

  // Evidence: a ring on each evidence event's lane.
  if (s.evidence.length > 0) {
    const sourceRows = f.layout.rows.filter((r) => r.kind === 'source');
    ctx.strokeStyle = pal.evidence;
    ctx.lineWidth = 2 * dpr;
    const r = 4 * dpr;
    ctx.beginPath();
    let lastX = -1;
    let lastLane = -1;
    for (const row of s.evidence) {
      const t = f.data.table.tMs[row];
      if (t < sp.t0 || t > sp.t1) continue;
      const lane = f.model.laneOfRow[row];
      const x = sp.tToDevice(t);
      if (lane === lastLane && Math.abs(x - lastX) < r) continue;
      lastX = x;
      lastLane = lane;
      const laneRow = sourceRows[lane];
      const box = laneRow && rowBox(f, laneRow);
      if (!box) continue;
      const cy = box.y + box.h / 2;
      ctx.moveTo(x + r, cy);
      ctx.arc(x, cy, r, 0, Math.PI * 2);
    }
    ctx.stroke();
  }

  if (s.flow.length > 1) drawFlow(f, s.flow);

  if (s.reference !== null) vline(f, s.reference, pal.signal, [4, 3], hDev);
  if (s.selectedRow !== null && s.selectedRow < f.data.table.length) {
    const t = f.data.table.tMs[s.selectedRow];
    vline(f, t, pal.selection, null, hDev);
    const lane = f.model.laneOfRow[s.selectedRow];
    const laneRow = f.layout.rows.filter((r) => r.kind === 'source')[lane];
    const box = laneRow && rowBox(f, laneRow);
    if (box) {
      ctx.strokeStyle = pal.selection;
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.arc(sp.tToDevice(t), box.y + box.h / 2, 6 * dpr, 0, Math.PI * 2);
      ctx.stroke();
    }
  }
  if (s.cursor !== null) vline(f, s.cursor, pal.muted, [2, 2], hDev);
}

/** The flow's events: a line through them in time order, lane to lane, and a ring on each one in view. */
function drawFlow(f: Frame, rows: readonly number[]): void {
  const { ctx, sp, dpr, pal } = f;
  const sourceRows = f.layout.rows.filter((r) => r.kind === 'source');
  const pts: [number, number][] = [];
  for (const row of rows) {
    if (row >= f.data.table.length) continue;
    const laneRow = sourceRows[f.model.laneOfRow[row]];
    const box = laneRow && rowBox(f, laneRow);
    if (!box) continue;
    const x = Math.max(-1e6, Math.min(1e6, sp.tToDevice(f.data.table.tMs[row])));
    pts.push([x, box.y + box.h / 2]);
  }
  if (pts.length === 0) return;
  ctx.strokeStyle = pal.flow;
  ctx.lineWidth = Math.max(1, 1.5 * dpr);
  ctx.globalAlpha = 0.7;
  ctx.beginPath();
  pts.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.lineWidth = 2 * dpr;
  const r = 5 * dpr;
  const w = ctx.canvas.width;
  ctx.beginPath();
  for (const [x, y] of pts) {
    if (x < -r || x > w + r) continue;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
  ctx.stroke();
}

function vline(f: Frame, t: number, colour: string, dash: number[] | null, hDev: number): void {
  const { ctx, sp, dpr } = f;
  if (t < sp.t0 || t > sp.t1) return;
  const x = sp.tToDevice(t) + 0.5;
  ctx.strokeStyle = colour;
  ctx.lineWidth = Math.max(1, Math.round(dpr));
  ctx.setLineDash(dash ? dash.map((d) => d * dpr) : []);
  ctx.beginPath();
  ctx.moveTo(x, 0);
  ctx.lineTo(x, hDev);
  ctx.stroke();
  ctx.setLineDash([]);
}
