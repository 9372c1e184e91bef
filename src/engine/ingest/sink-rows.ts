// The rows of the shared sinks (the table builder and the message per row)
// grow and shrink together: room is made for both at once when a file's size
// says how many rows are coming, and a file that failed half way takes back
// both.

import type { SharedSinks } from './file-ingest.ts';

/**
 * Drop the rows a file added from `rows` on (it failed to read): the rows,
 * their kept messages and their share of the template counts, so no report
 * lists a template (or a count) for rows that are not there.
 */
export function rollBackRows(sinks: SharedSinks, rows: number): void {
  const b = sinks.builder;
  const template = b.columns.template;
  const counts = sinks.templater.counts;
  for (let r = rows; r < b.length; r++) counts[template[r]]--;
  b.truncate(rows);
  sinks.messages.length = Math.min(sinks.messages.length, rows);
}

/** Past this many rows an array made at its full length would be a slow dictionary in V8: the messages grow as they come. */
const MAX_RESERVED_MESSAGES = 30_000_000;

/**
 * Make room for `rows` rows in all: the table's columns, and the message
 * per row, in one allocation. Grown one row at a time, a million messages
 * cost ~3x what filling an array made at its length does (each doubling
 * copies it, ~100 ms of a 200 MB file's merge). The array is longer than the
 * rows then: a message's index is its row, and finishIngest trims the rest.
 */
export function reserveRows(sinks: SharedSinks, rows: number): void {
  sinks.builder.reserve(rows);
  const had = sinks.messages;
  if (rows <= had.length || rows > MAX_RESERVED_MESSAGES) return;
  const next: (string | undefined)[] = new Array(Math.ceil(rows));
  for (let i = 0; i < had.length; i++) next[i] = had[i];
  sinks.messages = next;
}
