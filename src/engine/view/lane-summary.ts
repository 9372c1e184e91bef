// What the timeline draws a dataset with, computed where the table is built:
// the lanes of the default grouping (one per file) with their rows, and each
// big lane's density levels. The worker sends it with every table it hands
// over (snapshots while loading, then the final one), so the page does not
// spend an O(events) pass per table on its own thread; the logger grouping,
// chosen by the user, is still built on demand where it is drawn.

import type { EventTable } from '../model/event-table.ts';
import type { FileStats } from '../ingest/file-stats.ts';
import { buildDensity, type Density } from './density.ts';
import { buildLanes, type LaneModel } from './lanes.ts';

/** Lanes with fewer events are drawn straight from their rows. */
export const DENSITY_MIN_EVENTS = 2048;

export interface LaneSummary {
  /** The extent the density bins were laid over; used only by a dataset with the same extent. */
  extent: [number, number];
  model: LaneModel;
  density: (Density | null)[];
}

/** Earliest and latest time of the events and marks ([0, 0] when there are none). */
export function dataExtent(table: EventTable, marks: readonly { start: number; end: number }[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  if (table.length > 0) {
    lo = table.tMs[0];
    hi = table.tMs[table.length - 1];
  }
  for (const m of marks) {
    if (m.start < lo) lo = m.start;
    if (m.end > hi) hi = m.end;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 0];
}

/** The densities of a lane model's big lanes over `extent`. */
export function laneDensities(table: EventTable, model: LaneModel, extent: readonly [number, number]): (Density | null)[] {
  return model.lanes.map((l) => (l.rows.length >= DENSITY_MIN_EVENTS ? buildDensity(table, l.rows, extent) : null));
}

export function summarizeLanes(table: EventTable, files: readonly FileStats[], marks: readonly { start: number; end: number }[]): LaneSummary {
  const extent = dataExtent(table, marks);
  const model = buildLanes(table, files, 'file');
  return { extent, model, density: laneDensities(table, model, extent) };
}

/** The summary's typed arrays, to transfer rather than copy. */
export function laneSummaryBuffers(s: LaneSummary): ArrayBuffer[] {
  const out: ArrayBuffer[] = [s.model.laneOfRow.buffer as ArrayBuffer];
  for (const l of s.model.lanes) out.push(l.rows.buffer as ArrayBuffer);
  for (const d of s.density) for (const lv of d?.levels ?? []) out.push(lv.total.buffer as ArrayBuffer, lv.warn.buffer as ArrayBuffer, lv.error.buffer as ArrayBuffer);
  return out;
}
