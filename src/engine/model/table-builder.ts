// The only way to make an EventTable: append rows into growable typed columns
// (amortised doubling, so no row objects and no per-row allocation), then
// `finish` merges the per-file runs into one time-ordered table. Parallel
// ingest appends whole slices (`appendRows`), sorted by the worker that parsed
// them (sorted-order.ts merges them), and a partial, sorted copy can be taken
// while loading (`snapshot`) so the timeline draws progressively.

import { COLUMN_NAMES, type EventColumns, type EventTable } from './event-table.ts';
import { sortedOrder, type SortedRun } from './sorted-order.ts';
import { movedWindows, permute, permuteWindows, type Column } from './row-permute.ts';

export { sortedOrder };

type ColumnCtor = Float64ArrayConstructor | Uint32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;
const CTORS: Record<keyof EventColumns, ColumnCtor> = {
  tMs: Float64Array,
  subNs: Uint32Array,
  level: Uint8Array,
  kind: Uint8Array,
  flags: Uint8Array,
  file: Uint16Array,
  logger: Uint32Array,
  line: Uint32Array,
  lineCount: Uint32Array,
  byteOffset: Float64Array,
  byteLength: Uint32Array,
  template: Uint32Array,
};

/**
 * Per-row loops over a slice's rows run a block at a time. A loop that runs
 * once per call over every row is compiled on the stack (OSR) and thrown away
 * at its end, often enough (another slice's objects, code after the loop
 * never run): at 200 MB in two threads the merge's loops ran mostly
 * unoptimised (~15% of the merging thread). Called once per block, a small
 * function of typed arrays is compiled once and stays.
 */
export const ROW_BLOCK = 4096;

/** dst[at + i] = map[src[i]] for i in [from, to). */
function remapRange(dst: Uint32Array, at: number, src: Uint32Array, map: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) dst[at + i] = map[src[i]];
}

/** dst[at + i] += by for i in [from, to). */
function shiftRange(dst: Uint32Array, at: number, by: number, from: number, to: number): void {
  for (let i = from; i < to; i++) dst[at + i] += by;
}

/** The columns only the engine reads raw lines with (see snapshot). */
const BYTE_RANGES: ReadonlySet<keyof EventColumns> = new Set(['byteOffset', 'byteLength']);

/** Columns of `n` rows; those in `empty` get none. */
function allocColumns(n: number, empty: ReadonlySet<keyof EventColumns> | null = null): EventColumns {
  const out = {} as Record<keyof EventColumns, unknown>;
  for (const c of COLUMN_NAMES) out[c] = new CTORS[c](empty?.has(c) ? 0 : n);
  return out as EventColumns;
}

export interface RowInput {
  tMs: number;
  subNs: number;
  level: number;
  kind: number;
  flags: number;
  file: number;
  logger: number;
  line: number;
  lineCount: number;
  byteOffset: number;
  byteLength: number;
  template: number;
}

export class TableBuilder {
  private cols: EventColumns;
  private cap: number;
  length = 0;
  private readonly loggerIds = new Map<string, number>([['', 0]]);
  readonly loggers: string[] = [''];
  /** Subjects of operation / signal rows (see EventTable.subjects), by builder row. */
  readonly subjects = new Map<number, string>();
  /** Files whose lines run newest first (see newestFirst). */
  private readonly newestFirstFiles = new Set<number>();
  /** Appended rows that came sorted (appendRows' `order`): the sort checks and merges them instead of sorting them again. */
  private sortedRuns: SortedRun[] = [];

  constructor(initialCapacity = 1024) {
    this.cap = Math.max(16, initialCapacity);
    this.cols = allocColumns(this.cap);
  }

  internLogger(name: string): number {
    let id = this.loggerIds.get(name);
    if (id === undefined) {
      id = this.loggers.length;
      name = detachString(name);
      this.loggers.push(name);
      this.loggerIds.set(name, id);
    }
    return id;
  }

  private grow(min = this.cap * 2): void {
    this.resize(Math.max(min, this.cap * 2, 16));
  }

  private resize(cap: number): void {
    const next = allocColumns(cap);
    for (const c of COLUMN_NAMES) (next[c] as Float64Array).set((this.cols[c] as Float64Array).subarray(0, this.length));
    this.cols = next;
    this.cap = cap;
  }

  /**
   * Make room for `rows` rows in all (an estimate from the file size), so a
   * 5-million-row load does not pass through doubling's 2x peak at the end.
   */
  reserve(rows: number): void {
    if (rows > this.cap) this.resize(Math.ceil(rows));
  }

  /**
   * Append rows built elsewhere (a slice parsed by another worker), mapping
   * its interned logger and template ids to ours and shifting its line numbers.
   */
  appendRows(
    src: EventColumns,
    n: number,
    map: { logger: ArrayLike<number>; template: ArrayLike<number>; lineBase: number; file?: number; subjects?: ReadonlyMap<number, string>; order?: Uint32Array },
  ): void {
    if (this.length + n > this.cap) this.grow(this.length + n);
    // Their sorted order (from the slice's own sortedRows) still holds: line numbers shift alike, and the file is one.
    if (map.order && map.order.length === n && n > 0) this.sortedRuns.push({ start: this.length, order: map.order });
    const c = this.cols;
    const at = this.length;
    for (const name of COLUMN_NAMES) (c[name] as Float64Array).set((src[name] as Float64Array).subarray(0, n), at);
    const { lineBase, file } = map;
    const logger = Uint32Array.from(map.logger);
    const template = Uint32Array.from(map.template);
    for (let from = 0; from < n; from += ROW_BLOCK) {
      const to = Math.min(n, from + ROW_BLOCK);
      remapRange(c.logger, at, src.logger, logger, from, to);
      remapRange(c.template, at, src.template, template, from, to);
      shiftRange(c.line, at, lineBase, from, to);
    }
    if (file !== undefined) c.file.fill(file, at, at + n);
    if (map.subjects) for (const [row, subject] of map.subjects) if (row < n) this.subjects.set(at + row, subject);
    this.length += n;
  }

  /** Record what an operation / signal row is about (rare rows: a map, not a column). */
  setSubject(row: number, subject: string): void {
    this.subjects.set(row, detachString(subject));
  }

  /** The rows' sorted order (as finish would order them), for a slice to send with its rows (appendRows' `order`). */
  sortedRows(): Uint32Array {
    return sortedOrder(this.cols, this.length, this.descending(), this.sortedRuns);
  }

  /**
   * The rows so far as columns of exactly their length, to transfer a slice's
   * rows to the merging thread: views of the builder's own buffers, not
   * copies (the merge copies them into its table anyway, and a copy per
   * slice cost the slice workers a pass over their rows and ~15 MB to
   * collect per 64 MB slice). Transferring them ends the builder's use.
   */
  takeColumns(): EventColumns {
    const out = {} as Record<keyof EventColumns, unknown>;
    for (const name of COLUMN_NAMES) out[name] = (this.cols[name] as Float64Array).subarray(0, this.length);
    return out as EventColumns;
  }

  /**
   * The rows in `order` (sortedRows) as columns of exactly their length, to
   * transfer a slice already sorted: the thread that parsed it sorts it, so
   * the merging thread's final sort finds the rows in place but where
   * neighbouring slices overlap. Ends the builder's use, as takeColumns does.
   */
  takeColumnsInOrder(order: Uint32Array): EventColumns {
    const n = this.length;
    const out = allocColumns(n);
    for (const name of COLUMN_NAMES) permute(this.cols[name], out[name], order, n);
    this.cols = EMPTY;
    this.cap = 0;
    return out;
  }

  /**
   * A sorted copy of the rows so far, for drawing while the rest loads. Rows
   * still waiting for a time (NaN) are placed at the earliest time seen.
   * Byte ranges come back empty unless `byteRanges`: drawing never reads
   * them, and they are a quarter of a row's bytes to sort and copy.
   */
  snapshot(shiftByFile?: ArrayLike<number>, byteRanges = false): EventTable {
    const n = this.length;
    const c = this.cols;
    let min = Infinity;
    let nan = false;
    for (let i = 0; i < n; i++) {
      const t = c.tMs[i];
      if (t < min) min = t;
      else if (t !== t) nan = true;
    }
    const view = {} as Record<keyof EventColumns, unknown>;
    for (const name of COLUMN_NAMES) view[name] = (c[name] as Float64Array).subarray(0, n);
    const cols = view as EventColumns;
    // Clock corrections (clock-shift.ts shiftClocks) apply to the early view too, on a copy.
    if (shiftByFile) {
      cols.tMs = cols.tMs.slice();
      for (let i = 0; i < n; i++) cols.tMs[i] -= shiftByFile[cols.file[i]] ?? 0;
    }
    if (nan) {
      cols.tMs = cols.tMs.slice();
      const fill = Number.isFinite(min) ? min : 0;
      for (let i = 0; i < n; i++) if (cols.tMs[i] !== cols.tMs[i]) cols.tMs[i] = fill;
    }
    const order = sortedOrder(cols, n, this.descending(), this.sortedRuns);
    const out = allocColumns(n, byteRanges ? null : BYTE_RANGES);
    for (const name of COLUMN_NAMES) if (byteRanges || !BYTE_RANGES.has(name)) permute(cols[name], out[name], order, n);
    return { ...out, length: n, loggers: this.loggers.slice() };
  }

  /** Append one row; returns its (pre-merge) row index. */
  push(r: RowInput): number {
    return this.pushRow(r.tMs, r.subNs, r.level, r.kind, r.flags, r.file, r.logger, r.line, r.lineCount, r.byteOffset, r.byteLength, r.template);
  }

  /** push() without the row object: the per-event ingest path allocates nothing per row. */
  pushRow(
    tMs: number, subNs: number, level: number, kind: number, flags: number, file: number,
    logger: number, line: number, lineCount: number, byteOffset: number, byteLength: number, template: number,
  ): number {
    if (this.length === this.cap) this.grow();
    const i = this.length++;
    const c = this.cols;
    c.tMs[i] = tMs;
    c.subNs[i] = subNs;
    c.level[i] = level;
    c.kind[i] = kind;
    c.flags[i] = flags;
    c.file[i] = file;
    c.logger[i] = logger;
    c.line[i] = line;
    c.lineCount[i] = lineCount;
    c.byteOffset[i] = byteOffset;
    c.byteLength[i] = byteLength;
    c.template[i] = template;
    return i;
  }

  /** Mutable access to rows already pushed (continuations extend their event). */
  get columns(): EventColumns {
    return this.cols;
  }

  /**
   * A file written (or pasted) newest first: its events of one instant sort
   * by descending line, the order they happened in. Each keeps its line number.
   */
  newestFirst(file: number): void {
    this.newestFirstFiles.add(file);
  }

  private descending(): Uint8Array | null {
    if (this.newestFirstFiles.size === 0) return null;
    const flags = new Uint8Array(Math.max(...this.newestFirstFiles) + 1);
    for (const f of this.newestFirstFiles) flags[f] = 1;
    return flags;
  }

  /** Drop rows from `from` on (a file that failed half way is rolled back). */
  truncate(from: number): void {
    this.length = Math.min(this.length, from);
    for (const row of this.subjects.keys()) if (row >= this.length) this.subjects.delete(row);
    this.sortedRuns = this.sortedRuns.filter((r) => r.start + r.order.length <= this.length);
  }

  /**
   * Sort rows into one stable time order and return the table plus the
   * permutation (order[newRow] = oldRow) so callers can carry side data
   * (messages) along; `inOrder` when that permutation is the identity, and
   * `windows` (movedWindows) when only those stretches of rows moved: the
   * columns kept their buffers and were permuted within them, and side data
   * can be too (permuteListWindows). Rows are mostly sorted already (log
   * files are written in time order), so a merge sort over runs is close to
   * linear here.
   */
  finish(): { table: EventTable; order: Uint32Array; inOrder: boolean; windows: Uint32Array | null } {
    const n = this.length;
    const c = this.cols;
    const order = sortedOrder(c, n, this.descending(), this.sortedRuns);
    this.sortedRuns = [];
    // One column at a time, dropping the builder's copy as we go: the peak is
    // the builder plus one column, not two whole tables (the memory target for big files).
    const out = {} as Record<keyof EventColumns, unknown>;
    const windows = movedWindows(order, n);
    const sorted = windows !== null && windows.length === 0;
    for (const name of COLUMN_NAMES) {
      const src = c[name] as Column;
      let dst: Column;
      if (windows) {
        dst = exactly(src, n);
        permuteWindows(dst, order, windows);
      } else {
        dst = new (src.constructor as Float64ArrayConstructor)(n);
        permute(src, dst, order, n);
      }
      out[name] = dst;
      (c as unknown as Record<string, unknown>)[name] = EMPTY[name];
    }
    this.cap = 0;
    const table: EventTable = { ...(out as unknown as EventColumns), length: n, loggers: this.loggers.slice() };
    if (this.subjects.size > 0) table.subjects = remapRows(this.subjects, order, sorted);
    return { table, order, inOrder: sorted, windows };
  }
}

const EMPTY = allocColumns(0);

/** Past this many spare rows per row in a column's buffer, the table gets a copy of the rows rather than a view. */
const SPARE_SHARE = 1 / 8;

/**
 * A column of exactly `n` rows: the builder's own buffer when it is no more
 * than an eighth too big (a table reserved from an estimate: copying a
 * million rows' columns cost ~50-90 ms, most of it faulting in fresh pages),
 * else a copy, so a buffer grown by doubling does not stay twice its size.
 */
function exactly(col: Column, n: number): Column {
  if (col.length === n) return col;
  return col.length - n <= n * SPARE_SHARE ? col.subarray(0, n) : col.slice(0, n);
}

/** Side data keyed by builder row, re-keyed by the row it has after sorting (order[newRow] = oldRow). */
export function remapRows<T>(byRow: ReadonlyMap<number, T>, order: Uint32Array, identity: boolean): Map<number, T> {
  if (identity) return new Map(byRow);
  const newRow = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) newRow[order[i]] = i;
  const out = new Map<number, T>();
  for (const [row, v] of byRow) if (row < order.length) out.set(newRow[row], v);
  return out;
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8
 * keeps a slice (`line.slice(a, b)`) pointing into its parent, so one message
 * kept from a 1 MB decoded chunk would keep the whole chunk alive; strings
 * that outlive ingest (messages, logger names) are detached first.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
