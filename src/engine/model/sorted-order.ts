// The table's one time order (time, ns, file, line, then row), as a
// permutation of row indices. Rows arrive nearly in order, so the sort is a
// natural merge sort: rows slightly out of place are moved back into their
// run, and only rows far out start a run of their own. Parallel ingest adds
// ranges already sorted by the worker that parsed them (`SortedRun`): they are
// checked (one comparison a row) and merged instead of sorted again on the
// merging thread, where a 1 GB file's sort cost about a second after the last
// slice. Every row is distinct in this order (the row index breaks ties), so
// however it is reached, the result is the same permutation.

import type { EventColumns } from './event-table.ts';

/** Rows [start, start + order.length) of a table, in their sorted order (order[i] is a row index minus start). */
export interface SortedRun {
  start: number;
  order: Uint32Array;
}

function before(c: EventColumns, a: number, b: number, desc: Uint8Array | null): boolean {
  const d = c.tMs[a] - c.tMs[b];
  if (d !== 0) return d < 0;
  const s = c.subNs[a] - c.subNs[b];
  if (s !== 0) return s < 0;
  if (c.file[a] !== c.file[b]) return c.file[a] < c.file[b];
  // A file written newest first: within one instant, the later line happened first.
  if (c.line[a] !== c.line[b]) return desc !== null && desc[c.file[a]] === 1 ? c.line[a] > c.line[b] : c.line[a] < c.line[b];
  return a < b;
}

/** How far back a row that is slightly out of order may be moved within its run (see sortedOrder). */
const LOCAL_DISORDER = 1024;

/**
 * Stable sort of row indices: linear on sorted input, n log n worst case.
 * Interleaved writers make logs *almost* sorted (a line a few rows early):
 * such a row is moved back into its run by insertion, as timsort does,
 * instead of starting a new run, so the merge passes see a handful of runs
 * rather than one per jitter. `runs` (ascending, not overlapping) are taken
 * as they are once checked; a run that no longer holds (a time changed since
 * it was sorted) is sorted again here.
 */
export function sortedOrder(c: EventColumns, n: number, desc: Uint8Array | null = null, runs: readonly SortedRun[] = []): Uint32Array {
  const a = new Uint32Array(n);
  const starts: number[] = [0];
  if (runs.length === 0 || !takeRuns(c, a, n, desc, runs, starts)) {
    starts.length = 1;
    insertionRuns(c, a, 0, n, desc, starts);
  }
  return mergeRuns(c, a, starts, n, desc);
}

/**
 * Fill `a` with the sorted runs and the rows between them sorted by
 * insertion; false when a time is missing (NaN): the order is not total then,
 * and the plain pass over every row decides, as it always has.
 */
function takeRuns(c: EventColumns, a: Uint32Array, n: number, desc: Uint8Array | null, runs: readonly SortedRun[], starts: number[]): boolean {
  const t = c.tMs;
  let at = 0;
  for (const r of runs) {
    const end = r.start + r.order.length;
    if (r.start < at || end > n || r.order.length === 0) continue;
    if (r.start > at) {
      if (hasNaN(t, at, r.start)) return false;
      insertionRuns(c, a, at, r.start, desc, starts);
    }
    const took = takeRun(c, a, r, desc);
    if (took === null) return false;
    if (!took) insertionRuns(c, a, r.start, end, desc, starts);
    else if (r.start > 0) starts.push(r.start);
    at = end;
  }
  if (at < n) {
    if (hasNaN(t, at, n)) return false;
    insertionRuns(c, a, at, n, desc, starts);
  }
  return true;
}

function hasNaN(t: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (t[i] !== t[i]) return true;
  return false;
}

/** Copy a sorted run into `a`, checking it is still strictly ascending (and so a permutation of its rows); null: a time is missing. */
function takeRun(c: EventColumns, a: Uint32Array, r: SortedRun, desc: Uint8Array | null): boolean | null {
  const { start, order } = r;
  const len = order.length;
  const t = c.tMs;
  let prev = -1;
  let ok = true;
  for (let i = 0; i < len; i++) {
    const o = order[i];
    if (o >= len) return hasNaN(t, start, start + len) ? null : false;
    const x = start + o;
    if (t[x] !== t[x]) return null;
    if (ok && prev >= 0 && !before(c, prev, x, desc)) ok = false;
    a[start + i] = x;
    prev = x;
  }
  return ok;
}

/** Sort rows [from, to) into a[from..to) by insertion within runs, recording where each run starts in `starts`. */
function insertionRuns(c: EventColumns, a: Uint32Array, from: number, to: number, desc: Uint8Array | null, starts: number[]): void {
  for (let i = from; i < to; i++) a[i] = i;
  if (from > 0 && from < to) starts.push(from);
  let runStart = from;
  const t = c.tMs;
  for (let i = from + 1; i < to; i++) {
    const x = a[i];
    const d = t[x] - t[a[i - 1]];
    if (d > 0 || (d === 0 && !before(c, x, a[i - 1], desc))) continue; // the common case: later than the row before
    if (d !== d && !before(c, x, a[i - 1], desc)) continue;
    const lo = Math.max(runStart, i - LOCAL_DISORDER);
    if (lo > runStart && before(c, x, a[lo], desc)) {
      starts.push(i); // too far out of order: a run of its own
      runStart = i;
      continue;
    }
    // a[lo..i) is sorted: binary-search x's place (after its equals, so the order stays stable) and move the rest up at once.
    const l = firstAfter(c, x, a, lo, i - 1, desc);
    a.copyWithin(l + 1, l, i);
    a[l] = x;
  }
}

/** In sorted a[lo..last], the first position whose row comes after row x (last when none before it does). */
function firstAfter(c: EventColumns, x: number, a: Uint32Array, lo: number, last: number, desc: Uint8Array | null): number {
  let l = lo;
  let h = last;
  while (l < h) {
    const m = (l + h) >>> 1;
    if (before(c, x, a[m], desc)) h = m;
    else l = m + 1;
  }
  return l;
}

/**
 * Merge neighbouring runs pairwise until one is left. Runs of consecutive
 * slices overlap only where their times do (a second or so of rows): the
 * part of the left run before the right run's first row is copied without
 * comparing, and so is what is left of either once the other ends.
 */
function mergeRuns(c: EventColumns, a: Uint32Array, starts: number[], n: number, desc: Uint8Array | null): Uint32Array {
  if (starts.length === 1) return a;
  let b: Uint32Array = new Uint32Array(n);
  let bounds = [...starts, n];
  while (bounds.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r];
      const mid = bounds[r + 1];
      const hi = r + 2 < bounds.length ? bounds[r + 2] : mid;
      mergeTwo(c, a, b, lo, mid, hi, desc);
      next.push(hi);
    }
    if (next[next.length - 1] !== n) next.push(n);
    [a, b] = [b, a];
    bounds = next;
  }
  return a;
}

function mergeTwo(c: EventColumns, a: Uint32Array, b: Uint32Array, lo: number, mid: number, hi: number, desc: Uint8Array | null): void {
  if (mid === hi || !before(c, a[mid], a[mid - 1], desc)) {
    b.set(a.subarray(lo, hi), lo);
    return;
  }
  // The left run's rows before the right run's first stay where they are: find the first that comes after it.
  const l = firstAfter(c, a[mid], a, lo, mid - 1, desc);
  b.set(a.subarray(lo, l), lo);
  let i = l;
  let j = mid;
  let k = l;
  while (i < mid && j < hi) b[k++] = before(c, a[j], a[i], desc) ? a[j++] : a[i++];
  if (i < mid) b.set(a.subarray(i, mid), k);
  else b.set(a.subarray(j, hi), k);
}
