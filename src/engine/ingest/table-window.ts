// A time window cut out of a loaded table, for analysing only part of a
// session (the CLI's --since/--until): the rows whose time falls inside,
// gathered into a table of their own, with each kept row's original index so
// that messages can still be read back from the files.

import type { IngestResult } from './ingest.ts';
import { COLUMN_NAMES, type EventColumns, type EventTable } from '../model/event-table.ts';

export interface WindowedResult {
  result: IngestResult;
  /** Original row of each row of the windowed table. */
  origin: Uint32Array;
}

/**
 * Rows with fromMs <= time < toMs (either bound may be ±Infinity). An untimed
 * row carries its predecessor's time, so it stays with the record it follows.
 */
export function windowRows(t: EventTable, fromMs: number, toMs: number): Uint32Array {
  const keep: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const ms = t.tMs[i];
    if (ms >= fromMs && ms < toMs) keep.push(i);
  }
  return Uint32Array.from(keep);
}

function gather<T extends EventColumns[keyof EventColumns]>(col: T, rows: Uint32Array): T {
  const out = new (col.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = col[rows[i]];
  return out;
}

export function windowResult(r: IngestResult, fromMs: number, toMs: number): WindowedResult {
  const origin = windowRows(r.table, fromMs, toMs);
  const cols = {} as EventColumns;
  for (const c of COLUMN_NAMES) (cols as unknown as Record<string, unknown>)[c] = gather(r.table[c], origin);
  let subjects: Map<number, string> | undefined;
  if (r.table.subjects) {
    subjects = new Map();
    origin.forEach((o, i) => {
      const s = r.table.subjects?.get(o);
      if (s !== undefined) subjects?.set(i, s);
    });
  }
  const table: EventTable = { ...cols, length: origin.length, loggers: r.table.loggers, subjects };
  const messages = Array.from(origin, (o) => r.messages[o]);
  return { result: { ...r, table, messages }, origin };
}
