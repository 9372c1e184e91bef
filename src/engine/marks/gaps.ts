// Gaps: silences judged per file against that file's own rhythm. A pause is a
// gap when (1) it lasts at least MIN_GAP_MS, (2) the file was busy right
// next to it — at least MIN_EXPECTED_EVENTS events in an equally long window
// just before or just after, so a quiet daemon that logs twice an hour never
// has gaps — and (3) pauses that long are not the file's normal way of being:
// the other pauses of at least half its length cover less than
// MAX_REGULAR_PAUSE_SHARE of the file's remaining time (a batch job that logs
// a burst every five minutes pauses all the time; a busy access log does not).
// Only pauses between two events of the same file count, so the time before
// a file starts or after it ends is never a gap. Busy logger lanes inside a
// file are judged the same way on their own.

import type { EventTable } from '../model/event-table.ts';
import type { Mark } from './types.ts';
import { lowerBoundRows, type SourceIndex } from './sources.ts';

/** Shorter silences are GC pauses, log buffering or a slow minute; invisible at incident zoom. */
export const MIN_GAP_MS = 10_000;
/** Events the usual local rate must predict for the silence: ~10 missing events is far beyond chance
 * (Poisson P(0 | 10) < 0.005%) yet lets a source logging every few seconds show a 40 s silence. */
export const MIN_EXPECTED_EVENTS = 10;
/** Files with fewer events have no rhythm to judge. */
export const MIN_SOURCE_EVENTS = 20;
/** If pauses of comparable length fill this share of the file's time, such pauses are its rhythm. */
export const MAX_REGULAR_PAUSE_SHARE = 0.2;

export function gapMarks(table: EventTable, sources: SourceIndex): Mark[] {
  const out: Mark[] = [];
  for (let f = 0; f < sources.rows.length; f++) {
    const rows = sources.rows[f];
    const fileGaps = gapsOf(table.tMs, rows, f, 0);
    out.push(...fileGaps);
    // Lanes: a busy logger (the access log inside a Caddy log) can stop while the rest of the
    // file goes on; judge each busy lane by its own rhythm too, unless the whole file was silent.
    for (const [logger, laneRows] of lanes(table, rows)) {
      for (const g of gapsOf(table.tMs, laneRows, f, logger)) {
        if (!fileGaps.some((x) => x.start <= g.end && g.start <= x.end)) out.push(g);
      }
    }
  }
  return out;
}

/** Rows per logger, for files with more than one logger; lanes too small to judge are left out. */
function lanes(table: EventTable, rows: Int32Array): Map<number, Int32Array> {
  const byLogger = new Map<number, number[]>();
  for (let k = 0; k < rows.length; k++) {
    const lg = table.logger[rows[k]];
    let list = byLogger.get(lg);
    if (!list) byLogger.set(lg, (list = []));
    list.push(rows[k]);
  }
  const out = new Map<number, Int32Array>();
  if (byLogger.size < 2) return out;
  for (const [lg, list] of byLogger) if (lg !== 0 && list.length >= MIN_SOURCE_EVENTS) out.set(lg, Int32Array.from(list));
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
    const before = k + 1 - lowerBoundRows(t, rows, a - d);
    const after = lowerBoundRows(t, rows, b + d) - (k + 1);
    const near = Math.max(before, after);
    if (near < MIN_EXPECTED_EVENTS) continue;
    const others = suffix[lowerSorted(sorted, d / 2)] - d;
    const rest = span - d;
    if (rest <= 0 || others / rest >= MAX_REGULAR_PAUSE_SHARE) continue;
    const perMin = (near / d) * 60_000;
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
