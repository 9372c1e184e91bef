// Timeout and error bursts: clusters whose rate stands well above the file's
// own baseline. Each file's timeline is cut into BUCKET_MS buckets; a bucket
// is hot when it holds at least max(MIN_BUCKET_EVENTS, BURST_FACTOR x the
// baseline, baseline + POISSON_Z x sqrt(baseline)) events of the class, where
// the baseline is the mean per bucket over the cold buckets (estimated twice,
// so the burst does not inflate its own baseline). Neighbouring hot buckets
// (one cold bucket may sit between) form a burst of at least MIN_BURST_EVENTS.
// A noisy but steady error rate never crosses its own threshold.
// Classes: timeout-class events (kind timeout), and error-class events (level
// error or fatal that are not timeouts or crashes: those have marks of their own).

import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import type { EventTable } from '../model/event-table.ts';
import type { Mark } from './types.ts';
import { lowerBoundRows, type SourceIndex } from './sources.ts';
import { MAX_MARK_EVENTS } from './points.ts';
import { rateText } from './gaps.ts';

/** Bucket width: long enough to hold a handful of events of a real burst, short enough to date it. */
export const BUCKET_MS = 5_000;
/** Buckets per file at most; very long files get wider buckets. */
const MAX_BUCKETS = 200_000;
/** A hot bucket holds at least this many class events: one or two errors in 5 s are not a burst. */
export const MIN_BUCKET_EVENTS = 3;
/** ...and this many times the baseline: "well above" the source's normal rate. */
export const BURST_FACTOR = 5;
/** ...and this many standard deviations above a Poisson baseline, so noisy sources need real excess. */
export const POISSON_Z = 4;
/** A burst has at least this many events: fewer is a blip an engineer would not call a burst. */
export const MIN_BURST_EVENTS = 8;

type BurstClass = 'timeout-burst' | 'error-burst';

function inClass(table: EventTable, row: number, cls: BurstClass): boolean {
  const k = table.kind[row];
  if (cls === 'timeout-burst') return k === Kind.timeout;
  return table.level[row] >= Level.error && k !== Kind.timeout && k !== Kind.crash;
}

export function burstMarks(table: EventTable, sources: SourceIndex): Mark[] {
  const out: Mark[] = [];
  for (let f = 0; f < sources.rows.length; f++) {
    for (const cls of ['timeout-burst', 'error-burst'] as const) fileBursts(table, sources.rows[f], f, cls, out);
  }
  return out;
}

function threshold(lambda: number): number {
  return Math.max(MIN_BUCKET_EVENTS, BURST_FACTOR * lambda, lambda + POISSON_Z * Math.sqrt(lambda));
}

function fileBursts(table: EventTable, rows: Int32Array, file: number, cls: BurstClass, out: Mark[]): void {
  const n = rows.length;
  if (n === 0) return;
  const t = table.tMs;
  let total = 0;
  for (let k = 0; k < n; k++) if (inClass(table, rows[k], cls)) total++;
  if (total < MIN_BURST_EVENTS) return;
  const t0 = t[rows[0]];
  const span = t[rows[n - 1]] - t0;
  const width = Math.max(BUCKET_MS, span / MAX_BUCKETS);
  const nb = Math.floor(span / width) + 1;
  const counts = new Uint32Array(nb);
  for (let k = 0; k < n; k++) if (inClass(table, rows[k], cls)) counts[Math.floor((t[rows[k]] - t0) / width)]++;
  // Baseline from the cold buckets, re-estimated once without the hot ones.
  let lambda = total / nb;
  for (let pass = 0; pass < 2; pass++) {
    const th = threshold(lambda);
    let sum = 0;
    let cold = 0;
    for (let b = 0; b < nb; b++) {
      if (counts[b] < th) {
        sum += counts[b];
        cold++;
      }
    }
    lambda = cold > 0 ? sum / cold : 0;
  }
  const th = threshold(lambda);
  let b = 0;
  while (b < nb) {
    if (counts[b] < th) {
      b++;
      continue;
    }
    let last = b;
    let j = b + 1;
    while (j < nb && (counts[j] >= th || (j + 1 < nb && counts[j + 1] >= th))) {
      if (counts[j] >= th) last = j;
      j++;
    }
    emit(table, rows, file, cls, t0 + b * width, t0 + (last + 1) * width, lambda / width, out);
    b = last + 1;
  }
}

function emit(table: EventTable, rows: Int32Array, file: number, cls: BurstClass, from: number, to: number, baselinePerMs: number, out: Mark[]): void {
  const t = table.tMs;
  const events: number[] = [];
  let count = 0;
  let first = NaN;
  let last = NaN;
  for (let k = lowerBoundRows(t, rows, from); k < rows.length && t[rows[k]] < to; k++) {
    const row = rows[k];
    if (!inClass(table, row, cls)) continue;
    if (count === 0) first = t[row];
    last = t[row];
    count++;
    if (events.length < MAX_MARK_EVENTS) events.push(row);
  }
  if (count < MIN_BURST_EVENTS) return;
  const dur = Math.max(last - first, 1000);
  const ratePerMin = (count / dur) * 60_000;
  const baselinePerMin = baselinePerMs * 60_000;
  const what = cls === 'timeout-burst' ? 'timeouts' : 'errors';
  out.push({
    kind: cls,
    start: first,
    end: last,
    label: `${count} ${what} in ${Math.max(1, Math.round((last - first) / 1000))} s (usually ${baselinePerMin > 0 ? rateText(baselinePerMin) : 'none'})`,
    file,
    logger: 0,
    events,
    count,
    baselinePerMin,
    ratePerMin,
  });
}
