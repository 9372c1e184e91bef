// The mark lanes (signals as points, operations as spans, bursts, restarts and
// crashes) and the gaps, shaded across the source lanes they belong to. Marks
// number in the hundreds, so each frame simply draws those in the window.

import type { Mark } from '../engine/marks/types.ts';
import type { Frame } from './frame.ts';
import { font, rowBox } from './frame.ts';
import { OP_ROW_H } from './layout.ts';
import { gapLanes } from './mark-geometry.ts';

/** Narrowest room (CSS px) a mark label is drawn in. */
const LABEL_MIN_ROOM = 28;

let hatchCache: { key: string; pattern: CanvasPattern | null } = { key: '', pattern: null };

/** Diagonal hatching for open-ended operations and gaps, cached per colour and scale. */
function hatch(f: Frame, colour: string): CanvasPattern | null {
  const key = `${colour}@${f.dpr}`;
  if (hatchCache.key === key) return hatchCache.pattern;
  const s = Math.round(6 * f.dpr);
  const c = new OffscreenCanvas(s, s);
  const g = c.getContext('2d');
  if (!g) return null;
  g.strokeStyle = colour;
  g.lineWidth = Math.max(1, f.dpr);
  g.beginPath();
  g.moveTo(0, s);
  g.lineTo(s, 0);
  g.moveTo(-s / 2, s / 2);
  g.lineTo(s / 2, -s / 2);
  g.moveTo(s / 2, s * 1.5);
  g.lineTo(s * 1.5, s / 2);
  g.stroke();
  hatchCache = { key, pattern: f.ctx.createPattern(c, 'repeat') };
  return hatchCache.pattern;
}

export function drawMarks(f: Frame, selectedMark: number | null): void {
  const { data, layout, sp } = f;
  const marks = data.marks;
  drawGaps(f);
  const rowsByLane = layout.rows.filter((r) => r.kind === 'mark');
  // Per lane, the marks in view in time order: a label may run until the next mark.
  const perLane: number[][] = rowsByLane.map(() => []);
  for (let i = 0; i < marks.length; i++) {
    const li = layout.markLane[i];
    if (li < 0 || marks[i].end < sp.t0 || marks[i].start > sp.t1) continue;
    perLane[li]?.push(i);
  }
  perLane.forEach((list, li) => {
    const row = rowsByLane[li];
    const box = row && rowBox(f, row);
    if (!box) return;
    list.sort((a, b) => marks[a].start - marks[b].start);
    list.forEach((i, k) => {
      const m = marks[i];
      const next = k + 1 < list.length ? sp.tToDevice(marks[list[k + 1]].start) : sp.deviceWidth;
      if (m.kind === 'operation') drawOperation(f, m, box.y, layout.opRow[i], i === selectedMark);
      else if (m.kind === 'timeout-burst' || m.kind === 'error-burst') drawBurst(f, m, box.y, box.h, i === selectedMark, next);
      else drawPoint(f, m, box.y, box.h, i === selectedMark, next);
    });
  });
}

function drawGaps(f: Frame): void {
  const { ctx, sp, dpr } = f;
  const sourceRows = f.layout.rows.filter((r) => r.kind === 'source');
  ctx.font = font(f, 10);
  ctx.textBaseline = 'middle';
  for (const m of f.data.marks) {
    if (m.kind !== 'gap' || m.end < sp.t0 || m.start > sp.t1) continue;
    const x0 = Math.max(0, sp.tToDevice(m.start));
    const x1 = Math.min(sp.deviceWidth, sp.tToDevice(m.end));
    if (x1 - x0 < 1) continue;
    for (const li of gapLanes(f.model, m)) {
      const row = sourceRows[li];
      const box = row && rowBox(f, row);
      if (!box) continue;
      ctx.fillStyle = f.pal.gap;
      ctx.fillRect(x0, box.y, x1 - x0, box.h);
      const p = hatch(f, f.pal.gap);
      if (p) {
        ctx.fillStyle = p;
        ctx.fillRect(x0, box.y, x1 - x0, box.h);
      }
      const text = m.label || 'gap';
      const tw = ctx.measureText(text).width;
      // Clear of the ring an evidence event at the gap's edge may get.
      const pad = 11 * dpr;
      if (x1 - x0 > tw + pad + 4 * dpr) {
        ctx.fillStyle = f.pal.muted;
        ctx.fillText(text, x0 + pad, box.y + box.h / 2);
      }
    }
  }
}

function drawOperation(f: Frame, m: Mark, laneY: number, sub: number, selected: boolean): void {
  const { ctx, sp, dpr, pal } = f;
  const y = laneY + Math.round((4 + Math.max(0, sub) * OP_ROW_H) * dpr);
  const h = Math.round((OP_ROW_H - 4) * dpr);
  const x0 = sp.tToDevice(m.start);
  // A sliver of background between back-to-back operations keeps them countable.
  const x1 = Math.max(x0 + Math.round(3 * dpr), sp.tToDevice(m.end) - Math.max(1, Math.round(dpr)));
  const colour = m.spanEnd === 'failed' ? pal.opFailed : pal.op;
  const clip = (x: number) => Math.max(-4, Math.min(sp.deviceWidth + 4, x));
  const cx0 = clip(x0);
  const cx1 = clip(x1);
  if (m.spanEnd === 'open') {
    // Never saw its end: solid while it was still logging, then fade and hatch,
    // so it does not read as "took exactly this long".
    const seen = clip(Math.max(x0, Math.min(x1, sp.tToDevice(m.lastSeen ?? m.start))));
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.9;
    if (seen > cx0) ctx.fillRect(cx0, y, seen - cx0, h);
    const g = ctx.createLinearGradient(seen, 0, Math.max(seen + 1, x1), 0);
    g.addColorStop(0, colour);
    g.addColorStop(1, 'transparent');
    ctx.globalAlpha = 0.75;
    ctx.fillStyle = g;
    ctx.fillRect(seen, y, Math.max(1, cx1 - seen), h);
    ctx.globalAlpha = 1;
    const p = hatch(f, pal.bg);
    if (p) {
      ctx.fillStyle = p;
      ctx.fillRect(seen, y, Math.max(1, cx1 - seen), h);
    }
  } else {
    ctx.fillStyle = colour;
    ctx.globalAlpha = m.spanEnd === 'inferred' ? 0.55 : 0.9;
    ctx.fillRect(cx0, y, cx1 - cx0, h);
    ctx.globalAlpha = 1;
    if (m.spanEnd === 'inferred') {
      // End inferred (e.g. from the next start): dashed edge instead of a hard one.
      ctx.fillStyle = colour;
      const dash = Math.max(1, Math.round(2 * dpr));
      for (let yy = y; yy < y + h; yy += dash * 2) ctx.fillRect(cx1 - dash, yy, dash, Math.min(dash, y + h - yy));
    }
  }
  if (selected) outline(f, cx0, y, cx1 - cx0, h);
  const vis0 = Math.max(0, x0);
  const room = Math.min(x1, sp.deviceWidth) - vis0 - 8 * dpr;
  const text = m.label;
  if (room > 24 * dpr) {
    // Set only for a label: zoomed out, thousands of operations have none, and each font set parses CSS.
    ctx.font = font(f, 10, 500);
    const tw = ctx.measureText(text).width;
    ctx.fillStyle = m.spanEnd === 'open' || m.spanEnd === 'inferred' ? pal.text : '#fff';
    ctx.textBaseline = 'middle';
    ctx.save();
    ctx.beginPath();
    ctx.rect(vis0, y, room + 6 * dpr, h);
    ctx.clip();
    ctx.fillText(tw > room ? fitText(ctx, text, room) : text, vis0 + 4 * dpr, y + h / 2 + 0.5);
    ctx.restore();
  }
}

/** The longest prefix of text (plus "…") that fits in `room` device px. */
function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= room) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

function drawBurst(f: Frame, m: Mark, y0: number, h0: number, selected: boolean, nextX: number): void {
  const { ctx, sp, dpr, pal } = f;
  const colour = m.kind === 'timeout-burst' ? pal.timeout : pal.error;
  const y = y0 + Math.round(4 * dpr);
  const h = h0 - Math.round(8 * dpr);
  const x0 = sp.tToDevice(m.start);
  const x1 = Math.max(x0 + Math.round(4 * dpr), sp.tToDevice(m.end));
  ctx.fillStyle = colour;
  ctx.globalAlpha = 0.28;
  ctx.fillRect(x0, y, x1 - x0, h);
  ctx.globalAlpha = 1;
  ctx.fillRect(x0, y, Math.max(1, Math.round(2 * dpr)), h);
  ctx.fillRect(x1 - Math.max(1, Math.round(2 * dpr)), y, Math.max(1, Math.round(2 * dpr)), h);
  if (selected) outline(f, x0, y, x1 - x0, h);
  // Beside the burst when it fits there; otherwise inside it when the burst has more room (a burst
  // running to the plot's right edge would leave its count cut to "76 timeouts i…").
  const outside = Math.min(nextX, sp.deviceWidth) - x1 - 8 * dpr;
  const inStart = Math.max(0, x0) + 6 * dpr;
  const inside = Math.min(x1, sp.deviceWidth) - inStart - 4 * dpr;
  // Too little room on either side for label() to draw anything: skip the font set and the measuring.
  if (Math.max(outside, inside) < LABEL_MIN_ROOM * dpr) return;
  ctx.font = font(f, 10, 500);
  if (ctx.measureText(m.label).width <= outside || outside >= inside) label(f, m.label, x1 + 4 * dpr, y0 + h0 / 2, colour, nextX);
  else label(f, m.label, inStart, y0 + h0 / 2, pal.text, x1);
}

function drawPoint(f: Frame, m: Mark, y0: number, h0: number, selected: boolean, nextX: number): void {
  const { ctx, sp, dpr, pal } = f;
  const x = sp.tToDevice(m.start);
  const cy = y0 + h0 / 2;
  const r = 5 * dpr;
  ctx.beginPath();
  if (m.kind === 'signal') {
    ctx.fillStyle = pal.signal;
    ctx.moveTo(x, cy - r);
    ctx.lineTo(x + r, cy);
    ctx.lineTo(x, cy + r);
    ctx.lineTo(x - r, cy);
  } else if (m.kind === 'crash') {
    ctx.fillStyle = pal.crash;
    ctx.moveTo(x, cy - r * 1.1);
    ctx.lineTo(x + r * 1.1, cy + r * 0.9);
    ctx.lineTo(x - r * 1.1, cy + r * 0.9);
  } else {
    ctx.fillStyle = pal.restart;
    ctx.arc(x, cy, r * 0.85, 0, Math.PI * 2);
  }
  ctx.closePath();
  ctx.fill();
  if (m.kind === 'crash') {
    ctx.fillStyle = '#fff';
    ctx.fillRect(x - dpr * 0.75, cy - r * 0.45, dpr * 1.5, r * 0.75);
    ctx.fillRect(x - dpr * 0.75, cy + r * 0.45, dpr * 1.5, dpr * 1.5);
  }
  if (selected) {
    ctx.strokeStyle = pal.selection;
    ctx.lineWidth = 1.5 * dpr;
    ctx.beginPath();
    ctx.arc(x, cy, r + 3 * dpr, 0, Math.PI * 2);
    ctx.stroke();
  }
  const colour = m.kind === 'signal' ? pal.signal : m.kind === 'crash' ? pal.crash : pal.restart;
  label(f, m.label, x + r + 3 * dpr, cy, colour, nextX - r - 2 * dpr);
}

/** A label from x up to `limit` (device px), cut with an ellipsis to fit, or left out when there is no room. */
function label(f: Frame, text: string, x: number, cy: number, colour: string, limit: number): void {
  const { ctx, dpr } = f;
  const room = Math.min(limit, f.sp.deviceWidth) - x - 4 * dpr;
  if (!text || room < LABEL_MIN_ROOM * dpr || x < 0) return;
  ctx.font = font(f, 10, 500);
  const shown = ctx.measureText(text).width > room ? fitText(ctx, text, room) : text;
  if (shown.length < 5) return;
  ctx.fillStyle = colour;
  ctx.textBaseline = 'middle';
  ctx.fillText(shown, x, cy + 0.5);
}

function outline(f: Frame, x: number, y: number, w: number, h: number): void {
  const { ctx, dpr, pal } = f;
  ctx.strokeStyle = pal.selection;
  ctx.lineWidth = 1.5 * dpr;
  ctx.strokeRect(x - dpr, y - dpr, w + 2 * dpr, h + 2 * dpr);
}
