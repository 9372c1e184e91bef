// Timeout and error bursts: clusters whose rate stands well above the file's
// own baseline. Each file's timeline is cut into BUCKET_MS buckets; a bucket
// is hot when it holds at least max(MIN_BUCKET_EVENTS, BURST_FACTOR x the
// baseline, baseline + POISSON_Z x sqrt(baseline)) events of the class, where
// the baseline is the mean per bucket over the cold buckets (estimated twice,
// so the burst does not inflate its own baseline). Neighbouring hot buckets
// (one cold bucket may sit between) form a burst of at least MIN_BURST_EVENTS.
// A noisy but steady error rate never crosses its own threshold.
// Classes: timeout-class events (kind timeout), and error-class events (level
// error or fatal that are not timeouts or crashes: those have marks of their own). Lines whose
// time was inferred from a neighbour (Flag.untimed) are left out: they have no time to count.

import { Flag, Kind } from '../model/kinds.ts';
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

/** A file this short is an excerpt someone pasted: it has no baseline to compare with. */
export const EXCERPT_MAX_EVENTS = 100;
/** In an excerpt, this many failures within EXCERPT_SEED_MS are a burst (clients giving up together)... */
export const EXCERPT_MIN_EVENTS = 3;
export const EXCERPT_SEED_MS = 1_000;
/** ...and the failures that keep coming, each this soon after the previous one, belong to it. */
export const EXCERPT_CHAIN_MS = 90_000;

type BurstClass = 'timeout-burst' | 'error-burst';

/** Both classes are notable rows (sources.ts isNotable: a timeout's kind, an error's level), so only those are tested. */
function inClass(table: EventTable, row: number, cls: BurstClass): boolean {
  // A line without a time of its own took its neighbour's: it cannot tell a rate (twenty untimed
  // error lines of a start-up script would all sit on one instant and look like a burst).
  if (table.flags[row] & Flag.untimed) return false;
  const k = table.kind[row];
  if (cls === 'timeout-burst') return k === Kind.timeout;
  return table.level[row] >= Level.error && k !== Kind.timeout && k !== Kind.crash;
}

export function burstMarks(table: EventTable, sources: SourceIndex): Mark[] {
  const out: Mark[] = [];
  for (let f = 0; f < sources.rows.length; f++) fileBursts(table, sources.rows[f], sources.notable[f], f, out);
  return out;
}

function threshold(lambda: number): number {
  return Math.max(MIN_BUCKET_EVENTS, BURST_FACTOR * lambda, lambda + POISSON_Z * Math.sqrt(lambda));
}

const CLASSES = ['timeout-burst', 'error-burst'] as const;

/**
 * Both classes of one file, timeouts first. `rows`: the file's rows; `notable`: its notable ones (sources.ts),
 * which hold every row of both classes. One pass over them counts both classes per bucket.
 */
function fileBursts(table: EventTable, rows: Int32Array, notable: Int32Array, file: number, out: Mark[]): void {
  const n = rows.length;
  if (n === 0) return;
  const t = table.tMs;
  const t0 = t[rows[0]];
  const span = t[rows[n - 1]] - t0;
  const width = Math.max(BUCKET_MS, span / MAX_BUCKETS);
  const nb = Math.floor(span / width) + 1;
  const counts = CLASSES.map(() => new Uint32Array(nb));
  const totals = [0, 0];
  for (let k = 0; k < notable.length; k++) {
    const row = notable[k];
    const c = inClass(table, row, 'timeout-burst') ? 0 : inClass(table, row, 'error-burst') ? 1 : -1;
    if (c < 0) continue;
    totals[c]++;
    counts[c][Math.floor((t[row] - t0) / width)]++;
  }
  CLASSES.forEach((cls, c) => {
    if (totals[c] < MIN_BURST_EVENTS) {
      if (n <= EXCERPT_MAX_EVENTS) excerptBursts(table, rows, file, cls, out);
      return;
    }
    bucketBursts(table, notable, file, cls, counts[c], totals[c], t0, width, out);
  });
}

/** Hot buckets of one class against the baseline of its cold buckets. */
function bucketBursts(table: EventTable, notable: Int32Array, file: number, cls: BurstClass, counts: Uint32Array, total: number, t0: number, width: number, out: Mark[]): void {
  const nb = counts.length;
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
    emit(table, notable, file, cls, t0 + b * width, t0 + (last + 1) * width, lambda / width, out);
    b = last + 1;
  }
}

/**
 * A pasted excerpt of a few dozen lines has no baseline and rarely 8 failures:
 * several within a second is already unusual (seven `context canceled` from
 * clients that gave up at once), and the ones that follow belong to them.
 */
function excerptBursts(table: EventTable, rows: Int32Array, file: number, cls: BurstClass, out: Mark[]): void {
  const t = table.tMs;
  const hits: number[] = [];
  for (let k = 0; k < rows.length; k++) if (inClass(table, rows[k], cls)) hits.push(rows[k]);
  let i = 0;
  while (i + EXCERPT_MIN_EVENTS - 1 < hits.length) {
    if (t[hits[i + EXCERPT_MIN_EVENTS - 1]] - t[hits[i]] > EXCERPT_SEED_MS) {
      i++;
      continue;
    }
    let j = i + EXCERPT_MIN_EVENTS - 1;
    while (j + 1 < hits.length && t[hits[j + 1]] - t[hits[j]] <= EXCERPT_CHAIN_MS) j++;
    const events = hits.slice(i, j + 1);
    const first = t[events[0]];
    const last = t[events[events.length - 1]];
    const what = cls === 'timeout-burst' ? 'timeouts' : 'errors';
    out.push({
      kind: cls,
      start: first,
      end: last,
      label: `${events.length} ${what} in ${Math.max(1, Math.round((last - first) / 1000))} s (a short excerpt: ${EXCERPT_MIN_EVENTS}+ within a second, no baseline)`,
      file,
      logger: 0,
      events,
      count: events.length,
      baselinePerMin: 0,
      ratePerMin: (events.length / Math.max(last - first, 1000)) * 60_000,
    });
    i = j + 1;
  }
}

/** `rows`: rows in time order that hold every row of the class in [from, to) (the file's notable rows). */
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
