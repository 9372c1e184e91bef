// The columnar event table (uPlot-style aligned typed arrays, Perfetto-style
// column schema). Rows are events in merged time order; nothing here is an
// array of row objects, so the whole table crosses the worker boundary as a
// handful of transferred ArrayBuffers.

export interface EventColumns {
  /** Integer epoch milliseconds (UTC). */
  tMs: Float64Array;
  /** Nanoseconds inside the millisecond, so ns-precision logs keep their order. */
  subNs: Uint32Array;
  level: Uint8Array;
  kind: Uint8Array;
  /** Bits of Flag (see kinds.ts). */
  flags: Uint8Array;
  /** Index into the files list. */
  file: Uint16Array;
  /** Interned logger / target / service name; 0 is "none". */
  logger: Uint32Array;
  /** 1-based number of the event's first line in its file. */
  line: Uint32Array;
  /** Physical lines the event spans (1 + continuation and blank lines inside it). */
  lineCount: Uint32Array;
  /** Byte offset of the event's first line in its (decompressed) file. */
  byteOffset: Float64Array;
  /** Bytes from the first line's start to the end of its last line (without the final newline). */
  byteLength: Uint32Array;
  /** Interned message template id (see ../templates). */
  template: Uint32Array;
}

export const COLUMN_NAMES = [
  'tMs', 'subNs', 'level', 'kind', 'flags', 'file', 'logger', 'line', 'lineCount', 'byteOffset', 'byteLength', 'template',
] as const satisfies readonly (keyof EventColumns)[];

export interface EventTable extends EventColumns {
  readonly length: number;
  /** Interned strings for the logger column; loggers[0] === ''. */
  loggers: string[];
  /**
   * What an operation or signal event is about, from its record's fields
   * (`identifier`, `domain`, `names`, `job`...), by row. Sparse: only such
   * events that name one are here, so it is a map and not a column.
   */
  subjects?: Map<number, string>;
  /**
   * Per row, a number for its kept message: rows with one number have the
   * same message. -1: not numbered (no message kept, or the file was read
   * whole). Given by parallel ingest, from the slices' message dictionaries
   * (ingest/message-numbers.ts); rules/text-ids.ts starts from it.
   */
  messageNumbers?: Int32Array;
}

/** All ArrayBuffers of a table, for Comlink.transfer / postMessage. */
export function tableBuffers(t: EventColumns): ArrayBuffer[] {
  return COLUMN_NAMES.map((c) => t[c].buffer as ArrayBuffer);
}

export function emptyTable(): EventTable {
  return {
    length: 0,
    tMs: new Float64Array(0),
    subNs: new Uint32Array(0),
    level: new Uint8Array(0),
    kind: new Uint8Array(0),
    flags: new Uint8Array(0),
    file: new Uint16Array(0),
    logger: new Uint32Array(0),
    line: new Uint32Array(0),
    lineCount: new Uint32Array(0),
    byteOffset: new Float64Array(0),
    byteLength: new Uint32Array(0),
    template: new Uint32Array(0),
    loggers: [''],
  };
}

/** First row whose time is >= tMs (binary search on the sorted time column). */
export function lowerBound(t: Pick<EventColumns, 'tMs'>, tMs: number, n = t.tMs.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.tMs[mid] < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First index k into `rows` (row numbers in time order, e.g. one lane's or
 * one source's rows) whose time is >= t. Shared by marks, lanes and the list.
 */
export function lowerBoundIn(tMs: ArrayLike<number>, rows: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tMs[rows[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does row a sort before row b? Time, then ns, then file, then line: a stable total order. */
export function rowBefore(t: EventColumns, a: number, b: number): boolean {
  const d = t.tMs[a] - t.tMs[b];
  if (d !== 0) return d < 0;
  const n = t.subNs[a] - t.subNs[b];
  if (n !== 0) return n < 0;
  if (t.file[a] !== t.file[b]) return t.file[a] < t.file[b];
  return t.line[a] < t.line[b];
}
