// What is under the pointer: a mark on a mark lane, a gap or an event on a
// source lane. Uses the same layout and geometry as the draw code, and binary
// search over the lane's rows, so it is cheap enough for every pointermove.

import type { EventTable } from '../engine/model/event-table.ts';
import type { Mark } from '../engine/marks/types.ts';
import { laneLowerBound, type LaneModel } from '../store/lanes.ts';
import { OP_ROW_H, rowAt, type TimelineLayout } from './layout.ts';
import { gapLanes } from './mark-geometry.ts';
import type { Spaces } from './spaces.ts';

export type Hit =
  | { type: 'event'; row: number; laneId: string }
  | { type: 'mark'; index: number; laneId: string }
  | { type: 'lane'; laneId: string };

export interface HitInput {
  layout: TimelineLayout;
  model: LaneModel;
  sp: Spaces;
  table: EventTable;
  marks: readonly Mark[];
  /** Optional: rows a filter keeps (hit-testing prefers them). */
  mask: Uint8Array | null;
}

const SLOP_PX = 5;
/** Scan at most this many events under the pointer to pick the most severe. */
const SCAN = 256;

/** `x` in CSS px from the plot's left edge, `y` in CSS px from the top of the lanes (scroll included). */
export function hitTest(inp: HitInput, x: number, y: number): Hit | null {
  const row = rowAt(inp.layout, y);
  if (!row) return null;
  const { sp } = inp;
  if (row.kind === 'mark') {
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < inp.marks.length; i++) {
      if (inp.layout.markLane[i] !== row.index) continue;
      const m = inp.marks[i];
      if (m.kind === 'operation') {
        const top = row.y + 4 + Math.max(0, inp.layout.opRow[i]) * OP_ROW_H;
        if (y < top - 1 || y > top + OP_ROW_H) continue;
      }
      const d = distance(sp, m, x);
      if (d <= SLOP_PX && d < bestD) {
        best = i;
        bestD = d;
      }
    }
    return best >= 0 ? { type: 'mark', index: best, laneId: row.id } : { type: 'lane', laneId: row.id };
  }
  const lane = inp.model.lanes[row.index];
  if (!lane) return { type: 'lane', laneId: row.id };
  const ev = nearestEvent(inp, lane.rows, x);
  if (ev >= 0) return { type: 'event', row: ev, laneId: row.id };
  // No event near: a gap on this lane?
  for (let i = 0; i < inp.marks.length; i++) {
    const m = inp.marks[i];
    if (m.kind === 'gap' && distance(sp, m, x) === 0 && gapLanes(inp.model, m).includes(row.index)) {
      return { type: 'mark', index: i, laneId: row.id };
    }
  }
  return { type: 'lane', laneId: row.id };
}

/** 0 inside the mark's span, else CSS px to its nearest edge. */
function distance(sp: Spaces, m: Mark, x: number): number {
  const x0 = sp.tToCss(m.start);
  const x1 = sp.tToCss(m.end);
  if (x >= x0 && x <= x1) return 0;
  return x < x0 ? x0 - x : x - x1;
}

/** The event within SLOP_PX of x: the most severe one there (filtered ones first), ties to the nearest. */
function nearestEvent(inp: HitInput, rows: Uint32Array, x: number): number {
  const { sp, table, mask } = inp;
  const tMs = table.tMs;
  const from = laneLowerBound(tMs, rows, sp.cssToT(x - SLOP_PX));
  const to = laneLowerBound(tMs, rows, sp.cssToT(x + SLOP_PX) + 1e-9);
  if (to <= from) return -1;
  const t = sp.cssToT(x);
  let best = -1;
  let bestScore = -Infinity;
  const end = Math.min(to, from + SCAN);
  for (let k = from; k < end; k++) {
    const r = rows[k];
    const d = Math.abs(sp.tToCss(tMs[r]) - x) / SLOP_PX;
    const score = (mask && !mask[r] ? 0 : 100) + table.level[r] * 2 - d;
    if (score > bestScore) {
      bestScore = score;
      best = r;
    }
  }
  if (to - from > SCAN) {
    // Very dense: fall back to the event closest in time.
    const k = Math.min(to - 1, laneLowerBound(tMs, rows, t));
    return rows[k];
  }
  return best;
}
