// Times of day written before a file's first full date. A Home Assistant
// add-on's "[16:53:34] INFO: Using existing mariadb" lines come before
// MariaDB's own "2024-04-16 16:53:35 0 [Note] ..." in the same paste: left on
// the unknown day (year 2300) they would sort after every dated line, hours
// away from the lines they sit between. When the first dated event comes and
// the clocks before it fit its day (the last one at most a second after it,
// and less than six hours before), they and the untimed lines that took
// their times move onto that day. Clocks that do not fit stay unknown.

import { DAY_MS, UNKNOWN_DAY_MS } from '../model/time-of-day.ts';
import type { EventColumns } from '../model/event-table.ts';

/** How far a clock may sit before the first date and still be on its day (a log does not go silent for hours). */
const FIT_BEFORE_MS = 6 * 3600000;
/** A wrapper may print whole seconds after a finer clock. */
const FIT_AFTER_MS = 1000;

export class EarlyClocks {
  /** Rows on the unknown day so far, all before any dated row. */
  private rows: number[] = [];
  /** Still before the file's first dated row (and no uptime clock, which never moves). */
  open = true;
  /** The day (midnight UTC) early clocks were moved onto, when they were. */
  placedOn: number | undefined;

  add(row: number): void {
    if (this.open) this.rows.push(row);
  }

  close(): void {
    this.open = false;
    this.rows = [];
  }

  /**
   * The first dated event is at `ms`: move the early rows onto its day when
   * they fit. Returns the shift applied to them (0 when none).
   */
  dated(ms: number, c: EventColumns): number {
    const rows = this.rows;
    this.close();
    if (rows.length === 0) return 0;
    const last = c.tMs[rows[rows.length - 1]];
    let shift = Math.floor(ms / DAY_MS) * DAY_MS - UNKNOWN_DAY_MS;
    if (last + shift > ms + FIT_AFTER_MS) shift -= DAY_MS;
    if (last + shift > ms + FIT_AFTER_MS || last + shift < ms - FIT_BEFORE_MS) return 0;
    for (const k of rows) c.tMs[k] += shift;
    this.placedOn = Math.floor((c.tMs[rows[0]]) / DAY_MS) * DAY_MS;
    return shift;
  }
}
