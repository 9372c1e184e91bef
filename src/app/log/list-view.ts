// Which rows the log list shows: the events inside the visible window that
// pass the filters, as an index range over either the whole table or the
// filtered row list. Both are in time order, so the window is two binary
// searches and the list never copies rows.

import { lowerBound, lowerBoundIn, type EventTable } from '../../engine/model/event-table.ts';
import type { Interval } from '../../store/types.ts';

export interface ListView {
  /** Rows shown. */
  count: number;
  /** Rows in the window before filtering. */
  windowCount: number;
  /** Table row of the i-th list entry. */
  rowAt(i: number): number;
  /** List index of a table row, or -1 when the row is not shown. */
  indexOf(row: number): number;
  /** List index of the first row at or after time t (count when none), for keeping the list on a time. */
  indexAtTime(t: number): number;
}

function search(rows: Uint32Array, row: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && rows[lo] === row ? lo : -1;
}

const always = <T>(value: T) => () => value;

/**
 * `filtered` = passing rows in time order, or null for "all rows". The window
 * is inclusive. The view's functions reach the table through `tableOf`, never
 * directly: React keeps a component's previous render (its memoized values
 * and effect dependencies) until the component renders again, so a view that
 * held its table would keep a big load's last partial table (~160 MB at 1 GB)
 * alive after the whole table came. The page passes a getter of the current
 * dataset.
 */
export function listView(table: EventTable, window: Interval, filtered: Uint32Array | null, tableOf: () => EventTable = always(table)): ListView {
  const lo = lowerBound(table, window[0], table.length);
  const hi = lowerBound(table, nextAfter(window[1]), table.length);
  if (!filtered) {
    return {
      count: hi - lo,
      windowCount: hi - lo,
      rowAt: (i) => lo + i,
      indexOf: (row) => (row >= lo && row < hi ? row - lo : -1),
      indexAtTime: (t) => {
        const now = tableOf();
        return Math.max(lo, Math.min(hi, lowerBound(now, t, now.length))) - lo;
      },
    };
  }
  const flo = lowerBoundIn(table.tMs, filtered, window[0]);
  const fhi = lowerBoundIn(table.tMs, filtered, nextAfter(window[1]));
  return {
    count: fhi - flo,
    windowCount: hi - lo,
    rowAt: (i) => filtered[flo + i],
    indexOf: (row) => {
      const k = search(filtered, row, flo, fhi);
      return k < 0 ? -1 : k - flo;
    },
    indexAtTime: (t) => Math.max(flo, Math.min(fhi, lowerBoundIn(tableOf().tMs, filtered, t))) - flo,
  };
}

/** Up to `n` table rows spread evenly over the list (what the worker samples for field figures). */
export function sampleRows(view: Pick<ListView, 'count' | 'rowAt'>, n: number): number[] {
  const k = Math.min(view.count, n);
  const out: number[] = [];
  for (let i = 0; i < k; i++) out.push(view.rowAt(Math.floor((i * view.count) / k)));
  return out;
}

/** The smallest time after t (so a window ending exactly on an event includes it). */
function nextAfter(t: number): number {
  return t + Math.max(1e-6, Math.abs(t) * Number.EPSILON * 2);
}
