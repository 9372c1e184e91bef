// Numbers for the messages of split files, given while their slices are
// merged: each slice sends its kept messages as a dictionary (slice-ingest.ts
// messageDictionary), so one lookup per distinct text of a slice numbers all
// its rows. The analysis numbers every row's text before its rules run
// (rules/text-ids.ts); with these numbers it reads one array instead of
// comparing each row's text with its template's last one, which for texts
// of different slices (equal strings, not one string) meant comparing them
// whole. Equal texts of different slices also become one string here.

import { ROW_BLOCK } from '../model/table-builder.ts';

/** Rows not numbered: their message was not kept, or their file was read whole. */
export const NOT_NUMBERED = -1;

export class MessageNumbering {
  private ids = new Int32Array(1024);
  /** Rows below this have their number (or NOT_NUMBERED) written. */
  private upTo = 0;
  private readonly known = new Map<string, number>();
  /** Number -> its text (the one string kept for every row that has it). */
  private readonly texts: string[] = [];

  /**
   * Number a slice's rows from `base` on (messageIds: per row its index in `dictionary`, -1 for no message
   * kept) and write their messages into `messages`, one string per text for all the slices.
   */
  slice(base: number, dictionary: readonly string[], messageIds: Int32Array, messages: (string | undefined)[]): void {
    const global = new Int32Array(dictionary.length);
    for (let k = 0; k < dictionary.length; k++) {
      const text = dictionary[k];
      let g = this.known.get(text);
      if (g === undefined) {
        g = this.texts.length;
        this.texts.push(text);
        this.known.set(text, g);
      }
      global[k] = g;
    }
    const n = messageIds.length;
    this.reach(base + n);
    for (let from = 0; from < n; from += ROW_BLOCK) numberRange(this.ids, messages, this.texts, global, messageIds, base, from, Math.min(n, from + ROW_BLOCK));
    this.upTo = base + n;
  }

  /** Rows from `rows` on were dropped (a file read again whole after a slice failed). */
  rollBack(rows: number): void {
    this.upTo = Math.min(this.upTo, rows);
  }

  /** The numbers of the table's `rows` rows (before sorting). */
  finish(rows: number): Int32Array {
    this.reach(rows);
    const out = this.ids.length === rows ? this.ids : this.ids.slice(0, rows);
    this.ids = new Int32Array(0);
    return out;
  }

  /** Room for `rows` rows, the ones not written since the last slice marked not numbered. */
  private reach(rows: number): void {
    if (rows > this.ids.length) {
      const bigger = new Int32Array(Math.max(rows, this.ids.length * 2));
      bigger.set(this.ids.subarray(0, this.upTo));
      this.ids = bigger;
    }
    this.ids.fill(NOT_NUMBERED, this.upTo, rows);
    this.upTo = Math.max(this.upTo, rows);
  }
}

/** MessageNumbering.slice's rows [from, to), a block at a time (see ROW_BLOCK). */
function numberRange(ids: Int32Array, messages: (string | undefined)[], texts: readonly string[], global: Int32Array, messageIds: Int32Array, base: number, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const local = messageIds[i];
    if (local < 0) {
      ids[base + i] = NOT_NUMBERED;
      messages[base + i] = undefined;
    } else {
      const g = global[local];
      ids[base + i] = g;
      messages[base + i] = texts[g];
    }
  }
}
