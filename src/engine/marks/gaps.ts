// Gaps: silences judged per file against that file's own rhythm. A pause is a
// gap when (1) it lasts at least MIN_GAP_MS, (2) the file's rate around it
// (over windows several times longer, before and after) predicts at least
// MIN_EXPECTED_EVENTS events for it, so a quiet daemon that logs twice an
// hour never has gaps, and each side on its own is busy too (a quiet error
// log that bursts is not "silent" before its burst) — and (3) pauses that
// long are not the file's normal way of being:
// the other pauses of at least half its length cover less than
// MAX_REGULAR_PAUSE_SHARE of the file's remaining time (a batch job that logs
// a burst every five minutes pauses all the time; a busy access log does not).
// Only pauses between two events of the same file count, so the time before
// a file starts or after it ends is never a gap. Busy logger lanes inside a
// file are judged the same way on their own.

import type { EventTable } from '../model/event-table.ts';
import { Kind } from '../model/kinds.ts';
import type { Mark } from './types.ts';
import { lowerBoundRows, positionOf, type SourceIndex } from './sources.ts';

/** Shorter silences are GC pauses, log buffering or a slow minute; invisible at incident zoom. */
export const MIN_GAP_MS = 10_000;
/** Events the local rate must predict for the silence. At 15, a random (Poisson) stream has such a
 * pause once in ~3 million intervals (e^-15), yet a source logging every two seconds shows a 30 s gap. */
export const MIN_EXPECTED_EVENTS = 15;
/** The local rate is measured over this many times the silence on each side... */
export const RATE_WINDOW_FACTOR = 5;
/** ...and at least a minute, so a handful of events cannot fake a busy source. */
export const MIN_RATE_WINDOW_MS = 60_000;
/** Files with fewer events have no rhythm to judge. */
export const MIN_SOURCE_EVENTS = 20;
/** Events each side's own rate must predict for the silence. Lower than MIN_EXPECTED_EVENTS (traffic
 * may come back slower after an outage), but above zero: a side with no traffic has no rhythm to break. */
export const MIN_SIDE_EXPECTED = 5;
/** If pauses of comparable length fill this share of the file's time, such pauses are its rhythm. */
export const MAX_REGULAR_PAUSE_SHARE = 0.2;

/** Operation and reload lines are not traffic: they keep coming while traffic stops. */
function isNotTraffic(kind: number): boolean {
  return kind === Kind.opStart || kind === Kind.opEnd || kind === Kind.signal;
}

export function gapMarks(table: EventTable, sources: SourceIndex): Mark[] {
  const out: Mark[] = [];
  for (let f = 0; f < sources.rows.length; f++) {
    const rows = sources.rows[f];
    const fileGaps = gapsOf(table.tMs, rows, f, 0);
    const pauses = longPauses(table, rows);
    // Traffic alone: a long operation logging a step every few seconds must not hide the
    // silence of everything else in the same file (renewals go on while requests hang).
    const traffic = pauses.traffic ? trafficRows(table, rows, sources.notable[f]) : null;
    if (traffic) {
      for (const g of gapsOf(table.tMs, traffic, f, 0)) if (!fileGaps.some((x) => x.start <= g.end && g.start <= x.end)) fileGaps.push(g);
    }
    out.push(...fileGaps);
    // Lanes: a busy logger (the access log inside a Caddy log) can stop while the rest of the
    // file goes on; judge each busy lane by its own rhythm too, unless the whole file was silent.
    for (const [logger, laneRows] of lanes(table, rows, pauses.loggers)) {
      for (const g of gapsOf(table.tMs, laneRows, f, logger)) {
        if (!fileGaps.some((x) => x.start <= g.end && g.start <= x.end)) out.push(g);
      }
    }
  }
  return out;
}

/**
 * Which of a file's views can hold a gap at all: its traffic rows, and each
 * logger's rows (by logger number), for a pause of at least MIN_GAP_MS
 * between two of them. One pass over the rows; a busy log has no such pause
 * in most of them, and then their rows are never copied out and walked again
 * (gapsOf finds nothing in a view without one).
 */
function longPauses(table: EventTable, rows: Int32Array): { traffic: boolean; loggers: Uint8Array } {
  const { tMs, kind, logger } = table;
  // Logger numbers index the table's interned names; a bigger one grows the arrays.
  let size = Math.max(1, table.loggers?.length ?? 0);
  // NaN before a logger's first row: a difference with it is never a pause.
  let last = new Float64Array(size).fill(NaN);
  let loggers = new Uint8Array(size);
  let traffic = false;
  let lastTraffic = NaN;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const t = tMs[row];
    const lg = logger[row];
    if (lg >= size) {
      size = lg + 1;
      const before = last.length;
      last = grown(last, size);
      last.fill(NaN, before);
      loggers = grown(loggers, size);
    }
    if (t - last[lg] >= MIN_GAP_MS) loggers[lg] = 1;
    last[lg] = t;
    if (!isNotTraffic(kind[row])) {
      if (t - lastTraffic >= MIN_GAP_MS) traffic = true;
      lastTraffic = t;
    }
  }
  return { traffic, loggers };
}

function grown<T extends Float64Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** One operation or reload line in this many rows, or more, and the traffic rows are found by walking them all. */
const WALK_FROM = 32;

/**
 * The rows that are not operation or reload lines, or null when there are
 * none of those. Those lines are notable (sources.ts): they are found among
 * the notable rows, and the runs of rows between them are copied whole.
 */
export function trafficRows(table: EventTable, rows: Int32Array, notable: Int32Array, walkFrom = WALK_FROM): Int32Array | null {
  const skipped: number[] = [];
  for (let k = 0; k < notable.length; k++) if (isNotTraffic(table.kind[notable[k]])) skipped.push(notable[k]);
  if (skipped.length === 0) return null;
  const out = new Int32Array(rows.length - skipped.length);
  // Many operation lines (one in twenty rows of the 200 MB benchmark log): a search and a copy per run
  // between them cost more than one walk over the rows.
  if (skipped.length * walkFrom > rows.length) {
    const kind = table.kind;
    let j = 0;
    for (let k = 0; k < rows.length; k++) if (!isNotTraffic(kind[rows[k]])) out[j++] = rows[k];
    return out;
  }
  let j = 0;
  let from = 0;
  for (const row of skipped) {
    const at = positionOf(rows, row);
    out.set(rows.subarray(from, at), j);
    j += at - from;
    from = at + 1;
  }
  out.set(rows.subarray(from), j);
  return out;
}

/**
 * Rows per logger, for files with more than one logger; lanes too small to
 * judge are left out, and so are those `pausing` (by logger number) says
 * hold no pause long enough to be a gap (longPauses).
 */
function lanes(table: EventTable, rows: Int32Array, pausing: Uint8Array): Map<number, Int32Array> {
  const out = new Map<number, Int32Array>();
  if (rows.length === 0 || !pausing.includes(1)) return out;
  const first = table.logger[rows[0]];
  let mixed = false;
  for (let k = 1; k < rows.length && !mixed; k++) mixed = table.logger[rows[k]] !== first;
  if (!mixed) return out;
  // Two passes over typed arrays (count, then fill) instead of a growing list per logger: a big file has a million rows.
  const logger = table.logger;
  let top = 0;
  for (let k = 0; k < rows.length; k++) top = Math.max(top, logger[rows[k]]);
  const count = new Int32Array(top + 1);
  const order: number[] = []; // loggers in order of first appearance, as lanes are reported
  for (let k = 0; k < rows.length; k++) if (count[logger[rows[k]]]++ === 0) order.push(logger[rows[k]]);
  const fill = new Array<Int32Array | null>(top + 1).fill(null);
  for (const lg of order) if (lg !== 0 && count[lg] >= MIN_SOURCE_EVENTS && pausing[lg] === 1) fill[lg] = new Int32Array(count[lg]);
  count.fill(0);
  for (let k = 0; k < rows.length; k++) {
    const lg = logger[rows[k]];
    const lane = fill[lg];
    if (lane) lane[count[lg]++] = rows[k];
  }
  for (const lg of order) {
    const lane = fill[lg];
    if (lane) out.set(lg, lane);
  }
  return out;
}

function gapsOf(t: Float64Array, rows: Int32Array, file: number, logger: number): Mark[] {
  const out: Mark[] = [];
  const n = rows.length;
  if (n < MIN_SOURCE_EVENTS) return out;
  const span = t[rows[n - 1]] - t[rows[0]];
  // Candidate pauses: only those long enough to matter for the share test (>= MIN_GAP_MS / 2).
  const idx: number[] = [];
  const len: number[] = [];
  for (let k = 0; k + 1 < n; k++) {
    const d = t[rows[k + 1]] - t[rows[k]];
    if (d >= MIN_GAP_MS / 2) {
      idx.push(k);
      len.push(d);
    }
  }
  if (idx.length === 0) return out;
  const sorted = Float64Array.from(len).sort();
  const suffix = new Float64Array(sorted.length + 1);
  for (let i = sorted.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + sorted[i];
  for (let c = 0; c < idx.length; c++) {
    const d = len[c];
    if (d < MIN_GAP_MS) continue;
    const k = idx[c];
    const a = t[rows[k]];
    const b = t[rows[k + 1]];
    // The rate around the silence, over windows much longer than it, so chance clusters do not count.
    const w = Math.max(RATE_WINDOW_FACTOR * d, MIN_RATE_WINDOW_MS);
    const t0 = t[rows[0]];
    const t1 = t[rows[n - 1]];
    const before = k + 1 - lowerBoundRows(t, rows, a - w);
    const after = lowerBoundRows(t, rows, b + w) - (k + 1);
    const seenBefore = Math.min(w, a - t0);
    const seenAfter = Math.min(w, t1 - b);
    const seen = seenBefore + seenAfter;
    if (seen <= 0) continue;
    const perMs = (before + after - 1) / seen;
    if (perMs * d < MIN_EXPECTED_EVENTS) continue;
    // Each side busy on its own: the events that bound the silence do not count as traffic.
    const sideRate = (events: number, ms: number) => (ms > 0 ? (events - 1) / ms : 0);
    if (Math.min(sideRate(before, seenBefore), sideRate(after, seenAfter)) * d < MIN_SIDE_EXPECTED) continue;
    const others = suffix[lowerSorted(sorted, d / 2)] - d;
    const rest = span - d;
    if (rest <= 0 || others / rest >= MAX_REGULAR_PAUSE_SHARE) continue;
    const perMin = perMs * 60_000;
    out.push({
      kind: 'gap',
      start: a,
      end: b,
      label: `silent for ${seconds(d)} (usually ~${rateText(perMin)})`,
      file,
      logger,
      events: [rows[k], rows[k + 1]],
      count: 0,
      baselinePerMin: perMin,
      expected: Math.round((perMin * d) / 60_000),
    });
  }
  return out;
}

function lowerSorted(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 120 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;
}

export function rateText(perMin: number): string {
  if (perMin >= 60) return `${Math.round(perMin / 60)} events/s`;
  if (perMin >= 1) return `${Math.round(perMin)} events/min`;
  return `${(perMin * 60).toFixed(1)} events/h`;
}
