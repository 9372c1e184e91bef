// Per-file views of the merged table. Gaps, bursts and operation pairing are
// judged per source (a file) against that source's own rhythm, so they need
// each file's rows in time order; the merged table keeps that order within a
// file, so one counting pass splits it without sorting. The same pass lists
// each file's notable rows (classified events and errors, a small share of a
// big log), so operation pairing, bursts, point marks and the traffic rows of
// the gap search look at those instead of walking every row of the file again
// (test/analysis/marks-notable.test.ts holds them to the walk over every row).

import { lowerBoundIn, type EventTable } from '../model/event-table.ts';
import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';

export interface SourceIndex {
  /** Rows of each file, in time order. */
  rows: Int32Array[];
  /** Rows of each file that are notable (isNotable), in time order: a subsequence of `rows`. */
  notable: Int32Array[];
}

/**
 * A classified event (operation, signal, timeout, restart, crash...) or an
 * error or worse. Whoever reads `notable` instead of `rows` must act on no
 * other row.
 */
export function isNotable(kind: number, level: number): boolean {
  return kind !== Kind.plain || level >= Level.error;
}

export function buildSourceIndex(table: Pick<EventTable, 'file' | 'kind' | 'level' | 'length'>, fileCount: number): SourceIndex {
  const { file, kind, level } = table;
  const n = table.length;
  // One pass counts each file's rows, finds a file number past fileCount (the counts grow) and lists the notable rows.
  let files = fileCount;
  let counts: Int32Array = new Int32Array(files);
  let notableRows: Int32Array = new Int32Array(Math.min(n, 1024));
  let notables = 0;
  for (let i = 0; i < n; i++) {
    const f = file[i];
    if (f >= files) {
      files = f + 1;
      counts = grown(counts, files);
    }
    counts[f]++;
    if (isNotable(kind[i], level[i])) {
      if (notables === notableRows.length) notableRows = grown(notableRows, notableRows.length * 2);
      notableRows[notables++] = i;
    }
  }
  const rows = Array.from(counts, (c) => new Int32Array(c));
  // One file (most loads): its rows are every row, and its notable rows those listed.
  if (files === 1) {
    const only = rows[0];
    for (let i = 0; i < n; i++) only[i] = i;
    return { rows, notable: [notableRows.slice(0, notables)] };
  }
  const notableCounts = new Int32Array(files);
  for (let k = 0; k < notables; k++) notableCounts[file[notableRows[k]]]++;
  const notable = Array.from(notableCounts, (c) => new Int32Array(c));
  const fill = new Int32Array(files);
  for (let i = 0; i < n; i++) {
    const f = file[i];
    rows[f][fill[f]++] = i;
  }
  fill.fill(0);
  for (let k = 0; k < notables; k++) {
    const row = notableRows[k];
    const f = file[row];
    notable[f][fill[f]++] = row;
  }
  return { rows, notable };
}

function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** Where `row` sits in `rows` (a file's rows, ascending row numbers as buildSourceIndex lists them), or -1. */
export function positionOf(rows: Int32Array, row: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length && rows[lo] === row ? lo : -1;
}

/** First index k in `rows` whose time is >= t (see lowerBoundIn). */
export const lowerBoundRows: (tMs: Float64Array, rows: Int32Array, t: number) => number = lowerBoundIn;
