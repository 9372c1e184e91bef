// Vertical layout of the swimlanes: mark lanes on top, then one row per source
// lane. Operations can overlap, so they are stacked into sub-rows (greedy
// interval partitioning) and that lane grows with the stack. Source lanes are
// taller when there are few of them (a histogram needs height to read), and
// the timeline section is as tall as its lanes, up to a cap, then scrolls.

import type { Mark } from '../engine/marks/types.ts';
import { MARK_LANES, type LaneModel } from '../store/lanes.ts';

export interface LaneRow {
  id: string;
  name: string;
  sub: string;
  kind: 'mark' | 'source';
  /** Index into MARK_LANES or into model.lanes. */
  index: number;
  /** CSS px from the top of the lanes area. */
  y: number;
  h: number;
  /** Events (source lanes) or marks (mark lanes) on the row. */
  count: number;
}

export interface TimelineLayout {
  rows: LaneRow[];
  height: number;
  /** Mark index -> mark lane index (-1 for gaps, which sit on source lanes). */
  markLane: Int8Array;
  /** Operation mark index -> stack sub-row (0-based), -1 for other marks. */
  opRow: Int16Array;
  opRows: number;
}

export const MARK_LANE_H = 24;
/** A mark lane with nothing on it keeps a thin row (its name stays readable, small) instead of a full one. */
export const EMPTY_MARK_LANE_H = 12;
export const OP_ROW_H = 16;
/** Source lane height by number of lanes: few lanes get room, many stay compact. */
export function sourceLaneHeight(n: number): number {
  return n <= 3 ? 56 : n <= 6 ? 36 : n <= 12 ? 30 : 24;
}
const MAX_OP_ROWS = 6;

export function computeLayout(model: LaneModel, marks: readonly Mark[]): TimelineLayout {
  const markLane = new Int8Array(marks.length).fill(-1);
  const counts = MARK_LANES.map(() => 0);
  // Looked up once per kind, not once per mark: a finished big load can carry thousands of marks.
  const laneOfKind = new Map<Mark['kind'], number>();
  for (let i = 0; i < marks.length; i++) {
    const kind = marks[i].kind;
    let li = laneOfKind.get(kind);
    if (li === undefined) {
      li = MARK_LANES.findIndex((l) => l.kinds.includes(kind));
      laneOfKind.set(kind, li);
    }
    markLane[i] = li;
    if (li >= 0) counts[li]++;
  }
  // Stack operations: each goes to the first sub-row free at its start.
  const opRow = new Int16Array(marks.length).fill(-1);
  const ops = [...marks.keys()].filter((i) => marks[i].kind === 'operation').sort((a, b) => marks[a].start - marks[b].start);
  const rowEnd: number[] = [];
  for (const i of ops) {
    let r = rowEnd.findIndex((end) => end <= marks[i].start);
    if (r < 0) {
      r = rowEnd.length < MAX_OP_ROWS ? rowEnd.length : rowEnd.indexOf(Math.min(...rowEnd));
      if (r === rowEnd.length) rowEnd.push(0);
    }
    rowEnd[r] = Math.max(rowEnd[r], marks[i].end);
    opRow[i] = r;
  }
  const opRows = Math.max(1, rowEnd.length);
  const rows: LaneRow[] = [];
  let y = 0;
  MARK_LANES.forEach((l, i) => {
    const full = l.id === 'mark:operations' ? Math.max(MARK_LANE_H, opRows * OP_ROW_H + 8) : MARK_LANE_H;
    const h = counts[i] > 0 ? full : EMPTY_MARK_LANE_H;
    rows.push({ id: l.id, name: l.name, sub: '', kind: 'mark', index: i, y, h, count: counts[i] });
    y += h;
  });
  // A file with no events (binary, empty) gets a zero-height row: it stays in
  // the Files panel, and source rows keep matching lane indices for drawing.
  const sourceH = sourceLaneHeight(model.lanes.filter((l) => l.rows.length > 0).length);
  model.lanes.forEach((l, i) => {
    const h = l.rows.length > 0 ? sourceH : 0;
    rows.push({ id: l.id, name: l.name, sub: l.sub, kind: 'source', index: i, y, h, count: l.rows.length });
    y += h;
  });
  return { rows, height: y, markLane, opRow, opRows };
}

/** The row at a CSS y inside the lanes area (binary search: rows are sorted by y). */
export function rowAt(layout: TimelineLayout, y: number): LaneRow | null {
  const rows = layout.rows;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid];
    if (y < r.y) hi = mid - 1;
    else if (y >= r.y + r.h) lo = mid + 1;
    else return r;
  }
  return null;
}
