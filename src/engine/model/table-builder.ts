// The only way to make an EventTable: append rows into growable typed columns
// (amortised doubling, so no row objects and no per-row allocation), then
// `finish` merges the per-file runs into one time-ordered table.

import { COLUMN_NAMES, type EventColumns, type EventTable } from './event-table.ts';

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

function allocColumns(n: number): EventColumns {
  const out = {} as Record<keyof EventColumns, unknown>;
  for (const c of COLUMN_NAMES) out[c] = new CTORS[c](n);
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

  constructor(initialCapacity = 1024) {
    this.cap = Math.max(16, initialCapacity);
    this.cols = allocColumns(this.cap);
  }

  internLogger(name: string): number {
    let id = this.loggerIds.get(name);
    if (id === undefined) {
      id = this.loggers.length;
      this.loggers.push(name);
      this.loggerIds.set(name, id);
    }
    return id;
  }

  private grow(): void {
    const next = allocColumns(this.cap * 2);
    for (const c of COLUMN_NAMES) (next[c] as Float64Array).set(this.cols[c] as Float64Array);
    this.cols = next;
    this.cap *= 2;
  }

  /** Append one row; returns its (pre-merge) row index. */
  push(r: RowInput): number {
    if (this.length === this.cap) this.grow();
    const i = this.length++;
    const c = this.cols;
    c.tMs[i] = r.tMs;
    c.subNs[i] = r.subNs;
    c.level[i] = r.level;
    c.kind[i] = r.kind;
    c.flags[i] = r.flags;
    c.file[i] = r.file;
    c.logger[i] = r.logger;
    c.line[i] = r.line;
    c.lineCount[i] = r.lineCount;
    c.byteOffset[i] = r.byteOffset;
    c.byteLength[i] = r.byteLength;
    c.template[i] = r.template;
    return i;
  }

  /** Mutable access to rows already pushed (continuations extend their event). */
  get columns(): EventColumns {
    return this.cols;
  }

  /** Drop rows from `from` on (a file that failed half way is rolled back). */
  truncate(from: number): void {
    this.length = Math.min(this.length, from);
  }

  /**
   * Sort rows into one stable time order and return the table plus the
   * permutation (order[newRow] = oldRow) so callers can carry side data
   * (messages) along. Rows are mostly sorted already (log files are written in
   * time order), so a merge sort over runs is close to linear here.
   */
  finish(): { table: EventTable; order: Uint32Array } {
    const n = this.length;
    const c = this.cols;
    const order = sortedOrder(c, n);
    const out = allocColumns(n);
    for (const name of COLUMN_NAMES) {
      const src = c[name] as Float64Array;
      const dst = out[name] as Float64Array;
      for (let i = 0; i < n; i++) dst[i] = src[order[i]];
    }
    return { table: { ...out, length: n, loggers: this.loggers.slice() }, order };
  }
}

function before(c: EventColumns, a: number, b: number): boolean {
  const d = c.tMs[a] - c.tMs[b];
  if (d !== 0) return d < 0;
  const s = c.subNs[a] - c.subNs[b];
  if (s !== 0) return s < 0;
  if (c.file[a] !== c.file[b]) return c.file[a] < c.file[b];
  if (c.line[a] !== c.line[b]) return c.line[a] < c.line[b];
  return a < b;
}

/** Natural merge sort of row indices: linear on sorted input, n log n worst case, stable. */
export function sortedOrder(c: EventColumns, n: number): Uint32Array {
  let a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  if (n < 2) return a;
  // Find the natural runs.
  const runs: number[] = [0];
  for (let i = 1; i < n; i++) if (before(c, a[i], a[i - 1])) runs.push(i);
  if (runs.length === 1) return a;
  runs.push(n);
  let b = new Uint32Array(n);
  let bounds = runs;
  while (bounds.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r];
      const mid = bounds[r + 1];
      const hi = r + 2 < bounds.length ? bounds[r + 2] : mid;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) b[k++] = before(c, a[j], a[i]) ? a[j++] : a[i++];
      while (i < mid) b[k++] = a[i++];
      while (j < hi) b[k++] = a[j++];
      next.push(hi);
    }
    if (next[next.length - 1] !== n) next.push(n);
    [a, b] = [b, a];
    bounds = next;
  }
  return a;
}
