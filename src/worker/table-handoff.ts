// Handing the event table from the engine worker to the main thread without
// holding two whole copies of it (a 1 GB file must fit in 600 MB).
// The two sides read different columns after a load: the main thread draws,
// filters and builds share links from everything but the byte ranges, while
// the worker's later calls (detail, raw lines, search, vocabulary preview,
// share texts, range comparison) need the byte ranges and the row fields,
// template ids included (`pattern=` queries and comparing a range's templates
// read them: 4 bytes an event kept twice). So each column goes to the side(s)
// that read it: byte ranges stay, and the columns both read are copied once
// and the copy moves.

import { COLUMN_NAMES, type EventColumns, type EventTable } from '../engine/model/event-table.ts';

/** Columns only the main thread reads after a load: moved, so the worker's table has them empty (none today). */
const MAIN_ONLY: ReadonlySet<keyof EventColumns> = new Set([]);
/** Columns only the worker reads (raw text by byte range): the main thread gets them empty. */
const WORKER_ONLY: ReadonlySet<keyof EventColumns> = new Set(['byteOffset', 'byteLength']);

export interface Handoff {
  /** The table to post to the main thread (byte-range columns empty). */
  table: EventTable;
  /** Its buffers, to transfer rather than clone. */
  buffers: ArrayBuffer[];
}

/**
 * The main thread's table. With `keep` the worker goes on reading `t` (the
 * session's table): shared columns are copied. Without it (a snapshot the worker drops) nothing is copied.
 */
export function mainThreadTable(t: EventTable, keep: boolean): Handoff {
  const out = { length: t.length, loggers: t.loggers } as EventTable;
  const cols = out as unknown as Record<keyof EventColumns, unknown>;
  const buffers: ArrayBuffer[] = [];
  for (const name of COLUMN_NAMES) {
    const col = t[name] as Float64Array;
    if (WORKER_ONLY.has(name)) {
      cols[name] = new (col.constructor as Float64ArrayConstructor)(0);
      continue;
    }
    const own = keep && !MAIN_ONLY.has(name) ? col.slice(0, t.length) : col;
    cols[name] = own;
    buffers.push(own.buffer as ArrayBuffer);
  }
  return { table: out, buffers };
}

type Transfer = <T>(value: T, buffers: ArrayBuffer[]) => T;

/** `value` with its table replaced by the main thread's hand-off, its buffers marked for transfer. */
export function handOver<T extends { table: EventTable }>(transfer: Transfer, value: T, keep: boolean): T {
  const h = mainThreadTable(value.table, keep);
  return transfer({ ...value, table: h.table }, h.buffers);
}
