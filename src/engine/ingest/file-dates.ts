// What a file's year-less and date-less times are read against: the year,
// the latest moment a date may fall on, and the day a bare clock goes on.
// Whole-file reads (ingest.ts) and split ones (parallel-ingest.ts) ask here,
// so a file reads the same whichever path takes it.

import type { ByteSource } from './byte-source.ts';
import type { IngestOptions } from './ingest.ts';

/** Year for year-less timestamps in one file. */
export function fileYear(src: ByteSource, options: IngestOptions, fi: number): number {
  return options.ownYear?.[fi] ?? options.year ?? new Date(src.lastModified ?? Date.now()).getUTCFullYear();
}

/**
 * The latest moment a year-less date of the file may fall on: when it was
 * last saved, since no line is written after that ("Dec 31" in a file saved
 * on January 2nd is last year's, whenever it is read); unset (the clock's
 * now) when that is not known, or when the user gave the year.
 */
export function fileNow(src: ByteSource, options: IngestOptions, fi: number): number | undefined {
  return options.ownYear?.[fi] !== undefined || options.year !== undefined ? undefined : src.lastModified;
}

/** The day a file's times of day without a date go on: the user's date for it, else the other files' (reference-date.ts). */
export function fileDayOf(fi: number, options: IngestOptions): number | undefined {
  return options.fileDay?.[fi] ?? options.day;
}
