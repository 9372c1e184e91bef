// The mark lanes (signals as points, operations as spans, bursts, restarts and
// crashes) and the gaps, shaded across the source lanes they belong to. Marks
// number in the hundreds, so each frame simply draws those in the window.

import type { Mark } from '../engine/marks/types.ts';
import type { Frame } from './frame.ts';
import { font, rowBox } from './frame.ts';
import { OP_ROW_H } from './layout.ts';
import { gapLanes } from './mark-geometry.ts';

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
  // Label collision: remember where the last label of each lane ended.
  const labelEnd = new Map<string, number>();
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    const li = layout.markLane[i];
    if (li < 0 || m.end < sp.t0 || m.start > sp.t1) continue;
    const row = rowsByLane[li];
    const box = row && rowBox(f, row);
    if (!box) continue;
    if (m.kind === 'operation') drawOperation(f, m, box.y, layout.opRow[i], i === selectedMark);
    else if (m.kind === 'timeout-burst' || m.kind === 'error-burst') drawBurst(f, m, box.y, box.h, i === selectedMark, labelEnd, row.id);
    else drawPoint(f, m, box.y, box.h, i === selectedMark, labelEnd, row.id);
  }
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
      if (x1 - x0 > tw + 8 * dpr) {
        ctx.fillStyle = f.pal.muted;
        ctx.fillText(text, x0 + 4 * dpr, box.y + box.h / 2);
      }
    }
  }
}

function drawOperation(f: Frame, m: Mark, laneY: number, sub: number, selected: boolean): void {
  const { ctx, sp, dpr, pal } = f;
  const y = laneY + Math.round((4 + Math.max(0, sub) * OP_ROW_H) * dpr);
  const h = Math.round((OP_ROW_H - 3) * dpr);
  const x0 = sp.tToDevice(m.start);
  const x1 = Math.max(x0 + Math.round(3 * dpr), sp.tToDevice(m.end));
  const failed = m.spanEnd === 'failed';
  const colour = failed ? pal.opFailed : pal.op;
  const cx0 = Math.max(-4, x0);
  const cx1 = Math.min(sp.deviceWidth + 4, x1);
  if (m.spanEnd === 'open') {
    // Never saw its end: fade out and hatch, so it does not read as "took exactly this long".
    const g = ctx.createLinearGradient(x0, 0, x1, 0);
    g.addColorStop(0, colour);
    g.addColorStop(1, 'transparent');
    ctx.globalAlpha = 0.85;
    ctx.fillStyle = g;
    ctx.fillRect(cx0, y, cx1 - cx0, h);
    ctx.globalAlpha = 1;
    const p = hatch(f, pal.bg);
    if (p) {
      ctx.fillStyle = p;
      ctx.fillRect(cx0, y, cx1 - cx0, h);
    }
  } else {
    ctx.fillStyle = colour;
    ctx.globalAlpha = m.spanEnd === 'inferred' ? 0.5 : 0.9;
    ctx.fillRect(cx0, y, cx1 - cx0, h);
    ctx.globalAlpha = 1;
    if (m.spanEnd === 'inferred') {
      ctx.strokeStyle = colour;
      ctx.setLineDash([3 * dpr, 2 * dpr]);
      ctx.lineWidth = dpr;
      ctx.strokeRect(cx0 + 0.5, y + 0.5, cx1 - cx0 - 1, h - 1);
      ctx.setLineDash([]);
    }
  }
  if (selected) outline(f, cx0, y, cx1 - cx0, h);
  const label = m.label;
  ctx.font = font(f, 10, 500);
  const tw = ctx.measureText(label).width;
  const vis0 = Math.max(0, x0);
  if (Math.min(x1, sp.deviceWidth) - vis0 > tw + 8 * dpr) {
    ctx.fillStyle = m.spanEnd === 'open' ? pal.text : '#fff';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, vis0 + 4 * dpr, y + h / 2 + 0.5);
  }
}

function drawBurst(f: Frame, m: Mark, y0: number, h0: number, selected: boolean, labelEnd: Map<string, number>, laneId: string): void {
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
  label(f, `${m.label}${m.count > 1 ? ` ×${m.count}` : ''}`, x0 + 4 * dpr, y0 + h0 / 2, colour, labelEnd, laneId);
}

function drawPoint(f: Frame, m: Mark, y0: number, h0: number, selected: boolean, labelEnd: Map<string, number>, laneId: string): void {
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
  label(f, m.label, x + r + 3 * dpr, cy, colour, labelEnd, laneId);
}

function label(f: Frame, text: string, x: number, cy: number, colour: string, labelEnd: Map<string, number>, laneId: string): void {
  const { ctx, dpr } = f;
  if (!text) return;
  ctx.font = font(f, 10, 500);
  const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  const tw = ctx.measureText(shown).width;
  if ((labelEnd.get(laneId) ?? -Infinity) > x || x > f.sp.deviceWidth) return;
  ctx.fillStyle = colour;
  ctx.textBaseline = 'middle';
  ctx.fillText(shown, x, cy + 0.5);
  labelEnd.set(laneId, x + tw + 6 * dpr);
}

function outline(f: Frame, x: number, y: number, w: number, h: number): void {
  const { ctx, dpr, pal } = f;
  ctx.strokeStyle = pal.selection;
  ctx.lineWidth = 1.5 * dpr;
  ctx.strokeRect(x - dpr, y - dpr, w + 2 * dpr, h + 2 * dpr);
}
