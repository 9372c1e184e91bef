// Where an untimed event's time came from, for the detail panel: a line
// without a time takes the time of the timed line before it, except at a
// file's start, where there is none and it takes the file's first time (the
// timed line after it). The table keeps one flag for both (Flag.untimed, the
// flag byte is full), so the two are told apart here from the rows that
// share the event's instant: the neighbour it copied sits in that run.

import type { EventTable } from './event-table.ts';
import { Flag } from './kinds.ts';

/** How far the search walks in each direction among rows of the same instant (a start-up can log thousands in one). */
const SCAN_LIMIT = 200_000;

export const InferredFrom = { none: 0, before: 1, after: 2 } as const;
export type InferredFromCode = (typeof InferredFrom)[keyof typeof InferredFrom];

/**
 * `before` when the row's time was taken from the timed line before it in its
 * file, `after` when it sits before the file's first timed line and took that
 * line's time, `none` when the row carries its own time (or none at all).
 */
export function inferredFrom(t: EventTable, row: number): InferredFromCode {
  if ((t.flags[row] & Flag.untimed) === 0 || !Number.isFinite(t.tMs[row])) return InferredFrom.none;
  const ms = t.tMs[row];
  const file = t.file[row];
  const line = t.line[row];
  // Rows of one instant sort by file, then line: the timed line before, if any, is in this run.
  for (const step of [-1, 1]) {
    for (let i = row + step, n = 0; i >= 0 && i < t.length && t.tMs[i] === ms && n < SCAN_LIMIT; i += step, n++) {
      if (t.file[i] === file && (t.flags[i] & Flag.untimed) === 0 && t.line[i] < line) return InferredFrom.before;
    }
  }
  return InferredFrom.after;
}
