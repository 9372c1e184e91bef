// Message text for the rows on screen. The table holds no strings; the worker
// answers `messages(rows)` for the few dozen rows the log list and tooltip
// show. Requests made in one frame are batched into one worker call, answers
// land in a bounded cache, and listeners re-render when text arrives. Answers
// for an older dataset (a reload raced the request) are dropped. The log
// list's field columns ride on the same calls: asking for a row's values of
// some fields fetches its message and those values together, and only for
// the rows asked for.

import { engineClient } from './engine-client.ts';
import type { RowTexts } from '../worker/engine-worker.ts';

const MAX_ENTRIES = 20_000;
const BATCH = 2_000;

type Listener = () => void;


/** Values of one row for one set of fields (the set is named by its key). */
interface RowValues {
  key: string;
  values: (string | null)[];
}

/** A set of field names as one string (JSON, so no two sets share a key whatever the names hold). */
function keyOf(fields: readonly string[]): string {
  return JSON.stringify(fields);
}

export class MessageCache {
  private map = new Map<number, string>();
  private vals = new Map<number, RowValues>();
  private pending = new Set<number>();
  /** Rows being fetched, with the key of the fields asked for them. */
  private inFlight = new Map<number, string>();
  /** The fields rows are fetched with: the last set a caller asked values of. */
  private fields: readonly string[] = [];
  private fieldsKey = '[]';
  private listeners = new Set<Listener>();
  private scheduled = false;
  private generation = 0;
  /** Bumped whenever new text arrived; components use it as a render key. */
  version = 0;

  constructor(private readonly fetchRows: (rows: number[], fields: string[]) => Promise<RowTexts>) {}

  /** Forget everything (a new dataset was loaded). */
  reset(): void {
    this.generation++;
    this.map.clear();
    this.vals.clear();
    this.pending.clear();
    this.inFlight.clear();
    this.version++;
    this.emit();
  }

  /** While held (a provisional snapshot is on screen) nothing is fetched: the worker cannot answer for it yet. */
  private held = false;

  hold(on: boolean): void {
    this.held = on;
    if (!on) this.schedule();
  }

  get(row: number): string | undefined {
    const v = this.map.get(row);
    if (v === undefined && !this.held && !this.inFlight.has(row)) {
      this.pending.add(row);
      this.schedule();
    }
    return v;
  }

  /**
   * The row's values of `fields` (null where it lacks one), or undefined
   * until they arrive. Asking with another set of fields than before makes
   * that set the one fetched from now on.
   */
  values(row: number, fields: readonly string[]): (string | null)[] | undefined {
    this.want(fields);
    if (fields.length === 0) return [];
    const v = this.vals.get(row);
    if (v && v.key === this.fieldsKey) return v.values;
    if (!this.held && this.inFlight.get(row) !== this.fieldsKey) {
      this.pending.add(row);
      this.schedule();
    }
    return undefined;
  }

  private want(fields: readonly string[]): void {
    if (fields === this.fields) return;
    const key = keyOf(fields);
    this.fields = fields;
    if (key === this.fieldsKey) return;
    this.fieldsKey = key;
    // Values for another set of fields are of no use: free them.
    this.vals.clear();
  }

  private needs(row: number): boolean {
    if (this.fields.length > 0 && this.vals.get(row)?.key !== this.fieldsKey) return this.inFlight.get(row) !== this.fieldsKey;
    return !this.map.has(row) && !this.inFlight.has(row);
  }

  /** Ask for rows ahead of time (rows just outside the list's viewport), with the fields last asked for. */
  prefetch(rows: Iterable<number>): void {
    if (this.held) return;
    for (const r of rows) if (this.needs(r)) this.pending.add(r);
    this.schedule();
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  private schedule(): void {
    if (this.scheduled || this.held || this.pending.size === 0) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const rows = [...this.pending].slice(0, BATCH);
    const fields = [...this.fields];
    const key = this.fieldsKey;
    for (const r of rows) {
      this.pending.delete(r);
      this.inFlight.set(r, key);
    }
    if (this.pending.size > 0) this.schedule();
    const gen = this.generation;
    let got: RowTexts;
    try {
      got = await this.fetchRows(rows, fields);
    } catch {
      got = { messages: rows.map(() => ''), values: rows.map(() => fields.map(() => null)) };
    }
    if (gen !== this.generation) return;
    for (let i = 0; i < rows.length; i++) {
      if (this.inFlight.get(rows[i]) === key) this.inFlight.delete(rows[i]);
      this.map.set(rows[i], got.messages[i] ?? '');
      // Values for a set of fields replaced meanwhile are dropped (the rows are asked for again).
      if (fields.length > 0 && key === this.fieldsKey) this.vals.set(rows[i], { key, values: got.values[i] ?? fields.map(() => null) });
    }
    trim(this.map);
    trim(this.vals);
    this.version++;
    this.emit();
  }
}

/** Keep a map bounded: maps iterate in insertion order, so the oldest quarter goes. */
function trim<V>(map: Map<number, V>): void {
  if (map.size <= MAX_ENTRIES) return;
  let drop = map.size - (MAX_ENTRIES * 3) / 4;
  for (const k of map.keys()) {
    if (drop-- <= 0) break;
    map.delete(k);
  }
}

/** The app's cache, answering from the engine client. */
export const messageCache = new MessageCache(async (rows, fields) => (await engineClient()).rowTexts(rows, fields));
