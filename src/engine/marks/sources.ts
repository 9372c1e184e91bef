// Per-file views of the merged table. Gaps, bursts and operation pairing are
// judged per source (a file) against that source's own rhythm, so they need
// each file's rows in time order; the merged table keeps that order within a
// file, so one counting pass splits it without sorting.

import { lowerBoundIn, type EventTable } from '../model/event-table.ts';

export interface SourceIndex {
  /** Rows of each file, in time order. */
  rows: Int32Array[];
}

export function buildSourceIndex(table: Pick<EventTable, 'file' | 'length'>, fileCount: number): SourceIndex {
  let files = fileCount;
  for (let i = 0; i < table.length; i++) if (table.file[i] >= files) files = table.file[i] + 1;
  const counts = new Int32Array(files);
  for (let i = 0; i < table.length; i++) counts[table.file[i]]++;
  const rows = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(files);
  for (let i = 0; i < table.length; i++) {
    const f = table.file[i];
    rows[f][fill[f]++] = i;
  }
  return { rows };
}

/** First index k in `rows` whose time is >= t (see lowerBoundIn). */
export const lowerBoundRows: (tMs: Float64Array, rows: Int32Array, t: number) => number = lowerBoundIn;
