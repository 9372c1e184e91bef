// Per-file accounting. The invariant `lines == events + continuations + blank`
// holds for every file (a test checks it on every fixture and the corpus
// script on every real log): no line is ever silently dropped.

import type { TableBuilder } from '../model/table-builder.ts';

export interface FileStats {
  name: string;
  /** Format id picked by detection ('' when the file could not be read). */
  format: string;
  formatLabel: string;
  bytes: number;
  lines: number;
  events: number;
  continuations: number;
  blank: number;
  malformed: number;
  /** Events read from hand-edited lines (JSON cut with "...", a missing brace): the fields before the cut. */
  recovered: number;
  /** Lines that only mark a cut ("...", "[...]"); counted with the blank lines, which they are part of. */
  elided: number;
  /** Events whose line carries no time (Flag.untimed). */
  untimed: number;
  /** Of those, the ones that took a neighbour's time (the timed line before, or after at the file's start): inferred, not read. */
  timeInferred: number;
  outOfOrder: number;
  /** Epoch ms of the earliest / latest event, NaN when none. */
  firstTime: number;
  lastTime: number;
  /** Some timestamps had no zone and were read as UTC (or at zoneLearnedMin). */
  zoneAssumed: boolean;
  /** Minutes east of UTC the zone-less times were read at, learned from the file's zoned times (zone-learn.ts). */
  zoneLearnedMin?: number;
  /** Times of day without a date were placed on the unknown day (model/time-of-day.ts). */
  dateUnknown: boolean;
  /** Some times count from the program's start (JVM unified logging, dmesg, V8's GC trace): shown on the unknown day. */
  uptimeClock: boolean;
  /** Some timestamps had no year (syslog, klog) and took `year`. */
  yearAssumed: boolean;
  encoding: string;
  gzip: boolean;
  /** Why the file could not be loaded, or null. */
  error: string | null;
  /** Milliseconds subtracted from every time of the file to correct its clock (absent: none applied). */
  clockOffsetMs?: number;
  /** Things the user should know that did not stop the load. */
  notices: string[];
}

export function newFileStats(name: string, bytes: number): FileStats {
  return {
    name,
    format: '',
    formatLabel: '',
    bytes,
    lines: 0,
    events: 0,
    continuations: 0,
    blank: 0,
    malformed: 0,
    recovered: 0,
    elided: 0,
    untimed: 0,
    timeInferred: 0,
    outOfOrder: 0,
    firstTime: NaN,
    lastTime: NaN,
    zoneAssumed: false,
    dateUnknown: false,
    uptimeClock: false,
    yearAssumed: false,
    encoding: 'utf-8',
    gzip: false,
    error: null,
    notices: [],
  };
}

/**
 * Untimed events that took a neighbour's time (the timed line before them,
 * or at the file's start the first timed line): `neverTimed` are the rows of
 * a file with no time anywhere, which keep none.
 */
export function countInferred(stats: FileStats, neverTimed: number): void {
  stats.timeInferred = Math.max(0, stats.untimed - neverTimed);
}

/**
 * A file whose lines run newest first (FileIngest.newestFirst): its events of
 * one instant sort in the order they happened, and its notices say why.
 */
export function markNewestFirst(builder: TableBuilder, file: number, stats: FileStats): void {
  builder.newestFirst(file);
  stats.notices.push('the lines are newest first (as a console showing the latest at the top): events are shown in time order, each with its line number');
}
