// Times of day without a date ("22:40:53.187887976Z" in a pasted excerpt,
// logback's "10:00:00.120"): the events keep their order and spacing on a day
// marked as unknown instead of an invented 1970-01-01 or January 1st.
//
// The unknown day is a fixed midnight in the year 2300: no parser produces it
// (ISO dates stop at 2200, epochs at 2286), so a time there always means "date
// not known", it sorts after every real date, it is positive (nothing mistakes
// it for "no time") and the local zone's current rules apply to it (a
// pre-1970 day would pick up historical local mean time offsets).
//
// Parsers return a bare clock as UNKNOWN_DAY_MS + the time of day (a "raw
// clock"); FileIngest then places it with a ClockPlacer, once per event: on the
// day the user or the other loaded files give, else on the unknown day, moving
// to the next day when the clock runs past midnight.

export const DAY_MS = 86400000;
/** Midnight UTC, 2300-01-01: the day clocks without a date are placed on when no date is known. */
export const UNKNOWN_DAY_MS = Date.UTC(2300, 0, 1);
/** How many days of an unknown-date file can follow the unknown day (midnight crossings). */
const UNKNOWN_SPAN_DAYS = 400;

/** A clock a parser returned without placing it: the unknown day, give or take a zone offset. */
export function isRawClock(ms: number): boolean {
  return ms >= UNKNOWN_DAY_MS - DAY_MS && ms < UNKNOWN_DAY_MS + 2 * DAY_MS;
}

/** A time on the unknown day or the days after it: its date is not known. */
export function isUnknownDay(ms: number): boolean {
  return ms >= UNKNOWN_DAY_MS - DAY_MS && ms < UNKNOWN_DAY_MS + UNKNOWN_SPAN_DAYS * DAY_MS;
}

/** Days after the unknown day (0 on it, 1 after one midnight, -1 when a zone offset moved it back). */
export function unknownDayIndex(ms: number): number {
  return Math.floor((ms - UNKNOWN_DAY_MS) / DAY_MS);
}

/** What the date of a time on the unknown day reads as: "date unknown", "date unknown +1d". */
export function unknownDateLabel(ms: number): string {
  const k = unknownDayIndex(ms);
  return k === 0 ? 'date unknown' : `date unknown ${k > 0 ? '+' : '−'}${Math.abs(k)}d`;
}

/** The notice of a file whose times of day carry no date (the app shows it with a control to set the date). */
export const DATE_UNKNOWN_NOTICE = 'times of day without a date: the date is unknown (the events keep their order and spacing)';
/** The notice of a file whose clock is an uptime (elapsed since its program started), not a time of day. */
export const UPTIME_NOTICE = "times are the process's uptime (time since it started), not the time of day: shown from 00:00:00 on an unknown day, in order and with their spacing";
/** The start of the notice of a file whose times of day were put on a date (the user's, or the other files'). */
export const DATE_PLACED_NOTICE = 'times of day without a date were placed on';

/** A clock going back by more than this has passed midnight (a log does not jump back hours). */
const MIDNIGHT_JUMP_MS = 6 * 3600000;

/**
 * Places raw clocks of one file on a day, in file order: 23:59 followed by
 * 00:01 is the next day, and a late 23:59 after 00:01 goes back to the day
 * before instead of jumping a day ahead.
 */
export class ClockPlacer {
  private lastClock = NaN;
  private shift = 0;
  /** Midnight of the file's last full date, once one was seen: clocks after it go on that day. */
  private dated: number | undefined;
  /** Some clock was placed on the unknown day (the file's date is not known). */
  placedUnknown = false;
  /** Some clock was placed on a day given by the caller. */
  placedOnDay = false;

  /** Some clock followed a fully dated event (and went on its day). */
  get sawDate(): boolean {
    return this.dated !== undefined;
  }

  /** `day`: midnight UTC of the file's day when known (set by the user or taken from other files). */
  constructor(private readonly day: number | undefined) {}

  /**
   * `prev`: the time of the file's event before this one. When that carried a
   * real date, the clock belongs to its day (a clock-only record between dated ones).
   */
  place(raw: number, prev: number): number {
    const clock = raw - UNKNOWN_DAY_MS;
    if (Number.isFinite(prev) && !isUnknownDay(prev)) {
      const base = Math.floor(prev / DAY_MS) * DAY_MS;
      this.lastClock = prev - base;
      this.shift = 0;
      this.dated = base;
    }
    if (clock < this.lastClock - MIDNIGHT_JUMP_MS) this.shift++;
    else if (clock > this.lastClock + DAY_MS - MIDNIGHT_JUMP_MS) this.shift--;
    this.lastClock = clock;
    if (this.dated !== undefined) return this.dated + this.shift * DAY_MS + clock;
    if (this.day === undefined) this.placedUnknown = true;
    else this.placedOnDay = true;
    return (this.day ?? UNKNOWN_DAY_MS) + this.shift * DAY_MS + clock;
  }

  /** Line-to-line state for a file read in slices. */
  get state(): [number, number, number] {
    return [this.lastClock, this.shift, this.dated ?? NaN];
  }

  set state(s: [number, number, number]) {
    this.lastClock = s[0];
    this.shift = s[1];
    this.dated = Number.isNaN(s[2]) ? undefined : s[2];
  }
}

const CLOCK = /^(\d{1,2}):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|z|[+-]\d\d(?::?\d\d)?)?$/;

export interface ClockOut {
  ms: number;
  subNs: number;
  zoned: boolean;
  yearless: boolean;
  end: number;
}

/**
 * A whole value that is a time of day: "22:40:53", "22:40:53.187887976Z",
 * "09:15:02,120+02:00". Fills `out` with a raw clock (see isRawClock); false
 * for anything else (seconds are required: "12:30" is as often a ratio).
 */
export function parseClockValue(s: string, out: ClockOut): boolean {
  const m = CLOCK.exec(s);
  if (!m) return false;
  const hh = Number(m[1]);
  const mi = Number(m[2]);
  const ss = Number(m[3]);
  if (hh > 24 || mi > 59 || ss > 60) return false;
  const frac = (m[4] ?? '').padEnd(9, '0');
  const fracMs = Number(frac.slice(0, 3));
  const z = m[5];
  let off = 0;
  if (z && z !== 'Z' && z !== 'z') {
    const digits = z.replace(':', '');
    off = (z[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
  }
  out.ms = UNKNOWN_DAY_MS + hh * 3600000 + mi * 60000 + ss * 1000 + fracMs - off * 60000;
  out.subNs = Number(frac.slice(3));
  out.zoned = z !== undefined;
  out.yearless = false;
  out.end = s.length;
  return true;
}

const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * A time of the unknown day for reports: "22:40:53.187887976Z", with the day
 * after midnight in front ("+1d 00:01:02Z"); an ISO time when the date is known.
 */
export function clockIso(ms: number, subNs: number, iso: (ms: number, subNs: number) => string): string {
  if (!isUnknownDay(ms)) return iso(ms, subNs);
  const k = unknownDayIndex(ms);
  const t = iso(ms, subNs);
  const clock = t.slice(t.indexOf('T') + 1);
  return k === 0 ? clock : `${k > 0 ? '+' : '-'}${Math.abs(k)}d ${clock}`;
}

/** "22:40:53" of a time on the unknown day, for messages and notices. */
export function clockText(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
