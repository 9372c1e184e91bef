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
  // Counted in the same pass that finds a file number past fileCount (the arrays then grow).
  let files = fileCount;
  let counts: Int32Array = new Int32Array(files);
  let notableCounts: Int32Array = new Int32Array(files);
  for (let i = 0; i < table.length; i++) {
    const f = file[i];
    if (f >= files) {
      files = f + 1;
      counts = grown(counts, files);
      notableCounts = grown(notableCounts, files);
    }
    counts[f]++;
    if (isNotable(kind[i], level[i])) notableCounts[f]++;
  }
  const rows = Array.from(counts, (n) => new Int32Array(n));
  const notable = Array.from(notableCounts, (n) => new Int32Array(n));
  const fill = new Int32Array(files);
  const fillNotable = new Int32Array(files);
  for (let i = 0; i < table.length; i++) {
    const f = file[i];
    rows[f][fill[f]++] = i;
    if (isNotable(kind[i], level[i])) notable[f][fillNotable[f]++] = i;
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
