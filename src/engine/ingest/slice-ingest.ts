// One slice of a big file, parsed on its own (several workers read
// one file). A slice owns the lines that start inside its byte range. It is
// pure engine code: a worker, a Node thread or a test calls `ingestSlice` with
// the slice's bytes and gets back plain columns and lists it can transfer.
//
// The one hard part is the seam. Whether the first lines of a slice continue
// the previous slice's last event (a stack trace cut in two), or take its
// time, depends on state the slice cannot see. So a slice parses nothing it
// cannot decide alone: lines before its first *anchor* — a line that starts
// an event with its own time whatever came before — go back raw (`head`), and
// parallel-ingest.ts replays them after the previous slice, exactly as one
// reader would. From the anchor on, the state is the same as a single reader's.

import type { VocabularyEntry } from '../classify/vocabulary.ts';
import { formatById } from '../formats/index.ts';
import type { LogFormat } from '../formats/types.ts';
import { tableBuffers, type EventColumns } from '../model/event-table.ts';
import { Flag } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import { remapRows, ROW_BLOCK, TableBuilder } from '../model/table-builder.ts';
import { newTimeOut } from '../model/time.ts';
import { Templater, type TemplateInfo } from '../templates/templater.ts';
import { FileIngest, ingestClassifier, type FileIngestState, type SharedSinks } from './file-ingest.ts';
import type { PlausibleRange } from './plausible-time.ts';
import { newFileStats, type FileStats } from './file-stats.ts';
import type { SplitCounts } from './ingest.ts';
import { LineSplitter } from './line-splitter.ts';
import { reserveRows } from './sink-rows.ts';

/** A classifier with what it tells FileIngest besides (ingestClassifier). */
type Classifying = ReturnType<typeof ingestClassifier>;

/** Formats whose parser keeps no state from line to line, so a file of them can be cut anywhere between lines. */
export const SLICEABLE_FORMATS: ReadonlySet<string> = new Set(['json-lines', 'logfmt']);

export interface SliceTask {
  fileIndex: number;
  fileName: string;
  /** Index of this slice in its file. */
  slice: number;
  /** The slice owns the lines starting in [start, end); the last slice's end is Infinity (the file may still grow). */
  start: number;
  end: number;
  /** Expected bytes in the slice, to size its columns. */
  bytes: number;
  /** Byte-order mark to skip at the start of the file (slice 0 only). */
  bom: number;
  formatId: string;
  year: number;
  /** The latest moment a year-less date may fall on (ingest.ts fileNow); undefined: the clock's now. */
  now?: number;
  /** Midnight UTC of the day times of day without a date go on (ingest.ts fileDayOf); undefined: unknown. */
  day?: number;
  zoneOffsetMin: number;
  /** Times outside it are treated as missing, as in a whole-file read (default: plausible-time.ts). */
  plausibleTime?: PlausibleRange;
  vocabulary: readonly VocabularyEntry[];
  /** This slice's share of the characters of message text kept in memory. */
  messageBudget: number;
}

/**
 * Out-of-order lines of a slice as one reader counts them (a timed line whose
 * time is before an earlier line's), in the slice's line order: `below`
 * lines are before an earlier line of the slice itself, and count whatever
 * came before it; the others (`newHigh[row]` 1, by the slice's row as sent)
 * are each the slice's latest so far, and count only when the lines before
 * the slice went later still (parallel-merge.ts).
 */
export interface LineOrder {
  below: number;
  newHigh: Uint8Array;
}

export interface HeadLine {
  text: string;
  offset: number;
  length: number;
  truncated: boolean;
}

export interface SliceResult {
  fileIndex: number;
  slice: number;
  /** Rows from the anchor on, in file order unless `sorted`; line numbers count from the slice's first line (1). */
  columns: EventColumns;
  length: number;
  /** This slice's interned logger names (index 0 is '') and templates; the merge re-interns them. */
  loggers: string[];
  templates: TemplateInfo[];
  /**
   * Kept messages as a dictionary: messageIds[row] indexes messageTexts, -1
   * for a message not kept. A repeated message is one string here and so one
   * string after the structured clone to the merging thread (an array of
   * strings would be cloned one copy per row).
   */
  messageTexts: string[];
  messageIds: Int32Array;
  /**
   * The rows' sorted order (TableBuilder.sortedRows), worked out here, in parallel: the merge only checks and
   * merges it, or, for rows sent sorted, reads their line order from it.
   */
  order: Uint32Array;
  /**
   * The rows (columns, messageIds, subjects, endState.current) were put in that order before sending: row i
   * is line order[i] of the slice's own. False when a row had no time yet (it is placed by the merge).
   */
  sorted: boolean;
  /** For rows sent sorted: what the merge needs to count out-of-order lines without walking them in line order. */
  lineOrder: LineOrder | null;
  /** What operation / signal rows are about (TableBuilder.subjects), by this slice's row. */
  subjects: Map<number, string>;
  /** Counts for the rows above (not the head lines). */
  stats: FileStats;
  /** Lines before the anchor, for the merge to replay after the previous slice. */
  head: HeadLine[];
  /** Head and rows cover every line of the slice. False: no anchor within HEAD_CAP lines, the merge reads the range itself. */
  complete: boolean;
  /** Physical lines that start in the slice (head included). */
  lines: number;
  /** The reader's state after the last line (row numbers are this slice's), null without rows. */
  endState: FileIngestState | null;
  counts: SplitCounts;
}

/** Lines a slice buffers while looking for its anchor; past this the merge reads the range (pathological files only). */
export const HEAD_CAP_LINES = 20_000;
const HEAD_CAP_CHARS = 8 << 20;

/** Where a slice's bytes must start: one byte early, to see whether a line starts exactly at `start`. */
export function sliceReadFrom(task: Pick<SliceTask, 'start'>): number {
  return task.start > 0 ? task.start - 1 : 0;
}

function sinksFor(classifier: Classifying, builder: TableBuilder, budget: number): SharedSinks {
  return {
    builder,
    ...classifier,
    templater: new Templater({ exactMemo: false }), // FileIngest's message facts answer repeats
    messages: [],
    messageBudget: budget,
    messageChars: 0,
  };
}

/**
 * Finds the anchor by running two throwaway readers side by side: one with
 * nothing before it, one whose previous event is a fatal line inside a stack
 * (the state most eager to take lines as continuations). A line that starts
 * an event with its own time in both would do so after any previous state.
 */
class AnchorProbe {
  private readonly fresh: FileIngest;
  private readonly eager: FileIngest;
  private readonly freshRows: TableBuilder;
  private readonly eagerRows: TableBuilder;

  constructor(task: SliceTask, format: LogFormat, classify: Classifying) {
    this.freshRows = new TableBuilder(64);
    this.eagerRows = new TableBuilder(64);
    const env = () => ({ year: task.year, day: task.day, now: task.now, time: newTimeOut() });
    this.fresh = new FileIngest(task.fileIndex, format, env(), newFileStats('', 0), sinksFor(classify, this.freshRows, 0), task.zoneOffsetMin, task.plausibleTime);
    this.eager = new FileIngest(task.fileIndex, format, env(), newFileStats('', 0), sinksFor(classify, this.eagerRows, 0), task.zoneOffsetMin, task.plausibleTime);
    this.eagerRows.push({ tMs: 0, subNs: 0, level: Level.fatal, kind: 0, flags: 0, file: task.fileIndex, logger: 0, line: 0, lineCount: 1, byteOffset: 0, byteLength: 0, template: 0 });
    const st = this.eager.snapshot();
    st.current = 0;
    st.currentLevel = Level.fatal;
    st.inStack = true;
    st.lastMs = 0;
    st.lastNs = 0;
    this.eager.restore(st);
  }

  isAnchor(text: string, offset: number, length: number, truncated: boolean): boolean {
    const a = this.freshRows.length;
    const b = this.eagerRows.length;
    this.fresh.line(text, offset, length, truncated);
    this.eager.line(text, offset, length, truncated);
    return ownEvent(this.freshRows, a) && ownEvent(this.eagerRows, b);
  }
}

function ownEvent(rows: TableBuilder, before: number): boolean {
  return rows.length === before + 1 && (rows.columns.flags[before] & Flag.untimed) === 0;
}

/** A line the slice owns; return false to stop reading. */
export type OwnedLineSink = (text: string, offset: number, length: number, truncated: boolean) => boolean;

/**
 * Byte mode for readOwnedLines: once the text sink has set `reader`, later
 * UTF-8 lines arrive undecoded there (see LineSplitter.useReader).
 */
export interface OwnedBytes {
  reader?: OwnedByteReader;
}

/** Reads a slice's lines as bytes (LineSplitter's ByteLineReader, but lineBytes returns false to stop reading). */
export interface OwnedByteReader {
  lineBytes(b: Uint8Array, start: number, end: number, offset: number): boolean;
  /** Read a whole line and return the index of its newline, or -1 (see ByteLineScanner). */
  scanLine(b: Uint8Array, start: number, offset: number): number;
  /** The buffer lines now come from (see LineSplitter's ChunkListener). */
  chunk(b: Uint8Array | null): void;
}

/**
 * The lines of a range as bytes, up to its end: an object, not closures made
 * per slice, so the splitter's loop compiled with the parser inlined stays
 * valid from slice to slice (LineSplitter's ByteLineReader).
 */
class OwnedRange {
  /** Set once a line at or past the end was seen, or a sink said stop (text and byte lines alike). */
  stopped = false;
  /** Set when the lines switch to bytes. */
  reader: OwnedByteReader | null = null;
  constructor(private readonly end: number) {}

  lineBytes(b: Uint8Array, start: number, end: number, offset: number): void {
    if (this.stopped) return;
    if (offset >= this.end || !(this.reader as OwnedByteReader).lineBytes(b, start, end, offset)) this.stopped = true;
  }

  // Lines at or past the range's end are not this slice's: lineBytes above stops there.
  scanLine(b: Uint8Array, start: number, offset: number): number {
    return this.stopped || offset >= this.end ? -1 : (this.reader as OwnedByteReader).scanLine(b, start, offset);
  }

  chunk(b: Uint8Array | null): void {
    (this.reader as OwnedByteReader).chunk(b);
  }
}

/**
 * Feed `sink` the lines that start in [range.start, range.end). `chunks` are
 * the file's raw bytes from sliceReadFrom(range) on; reading stops once the
 * last owned line is complete (or the sink says stop).
 */
export async function readOwnedLines(
  range: Pick<SliceTask, 'start' | 'end' | 'bom'>,
  chunks: AsyncIterable<Uint8Array>,
  sink: OwnedLineSink,
  signal?: { readonly aborted: boolean },
  onBytes?: (bytes: number) => void,
  owned: OwnedBytes = {},
): Promise<void> {
  const lines = new OwnedRange(range.end);
  const splitter = new LineSplitter((text, offset, length, truncated) => {
    if (lines.stopped) return;
    if (offset >= range.end || !sink(text, offset, length, truncated)) lines.stopped = true;
    if (owned.reader && !lines.reader) {
      lines.reader = owned.reader;
      splitter.useReader(lines);
    }
  });
  // Slice 0 starts at the file's start (after a BOM); the others just past the first newline at or after start-1.
  let seeking = range.start > 0;
  let pos = sliceReadFrom(range);
  let skipBom = seeking ? 0 : range.bom;
  if (!seeking) splitter.skip(range.bom);
  const it = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (lines.stopped || signal?.aborted) break;
      const r = await it.next();
      if (r.done) break;
      let chunk = r.value;
      onBytes?.(chunk.length);
      if (skipBom > 0) {
        const n = Math.min(skipBom, chunk.length);
        chunk = chunk.subarray(n);
        skipBom -= n;
      }
      if (seeking) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          pos += chunk.length;
          if (pos >= range.end) break; // no line starts in this range
          continue;
        }
        pos += nl + 1;
        chunk = chunk.subarray(nl + 1);
        seeking = false;
        if (pos >= range.end) break;
        splitter.skip(pos);
      }
      splitter.push(chunk);
    }
    if (!lines.stopped && !seeking && !signal?.aborted) splitter.end();
  } finally {
    await it.return?.();
  }
}

/**
 * Parse one slice. `chunks` are the file's bytes from sliceReadFrom(task)
 * onward (to the end of the file or further than `end`; reading stops once the
 * slice's last line is complete).
 */
export async function ingestSlice(task: SliceTask, chunks: AsyncIterable<Uint8Array>, signal?: { readonly aborted: boolean }, onBytes?: (bytes: number) => void): Promise<SliceResult> {
  const format = formatById(task.formatId);
  if (!format) throw new Error(`unknown format ${task.formatId}`);
  const builder = new TableBuilder(1 << 12);
  const classify = ingestClassifier(task.vocabulary, false); // FileIngest's message facts answer repeats
  const sinks = sinksFor(classify, builder, task.messageBudget);
  const stats = newFileStats(task.fileName, 0);
  const real = new FileIngest(task.fileIndex, format, { year: task.year, day: task.day, now: task.now, time: newTimeOut() }, stats, sinks, task.zoneOffsetMin, task.plausibleTime);
  const probe = task.slice > 0 ? new AnchorProbe(task, format, classify) : null;
  let probing = probe !== null;
  const head: HeadLine[] = [];
  let headChars = 0;
  let capped = false;
  let longLines = 0;
  let invalidLines = 0;
  const counted = new SliceLines(real, sinks, task);
  // Past the anchor, JSON lines are read from their bytes (as ingestFile does); FileIngest counts their invalid UTF-8.
  const owned: OwnedBytes = {};
  const bytewise = () => {
    if (real.takesBytes) owned.reader = counted;
  };
  if (!probing) bytewise();
  await readOwnedLines(task, chunks, (text, offset, length, truncated) => {
    counted.lines++;
    if (truncated) longLines++;
    else if (text.includes('\uFFFD')) invalidLines++; // as the splitter counts them, for owned lines only
    if (!probing) {
      real.line(text, offset, length, truncated);
      counted.sizeOnce(offset);
      return true;
    }
    if ((probe as AnchorProbe).isAnchor(text, offset, length, truncated)) {
      probing = false;
      const st = real.snapshot();
      st.lineNo = head.length; // the anchor's line number counts the head lines before it
      real.restore(st);
      real.line(text, offset, length, truncated);
      bytewise();
      return true;
    }
    head.push({ text, offset, length, truncated });
    headChars += text.length;
    capped = head.length >= HEAD_CAP_LINES || headChars >= HEAD_CAP_CHARS;
    return !capped;
  }, signal, onBytes, owned);
  if (signal?.aborted) throw new Error('slice cancelled');
  const complete = !capped;
  if (!complete) head.length = 0;
  const endState = complete && builder.length > 0 ? real.snapshot() : null;
  const order = builder.sortedRows();
  const rows = builder.length;
  const { messageTexts, messageIds: ids } = messageDictionary(sinks.messages, rows);
  let messageIds = ids;
  let subjects = builder.subjects;
  let columns: EventColumns;
  // Sorted here, in parallel, so the merging thread's final sort has little left to move (row-permute.ts).
  const sorted = endState !== null && endState.leadingUntimed.length === 0 && !hasNaN(builder.columns.tMs, rows);
  let lineOrder: LineOrder | null = null;
  if (sorted) {
    lineOrder = lineOrderOf(builder.columns, rows, order);
    columns = builder.takeColumnsInOrder(order);
    messageIds = permuteIds(messageIds, order);
    if (subjects.size > 0) subjects = remapRows(subjects, order, false);
    if (endState.current >= 0) endState.current = order.indexOf(endState.current);
  } else columns = builder.takeColumns();
  return {
    fileIndex: task.fileIndex,
    slice: task.slice,
    columns,
    length: rows,
    loggers: builder.loggers.slice(),
    templates: sinks.templater.list(),
    messageTexts,
    messageIds,
    order,
    sorted,
    lineOrder,
    subjects,
    stats,
    head,
    complete,
    lines: complete ? counted.lines : 0,
    endState,
    counts: { invalidLines: invalidLines + real.invalidLines, longLines },
  };
}

/**
 * A slice's lines past its anchor, read as bytes by its FileIngest, counted,
 * and the table sized once from the first of them (one class for every
 * slice: see OwnedRange).
 */
class SliceLines implements OwnedByteReader {
  /** Physical lines read (head and text lines included: ingestSlice counts those). */
  lines = 0;
  private sized = false;

  constructor(
    private readonly real: FileIngest,
    private readonly sinks: SharedSinks,
    private readonly task: SliceTask,
  ) {}

  /** Size the columns once from the rows per byte so far. */
  sizeOnce(offset: number): void {
    if (this.sized || this.lines !== 2000) return;
    this.sized = true;
    const task = this.task;
    reserveRows(this.sinks, (this.sinks.builder.length / Math.max(1, offset - task.start)) * task.bytes * 1.1);
  }

  lineBytes(b: Uint8Array, start: number, end: number, offset: number): boolean {
    this.lines++;
    this.real.lineBytes(b, start, end, offset);
    this.sizeOnce(offset);
    return true;
  }

  scanLine(b: Uint8Array, start: number, offset: number): number {
    const nl = this.real.scanLine(b, start, offset);
    if (nl >= 0) {
      this.lines++;
      this.sizeOnce(offset);
    }
    return nl;
  }

  chunk(b: Uint8Array | null): void {
    this.real.chunk(b);
  }
}

/** LineOrder of the rows in line order, its flags by their place in `order`. */
function lineOrderOf(c: EventColumns, n: number, order: Uint32Array): LineOrder {
  const high = new Uint8Array(n);
  let below = 0;
  let maxMs = -Infinity;
  let maxNs = 0;
  for (let i = 0; i < n; i++) {
    if (c.flags[i] & Flag.untimed) continue;
    const ms = c.tMs[i];
    const ns = c.subNs[i];
    if (ms < maxMs || (ms === maxMs && ns < maxNs)) below++;
    else {
      high[i] = 1;
      maxMs = ms;
      maxNs = ns;
    }
  }
  const newHigh = new Uint8Array(n);
  for (let k = 0; k < n; k++) newHigh[k] = high[order[k]];
  return { below, newHigh };
}

function hasNaN(t: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (t[i] !== t[i]) return true;
  return false;
}

function permuteIds(ids: Int32Array, order: Uint32Array): Int32Array {
  const out = new Int32Array(ids.length);
  for (let from = 0; from < out.length; from += ROW_BLOCK) permuteRange(out, ids, order, from, Math.min(out.length, from + ROW_BLOCK));
  return out;
}

function permuteRange(out: Int32Array, ids: Int32Array, order: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) out[i] = ids[order[i]];
}

/** The buffers of a SliceResult to transfer, not copy, to the merging thread. */
export function sliceBuffers(r: SliceResult): ArrayBuffer[] {
  const buffers = [...tableBuffers(r.columns), r.messageIds.buffer as ArrayBuffer, r.order.buffer as ArrayBuffer];
  if (r.lineOrder) buffers.push(r.lineOrder.newHigh.buffer as ArrayBuffer);
  return buffers;
}

/** SliceResult's message dictionary from a message per row. */
export function messageDictionary(messages: readonly (string | undefined)[], rows: number): { messageTexts: string[]; messageIds: Int32Array } {
  const messageTexts: string[] = [];
  const messageIds = new Int32Array(rows).fill(-1);
  const ids = new Map<string, number>();
  for (let from = 0; from < rows; from += ROW_BLOCK) dictionaryRange(messages, messageTexts, messageIds, ids, from, Math.min(rows, from + ROW_BLOCK));
  return { messageTexts, messageIds };
}

/** messageDictionary's rows [from, to), a block at a time (see ROW_BLOCK). */
function dictionaryRange(messages: readonly (string | undefined)[], messageTexts: string[], messageIds: Int32Array, ids: Map<string, number>, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const m = messages[i];
    if (m === undefined) continue;
    let id = ids.get(m);
    if (id === undefined) {
      id = messageTexts.length;
      messageTexts.push(m);
      ids.set(m, id);
    }
    messageIds[i] = id;
  }
}
