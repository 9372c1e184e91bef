// Ingest: many files in, one merged time-ordered event table out. This is the
// engine's front door, used unchanged by the worker, the CLI and the tests.
// Each file streams through open-text -> line-splitter -> its format's parser
// -> FileIngest; a file that cannot be read gets an error and the rest load.
// parallel-ingest.ts runs the same per-file driver (`ingestFile`) for files it
// does not split, so one file reads the same whichever path takes it.

import type { VocabularyEntry } from '../classify/vocabulary.ts';
import { detectFormat } from '../formats/index.ts';
import { isQuotedPaste, unquote } from '../formats/quote-marks.ts';
import { fileDayOf, fileNow, fileYear } from './file-dates.ts';
import { newTimeOut } from '../model/time.ts';
import { settleDateOrder } from '../model/time-forms.ts';
import { fileZoneOffset, zoneNotice } from './zone-learn.ts';
import type { ParseEnv } from '../formats/types.ts';
import { UNKNOWN_DAY_MS } from '../model/time-of-day.ts';
import { TableBuilder } from '../model/table-builder.ts';
import { permute, permuteListWindows, permuteWindows } from '../model/row-permute.ts';
import type { EventTable } from '../model/event-table.ts';
import { Templater, type TemplateInfo } from '../templates/templater.ts';
import type { ByteSource } from './byte-source.ts';
import { FileIngest, ingestClassifier, type SharedSinks } from './file-ingest.ts';
import { countInferred, markNewestFirst, newFileStats, type FileStats } from './file-stats.ts';
import { LineSplitter, MAX_LINE_BYTES } from './line-splitter.ts';
import { openText, withoutNul } from './open-text.ts';
import type { PlausibleRange } from './plausible-time.ts';
import { withReferenceDate } from './reference-date.ts';
import { checkDayFit, type PlacedFile } from './day-fit.ts';
import { clockShifts, shiftClocks } from './clock-shift.ts';
import { reserveRows, rollBackRows } from './sink-rows.ts';

export interface IngestProgress {
  bytes: number;
  totalBytes: number;
  lines: number;
  events: number;
  fileIndex: number;
  elapsedMs: number;
  /** Bytes decompressed so far from .gz files (`bytes` counts what was read from disk). */
  decompressedBytes?: number;
}

/** What has loaded so far, sorted, for drawing the timeline before the load ends (see IngestOptions.onPartial). */
export interface PartialIngest {
  table: EventTable;
  files: FileStats[];
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface IngestOptions {
  vocabulary?: readonly VocabularyEntry[];
  /** Called every few MB. */
  onProgress?: (p: IngestProgress) => void;
  /**
   * Called with a sorted copy of the rows loaded so far: first after a few MB
   * (or the first parallel slice), then each time the row count has doubled,
   * at most about once a second. The final table still comes from the result.
   * Snapshots leave the byte ranges empty (drawing never reads them).
   */
  onPartial?: (p: PartialIngest) => void;
  /** Checked between chunks; set `aborted` to stop. AbortSignal fits. */
  signal?: { readonly aborted: boolean };
  /** Year for year-less timestamps; default: the file's mtime year, else this year. */
  year?: number;
  /** Per file: the year its own dated lines give its year-less ones (journald around ISO times; reference-date.ts). Wins over `year`. */
  ownYear?: readonly (number | undefined)[];
  /** Midnight UTC (epoch ms) for clock-only lines and the year rollover of year-less dates; default: from the other files (reference-date.ts). */
  day?: number;
  /** Characters of message text to keep in memory (the rest is read back from the file). */
  messageBudget?: number;
  /** Per file index: midnight UTC (epoch ms) of the date the user gave a file whose times of day carry none. */
  fileDay?: Record<number, number>;
  /** Per file index: minutes to add to zone-less times (the user's zone for that file). */
  zoneOffsetMin?: Record<number, number>;
  /**
   * Per file index: how far the file's clock ran ahead, in ms (flows/clock-offsets.ts);
   * subtracted from every time of that file, zoned or not, before the rows are merged.
   */
  clockOffsetMs?: Record<number, number>;
  /** Keep decompressed bytes of .gz files so events can be read back (default true). */
  keepDecompressed?: boolean;
  /** Lines read for format detection. */
  detectLines?: number;
  /** Format id to read every file as, instead of detecting each one's. */
  format?: string;
  /** Decompressed bytes one .gz file may yield before the rest is left unread (default DEFAULT_MAX_DECOMPRESSED_BYTES). */
  maxDecompressedBytes?: number;
  /** Decompressed bytes all .gz files of one load may yield together (default DEFAULT_MAX_SESSION_DECOMPRESSED_BYTES). */
  maxSessionDecompressedBytes?: number;
  /**
   * Awaited after every chunk of text: the worker passes a task boundary when
   * it has been busy for a few milliseconds, so a Cancel message gets through
   * while a small compressed chunk inflates into gigabytes.
   */
  pause?: () => Promise<void>;
  /** Times outside this range are treated as missing, with a notice (default: years 1990 to next year; see plausible-time.ts). */
  plausibleTime?: PlausibleRange;
}

/** A gzip bomb (or a real but huge archive) stops here, with a notice; the part read is kept. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 128 << 20;
export const DEFAULT_MAX_SESSION_DECOMPRESSED_BYTES = 512 << 20;

export interface IngestResult {
  table: EventTable;
  files: FileStats[];
  /** Message text per table row, when kept in memory. */
  messages: (string | undefined)[];
  templates: TemplateInfo[];
  /** Decompressed contents of gzip files by file index, for reading events back. */
  decompressed: (Blob | null)[];
  /** Failure lines among the continuation lines of multi-line events, by row (analysis/cause-lines.ts reads them back). */
  causes?: Map<number, string[]>;
}

export class IngestCancelled extends Error {
  constructor() {
    super('ingest cancelled');
    this.name = 'IngestCancelled';
  }
}

const PROGRESS_EVERY_BYTES = 4 << 20;
/**
 * Characters of one-off messages kept in memory (repeated and notable ones are
 * always kept; the rest are read back from the file when shown). Keeping every
 * one-off message of a big file costs memory and, as they all survive to the
 * old generation, about a tenth of ingest time.
 */
export const DEFAULT_MESSAGE_BUDGET = 4 << 20;
export const DETECT_LINES = 200;
/** Partial tables: the first once this much is read (or this long passed), then at most once a second. */
const FIRST_PARTIAL_BYTES = 8 << 20;
const FIRST_PARTIAL_MS = 500;
const PARTIAL_MIN_MS = 1000;
/**
 * ...and only once the rows grew this many times over. Each partial table is
 * sorted and copied on the engine worker and prepared again on the page,
 * while the slice workers need those cores: with 2x a 1 GB load made five
 * (20 K to 3.3 M rows, ~1.5 CPU-s of sorting and copying), with 4x three, and
 * the copying stays under a third of the final table's.
 */
const PARTIAL_GROWTH = 4;
/**
 * ...and none once more than this share of the bytes is read: the whole table
 * comes soon after, and a late partial is the dearest (a 200 MB file's third
 * came with ~85% read, ~700 K rows sorted and copied on the engine worker and
 * prepared again on the page while the slice workers needed both cores). At
 * 1 GB the third comes with under half read, and is kept.
 */
const LAST_PARTIAL_SHARE = 0.6;

/**
 * Rows the table starts with. Small on purpose: it grows (doubling) within the
 * first few hundred events, while the per-event code still runs unoptimised,
 * so V8 compiles that code knowing the growth path; starting at 16K rows, the
 * first growth came after it was optimised and threw the compiled per-event
 * code away (tens of ms to compile again). The file is sized once after its
 * first megabytes anyway (ingestFile's reserve).
 */
const FIRST_ROWS = 256;

export function newSinks(options: IngestOptions, builder = new TableBuilder(FIRST_ROWS)): SharedSinks {
  return {
    builder,
    // FileIngest remembers both answers per message (message-facts.ts): no second memo behind it.
    ...ingestClassifier(options.vocabulary ?? [], false),
    templater: new Templater({ exactMemo: false }),
    messages: [],
    messageBudget: options.messageBudget ?? DEFAULT_MESSAGE_BUDGET,
    messageChars: 0,
  };
}

export { fileDayOf, fileNow, fileYear };

/** Counts the line splitter keeps, turned into per-file notices once the file is done. */
export interface SplitCounts {
  invalidLines: number;
  longLines: number;
}

export function fileNotices(stats: FileStats, counts: SplitCounts): void {
  if (stats.lines === 0) stats.error = 'empty file: no lines to read';
  if (counts.invalidLines > 0) stats.notices.push(`${counts.invalidLines} line(s) had bytes that are not valid ${stats.encoding}; shown with U+FFFD`);
  if (counts.longLines > 0) stats.notices.push(`${counts.longLines} line(s) longer than ${MAX_LINE_BYTES >> 20} MB; only their first ${MAX_LINE_BYTES >> 20} MB are kept`);
  if (stats.encoding !== 'utf-8') stats.notices.push(`decoded as ${stats.encoding.toUpperCase()}`);
  if (stats.zoneAssumed) stats.notices.push(zoneNotice(stats.zoneLearnedMin));
}

/** Progress and partial-table reporting shared by the sequential and parallel drivers. */
export class LoadReporter {
  readonly started = Date.now();
  private lastPartialRows = 0;
  private lastPartialAt = 0;
  private sinceProgress = 0;
  /** Decompressed bytes of every .gz file so far in this load (the session ceiling). */
  decompressed = 0;

  constructor(
    private readonly options: IngestOptions,
    readonly totalBytes: number,
    private readonly files: FileStats[],
  ) {}

  /** `bytes` more were read; report progress every few MB. */
  advance(bytes: number, doneBytes: number, events: number, fileIndex: number): void {
    this.sinceProgress += bytes;
    if (this.sinceProgress < PROGRESS_EVERY_BYTES) return;
    this.sinceProgress = 0;
    this.progress(doneBytes, events, fileIndex);
  }

  progress(doneBytes: number, events: number, fileIndex: number): void {
    this.options.onProgress?.({
      bytes: Math.min(doneBytes, this.totalBytes || doneBytes),
      totalBytes: this.totalBytes,
      lines: this.files.reduce((a, f) => a + f.lines, 0),
      events,
      fileIndex,
      elapsedMs: Date.now() - this.started,
      ...(this.decompressed > 0 ? { decompressedBytes: this.decompressed } : {}),
    });
  }

  /** Offer a partial table: the first one early, then whenever the rows grew PARTIAL_GROWTH times (bounded copying). */
  partial(builder: TableBuilder, doneBytes: number, force = false): void {
    const cb = this.options.onPartial;
    if (!cb || builder.length === 0) return;
    const now = Date.now();
    if (!force) {
      if (this.lastPartialRows === 0 && doneBytes < FIRST_PARTIAL_BYTES && now - this.started < FIRST_PARTIAL_MS) return;
      if (builder.length < this.lastPartialRows * PARTIAL_GROWTH || now - this.lastPartialAt < PARTIAL_MIN_MS) return;
      if (this.lastPartialRows > 0 && this.totalBytes > 0 && doneBytes > this.totalBytes * LAST_PARTIAL_SHARE) return;
    }
    this.lastPartialRows = builder.length;
    this.lastPartialAt = now;
    cb({
      table: builder.snapshot(clockShifts(this.options.clockOffsetMs, this.files.length) ?? undefined),
      files: this.files.map((f) => ({ ...f, notices: f.notices.slice() })),
      bytes: Math.min(doneBytes, this.totalBytes || doneBytes),
      totalBytes: this.totalBytes,
      elapsedMs: now - this.started,
    });
  }
}

export interface FileOutcome {
  /** Rows of this file that never got a time. */
  untimedRows: readonly number[];
  decompressed: Blob | null;
  /** The file's times of day went on the other files' date: its rows, to check they fit (day-fit.ts). */
  placed?: PlacedFile;
}

/**
 * Read one whole file into `sinks` (the per-file body of ingestSources).
 * Errors are recorded on `stats` and the file's rows rolled back; only
 * cancellation throws.
 */
export async function ingestFile(
  src: ByteSource,
  fi: number,
  stats: FileStats,
  sinks: SharedSinks,
  options: IngestOptions,
  report: LoadReporter,
  bytesBefore: number,
): Promise<FileOutcome> {
  const builder = sinks.builder;
  const rowsBefore = builder.length;
  try {
    const opened = await openText(src);
    stats.encoding = opened.encoding;
    stats.gzip = opened.gzip;
    if (opened.error) {
      stats.error = opened.error;
      await opened.chunks.return(undefined);
      return { untimedRows: [], decompressed: null };
    }
    const env: ParseEnv = { year: fileYear(src, options, fi), day: fileDayOf(fi, options), now: fileNow(src, options, fi), time: newTimeOut() };
    let fileIngest: FileIngest | null = null;
    const head: [string, number, number, boolean][] = [];
    const detectLines = options.detectLines ?? DETECT_LINES;
    let quoted = false;
    const startParsing = () => {
      quoted = isQuotedPaste(head.map((h) => h[0]));
      if (quoted) for (const h of head) h[0] = unquote(h[0]);
      const firstLines = head.map((h) => h[0]);
      const { format } = detectFormat(src.name, firstLines, options.format);
      env.dateOrder = settleDateOrder(firstLines);
      stats.format = format.id;
      stats.formatLabel = format.label;
      const fin = new FileIngest(fi, format, env, stats, sinks, fileZoneOffset(options.zoneOffsetMin?.[fi], firstLines, env.year, stats), options.plausibleTime);
      fileIngest = fin;
      for (const h of head) fin.line(h[0], h[1], h[2], h[3]);
      head.length = 0;
      // JSON lines are read from their bytes from here on (no decoded string per line).
      // (A file with NULs stays on the text path, where they are removed from each line.)
      if (fin.takesBytes && !opened.nul && !quoted) splitter.useReader(fin);
    };
    let longLines = 0;
    const nul = { leading: 0, lines: 0, started: false };
    const splitter = new LineSplitter((text, off, len, truncated) => {
      if (truncated) longLines++;
      if (opened.nul) text = withoutNul(text, nul);
      if (fileIngest) fileIngest.line(quoted ? unquote(text) : text, off, len, truncated);
      else {
        head.push([text, off, len, truncated]);
        if (head.length >= detectLines) startParsing();
      }
    }, opened.encoding);
    splitter.skip(opened.bom);
    let fileBytes = 0;
    let reserved = false;
    const keep: Uint8Array[] | null = opened.gzip && options.keepDecompressed !== false ? [] : null;
    let first = true;
    const ceiling: Ceiling = opened.gzip ? gzipCeiling(options, report) : { bytes: Infinity, session: false };
    let damaged: string | null = null;
    // (UTF-8 only: in UTF-16 a 0x0D byte can be half of another character.)
    const loneCr = opened.loneCr && opened.encoding === 'utf-8';
    try {
      for await (let chunk of opened.chunks) {
        if (options.signal?.aborted) throw new IngestCancelled();
        let stop = false;
        if (fileBytes + chunk.length > ceiling.bytes) {
          chunk = cutAtLine(chunk, Math.max(0, ceiling.bytes - fileBytes));
          stats.notices.push(ceilingNotice(ceiling, fileBytes + chunk.length, opened.rawBytes(), src.size));
          stop = true;
        }
        // Same length, so byte offsets stay true to the file; a copy, never the source's own buffer.
        if (loneCr) chunk = crToLf(chunk);
        if (keep) keep.push(loneCr ? chunk : chunk.slice());
        if (first && opened.bom) chunk = chunk.subarray(opened.bom);
        first = false;
        splitter.push(chunk);
        fileBytes += chunk.length;
        if (opened.gzip) report.decompressed += chunk.length;
        if (stop) {
          await opened.chunks.return(undefined);
          break;
        }
        if (options.pause) {
          await options.pause();
          if (options.signal?.aborted) throw new IngestCancelled();
        }
        if (!reserved && fileBytes >= PROGRESS_EVERY_BYTES && !opened.gzip && src.size > fileBytes * 2) {
          // Size the table once from the rows per byte seen so far (+10%).
          reserved = true;
          reserveRows(sinks, builder.length + ((builder.length - rowsBefore) / fileBytes) * (src.size - fileBytes) * 1.1);
        }
        const readSoFar = opened.gzip ? opened.rawBytes() : fileBytes;
        report.advance(chunk.length, bytesBefore + Math.min(readSoFar, src.size || readSoFar), builder.length, fi);
        report.partial(builder, bytesBefore + fileBytes);
      }
    } catch (e) {
      // A .gz cut short or damaged: keep every line decoded before the damage (plain files fail as before).
      if (e instanceof IngestCancelled || !opened.gzip || fileBytes === 0) throw e;
      damaged = e instanceof Error ? e.message : String(e);
    }
    splitter.end();
    if (!fileIngest) startParsing();
    const fin = fileIngest as unknown as FileIngest;
    fin.end();
    if (fin.newestFirst) markNewestFirst(builder, fi, stats);
    if (opened.gzip) stats.bytes = fileBytes;
    fileNotices(stats, { invalidLines: splitter.invalidLines + fin.invalidLines, longLines });
    if (loneCr) stats.notices.push('lines end in a lone CR (old Mac line endings): each CR was read as a line end');
    if (damaged !== null) stats.notices.push(`the .gz file is damaged or cut short (${damaged}): the ${fileBytes} bytes of text before the damage were read and kept`);
    if (nul.leading > 0) stats.notices.push(`${nul.leading} NUL byte(s) of padding at the start were skipped (a log truncated while still being written, e.g. by logrotate's copytruncate)`);
    if (nul.lines > 0) stats.notices.push(`${nul.lines} line(s) held NUL bytes; they were removed from the text and the lines kept`);
    const guessedDay = options.fileDay?.[fi] === undefined ? options.day : undefined;
    const placed = guessedDay !== undefined && fin.clocksOnGivenDay ? { fileIndex: fi, rows: [rowsBefore, builder.length] as [number, number], day: guessedDay } : undefined;
    return { untimedRows: fin.untimedRows, decompressed: keep ? new Blob(keep as BlobPart[]) : null, placed };
  } catch (e) {
    if (e instanceof IngestCancelled) throw e;
    rollBackRows(sinks, rowsBefore);
    Object.assign(stats, newFileStats(stats.name, src.size));
    stats.error = `could not read: ${e instanceof Error ? e.message : String(e)}`;
    return { untimedRows: [], decompressed: null };
  }
}

function crToLf(chunk: Uint8Array): Uint8Array {
  const out = chunk.slice();
  for (let i = out.indexOf(13); i >= 0; i = out.indexOf(13, i + 1)) out[i] = 10;
  return out;
}

interface Ceiling {
  bytes: number;
  /** Which limit it is, for the notice. */
  session: boolean;
}

/** How much more this .gz file may yield: the per-file ceiling, or what is left of the load's. */
function gzipCeiling(options: IngestOptions, report: LoadReporter): Ceiling {
  const perFile = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const left = Math.max(0, (options.maxSessionDecompressedBytes ?? DEFAULT_MAX_SESSION_DECOMPRESSED_BYTES) - report.decompressed);
  return left < perFile ? { bytes: left, session: true } : { bytes: perFile, session: false };
}

/** The first `max` bytes of `chunk`, ending after its last newline when there is one (no half line at the cut). */
function cutAtLine(chunk: Uint8Array, max: number): Uint8Array {
  const part = chunk.subarray(0, max);
  const nl = part.lastIndexOf(10);
  return nl >= 0 ? part.subarray(0, nl + 1) : part;
}

const mb = (n: number) => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;

function ceilingNotice(c: Ceiling, decompressed: number, raw: number, size: number): string {
  const which = c.session ? 'the decompressed-size ceiling for all .gz files of this load' : 'the decompressed-size ceiling per .gz file';
  return `stopped at ${which} (${mb(c.bytes)}): the first ${mb(decompressed)} decompressed from ${mb(raw)} of ${mb(size)} compressed were read and analysed; the rest was not read (a gzip bomb, or raise the ceiling)`;
}

/** Sort the rows into the final table; events of files with no time at all go to the timeline's start. */
/** `messageNumbers`: per builder row, its message's number (message-numbers.ts), sorted along with the rows into the table. */
export function finishIngest(sinks: SharedSinks, files: FileStats[], noTimeRows: readonly number[], decompressed: (Blob | null)[], clockOffsetMs?: Record<number, number>, messageNumbers?: Int32Array): IngestResult {
  const builder = sinks.builder;
  shiftClocks(builder, files, clockOffsetMs);
  if (noTimeRows.length > 0) {
    const c = builder.columns;
    let min = Infinity;
    for (let i = 0; i < builder.length; i++) if (c.tMs[i] < min) min = c.tMs[i];
    // Nothing carries a time: the events sit on the unknown day rather than on an invented 1970-01-01.
    if (!Number.isFinite(min)) min = UNKNOWN_DAY_MS;
    for (const r of noTimeRows) c.tMs[r] = min;
  }
  const { table, order, inOrder, windows } = builder.finish();
  const src = sinks.messages;
  if (src.length > table.length) src.length = table.length; // room reserved for rows that never came (reserveRows)
  let messages: (string | undefined)[];
  // A file written in time order keeps its rows where they are: its messages need no second array.
  if (inOrder && src.length === table.length) messages = src;
  // Only a few stretches of rows moved (slices sorted by their workers): their messages move alike, in place.
  else if (windows && src.length === table.length) permuteListWindows((messages = src), order, windows);
  else {
    messages = new Array(table.length);
    for (let i = 0; i < table.length; i++) messages[i] = src[order[i]];
  }
  sinks.messages = [];
  if (messageNumbers?.length === table.length) table.messageNumbers = sortedNumbers(messageNumbers, order, inOrder, windows);
  return { table, files, messages, templates: sinks.templater.list(), decompressed };
}

function sortedNumbers(numbers: Int32Array, order: Uint32Array, inOrder: boolean, windows: Uint32Array | null): Int32Array {
  if (inOrder) return numbers;
  if (windows) {
    permuteWindows(numbers, order, windows);
    return numbers;
  }
  const out = new Int32Array(numbers.length);
  permute(numbers, out, order, numbers.length);
  return out;
}

export async function ingestSources(sources: readonly ByteSource[], options: IngestOptions = {}): Promise<IngestResult> {
  options = await withReferenceDate(sources, options);
  const sinks = newSinks(options);
  const files: FileStats[] = [];
  const decompressed: (Blob | null)[] = [];
  const totalBytes = sources.reduce((a, s) => a + (s.size || 0), 0);
  const report = new LoadReporter(options, totalBytes, files);
  let bytesBefore = 0;
  const noTimeRows: number[] = [];
  const placed: PlacedFile[] = [];
  for (let fi = 0; fi < sources.length; fi++) {
    const src = sources[fi];
    const stats = newFileStats(src.name, src.size);
    files.push(stats);
    const outcome = await ingestFile(src, fi, stats, sinks, options, report, bytesBefore);
    countInferred(stats, outcome.untimedRows.length);
    for (const r of outcome.untimedRows) noTimeRows.push(r);
    if (outcome.placed) placed.push(outcome.placed);
    decompressed.push(outcome.decompressed);
    bytesBefore += src.size || 0;
  }
  checkDayFit(sinks.builder, files, placed);
  const result = finishIngest(sinks, files, noTimeRows, decompressed, options.clockOffsetMs);
  report.progress(totalBytes, result.table.length, sources.length - 1);
  return result;
}
