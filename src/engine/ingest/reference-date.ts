// Year-less timestamps (syslog "Jan _2 15:04:05", klog "I0516 ...") and
// clock-only lines need a year and a day from somewhere. The file's mtime is a
// poor guess for logs copied off a server (a fresh checkout says "today"), and
// a syslog lane placed a year away from the JSON logs beside it breaks every
// cross-file correlation. So before parsing, we read the head of each file and,
// when other files carry full dates, take the year and day from them.

import { detectFormat } from '../formats/index.ts';
import { newTimeOut } from '../model/time.ts';
import { isUnknownDay } from '../model/time-of-day.ts';
import { TableBuilder } from '../model/table-builder.ts';
import type { ByteSource } from './byte-source.ts';
import { FileIngest, ingestClassifier, type SharedSinks } from './file-ingest.ts';
import { newFileStats } from './file-stats.ts';
import { LineSplitter } from './line-splitter.ts';
import { openText } from './open-text.ts';
import { Templater } from '../templates/templater.ts';

/** Bytes read from the head of each file: enough for a few hundred lines. */
const HEAD_BYTES = 64 * 1024;
const HEAD_LINES = 200;

export interface ReferenceDate {
  year: number;
  /** Midnight UTC of the latest fully dated day seen (for clock-only lines). */
  day: number;
}

/** What the head of one file tells: its latest full date, and whether it also has year-less dates. */
interface Head {
  latest: number;
  mixed: boolean;
}

/** The latest full date found in the heads of the files that carry full dates only, or null. */
function referenceOf(heads: readonly Head[]): ReferenceDate | null {
  let latest = NaN;
  for (const h of heads) if (!h.mixed && Number.isFinite(h.latest) && !(h.latest <= latest)) latest = h.latest;
  if (!Number.isFinite(latest)) return null;
  const d = new Date(latest);
  return { year: d.getUTCFullYear(), day: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) };
}

const NO_HEAD: Head = { latest: NaN, mixed: false };

/** The latest full date found in the heads of the files that carry full dates, or null. */
export async function referenceDate(sources: readonly ByteSource[]): Promise<ReferenceDate | null> {
  const heads: Head[] = [];
  for (const src of sources) heads.push(await headDates(src).catch(() => NO_HEAD));
  return referenceOf(heads);
}

async function headDates(src: ByteSource): Promise<Head> {
  const opened = await openText(src);
  if (opened.error) {
    await opened.chunks.return(undefined);
    return NO_HEAD;
  }
  const lines: [string, number, number, boolean][] = [];
  const splitter = new LineSplitter((text, off, len, truncated) => {
    if (lines.length < HEAD_LINES) lines.push([text, off, len, truncated]);
  }, opened.encoding);
  splitter.skip(opened.bom);
  let read = 0;
  let first = true;
  let whole = true;
  for await (let chunk of opened.chunks) {
    if (first && opened.bom) chunk = chunk.subarray(opened.bom);
    first = false;
    // In pieces, only until the head is complete: a 1 MB chunk split whole into text lines (to keep 200) cost a few ms a file.
    for (let at = 0; at < chunk.length && lines.length < HEAD_LINES; at += HEAD_BYTES) splitter.push(chunk.subarray(at, at + HEAD_BYTES));
    read += chunk.length;
    if (read >= HEAD_BYTES || lines.length >= HEAD_LINES) {
      whole = false;
      break;
    }
  }
  await opened.chunks.return(undefined);
  // A cut last line could parse differently: only a whole file's last line counts.
  if (whole) splitter.end();
  if (lines.length === 0) return NO_HEAD;
  const { format } = detectFormat(src.name, lines.map((l) => l[0]));
  const stats = newFileStats(src.name, src.size);
  const sinks: SharedSinks = {
    builder: new TableBuilder(256),
    ...ingestClassifier([], true),
    templater: new Templater(),
    messages: [],
    messageBudget: 0,
    messageChars: 0,
  };
  // A year no log can have: if it shows up, the file's dates were year-less.
  const env = { year: 1971, time: newTimeOut() };
  const ingest = new FileIngest(0, format, env, stats, sinks, 0);
  for (const l of lines) ingest.line(l[0], l[1], l[2], l[3]);
  if (!stats.yearAssumed) {
    const last = stats.lastTime;
    // Times of day alone sit on the unknown day (time-of-day.ts): they carry no date to offer.
    return { latest: Number.isFinite(last) && !isUnknownDay(last) && new Date(last).getUTCFullYear() > 1971 ? last : NaN, mixed: false };
  }
  // Year-less lines beside dated ones (journald around "2023-10-04T08:07:36+08:00 ERROR ..."): the dated rows tell the year.
  const tMs = sinks.builder.columns.tMs;
  let latest = NaN;
  for (let i = 0; i < sinks.builder.length; i++) {
    const t = tMs[i];
    if (Number.isFinite(t) && !isUnknownDay(t) && new Date(t).getUTCFullYear() > 1972 && !(t <= latest)) latest = t;
  }
  return { latest, mixed: true };
}

/**
 * Options with `year` and `day` taken from the other files when the caller
 * gave none and more than one file is loaded (a single file has nothing to
 * line up with, and keeps its modification date), and per file the year its
 * own dated lines give its year-less ones (`ownYear`, which wins over both).
 */
export async function withReferenceDate<T extends { year?: number; day?: number; ownYear?: readonly (number | undefined)[] }>(sources: readonly ByteSource[], options: T): Promise<T> {
  if (options.ownYear !== undefined) return options;
  const heads: Head[] = [];
  for (const src of sources) heads.push(await headDates(src).catch(() => NO_HEAD));
  const own = heads.map((h) => (h.mixed && Number.isFinite(h.latest) ? new Date(h.latest).getUTCFullYear() : undefined));
  const withOwn = own.some((y) => y !== undefined) ? { ...options, ownYear: own } : options;
  if (options.year !== undefined || sources.length < 2) return withOwn;
  const ref = referenceOf(heads);
  return ref ? { ...withOwn, year: ref.year, day: options.day ?? ref.day } : withOwn;
}
