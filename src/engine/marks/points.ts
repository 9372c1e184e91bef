// Point marks: signals/reloads, restarts and crashes. Lines that belong to one
// happening are folded into one mark per file ("received SIGHUP" and
// "reloading configuration" a millisecond apart are one reload; "Starting
// server" and "Listening on :8080" one restart), and the label is the first
// line's text: for a crash, the crash's first line such as
// `fatal error: concurrent map writes`.

import { Flag, Kind, type KindCode } from '../model/kinds.ts';
import type { EventTable } from '../model/event-table.ts';
import type { Mark } from './types.ts';
import { positionOf, type SourceIndex } from './sources.ts';

/** Rows listed per mark; `count` keeps the full number. */
export const MAX_MARK_EVENTS = 200;
/** Labels are one line of reasonable length. */
const MAX_LABEL = 160;

/** How close lines must be to be one happening. A reload logs "received SIGHUP" and "configuration
 * reloaded" within a few seconds; a restart's "starting", "listening", "ready" within ten; a crash's
 * header, exit and supervisor note within five. */
export const POINT_MERGE_MS: Record<'signal' | 'restart' | 'crash', number> = {
  signal: 5_000,
  restart: 10_000,
  crash: 5_000,
};

/** A relaunch takes at least this long (a runtime's back-off, the program's own start). */
const RELAUNCH_MIN_MS = 1_000;

/** Mark kind per event kind code (undefined: not a point). */
const POINT_KIND: (keyof typeof POINT_MERGE_MS | undefined)[] = [];
POINT_KIND[Kind.signal] = 'signal';
POINT_KIND[Kind.restart] = 'restart';
POINT_KIND[Kind.crash] = 'crash';

export function labelOf(message: string): string {
  const nl = message.indexOf('\n');
  const line = (nl < 0 ? message : message.slice(0, nl)).trim();
  return line.length > MAX_LABEL ? line.slice(0, MAX_LABEL - 1) + '…' : line;
}

export function pointMarks(table: EventTable, sources: SourceIndex, message: (row: number) => string): Mark[] {
  const out: Mark[] = [];
  for (let f = 0; f < sources.rows.length; f++) {
    const rows = sources.rows[f];
    // Point rows are notable (sources.ts): only those are visited, each with its position among the file's rows.
    const notable = sources.notable[f];
    const current = new Map<KindCode, Mark>();
    // Position (in this file's rows) of the latest line of each point kind: a crash after a restart, or a
    // restart after a crash, is the next cycle of a loop, however fast (PM2 restarts a dying app in under a second).
    const lastAt = new Map<KindCode, number>();
    let sawRestart = false;
    let sawCrash = false;
    for (let j = 0; j < notable.length; j++) {
      const row = notable[j];
      const kind = table.kind[row] as KindCode;
      const markKind = POINT_KIND[kind];
      if (!markKind) continue;
      const k = positionOf(rows, row);
      if (markKind === 'crash') sawCrash = true;
      const t = table.tMs[row];
      const open = current.get(kind);
      const other = markKind === 'crash' ? Kind.restart : markKind === 'restart' ? Kind.crash : undefined;
      const prevK = lastAt.get(kind) ?? -1;
      const cycled = open !== undefined && other !== undefined && (lastAt.get(other) ?? -1) > prevK;
      // A process does not die twice: the same death line again, after the file logged other lines, is the
      // next death of a process relaunched without a start line of its own (docker's "exited with code 1").
      // Within a second it is rather several processes dying at once (the OOM killer taking two).
      const again = open !== undefined && markKind === 'crash' && k - prevK > 1 && t - open.end >= RELAUNCH_MIN_MS &&
        table.template[row] === table.template[open.events[0]];
      lastAt.set(kind, k);
      if (open && !cycled && !again && t - open.end <= POINT_MERGE_MS[markKind]) {
        open.end = t;
        open.count++;
        if (open.events.length < MAX_MARK_EVENTS) open.events.push(row);
        continue;
      }
      const m: Mark = { kind: markKind, start: t, end: t, label: labelOf(message(row)), file: f, logger: 0, events: [row], count: 1 };
      // The file's first start, announced as a start (listening, ready) with no crash before it, is a start-up:
      // nothing restarted. Later starts, or one after a crash, are restarts.
      if (markKind === 'restart' && !sawRestart && !sawCrash && (table.flags[row] & Flag.start) !== 0) m.startup = true;
      if (markKind === 'restart') sawRestart = true;
      current.set(kind, m);
      out.push(m);
    }
  }
  // Points: the happening is at its first line; `end` was only used to chain the merge.
  for (const m of out) m.end = m.start;
  return out;
}
