// Timestamp parsing without Date.parse: hand-rolled digit scanning is several
// times faster and keeps sub-millisecond precision (Date.parse drops it).
// Times are split in two: integer epoch milliseconds (`ms`) and the
// nanoseconds inside that millisecond (`subNs`), so nanosecond logs sort exactly.
// Zone rules follow RFC 3339 (https://www.rfc-editor.org/rfc/rfc3339); a time
// without a zone is read as UTC and reported as `zoned: false`.

import { monthNameAt } from './month-names.ts';
import { zoneNameOffset } from './zone-names.ts';
import { parseClockValue } from './time-of-day.ts';
import { zoneIdAfterClock, zoneIdAfterOffset } from './time-zone-ids.ts';
import { fromEpoch, fromEpochString } from './epoch-time.ts';

// The epoch readers live beside this file; callers keep importing them from here.
export { fromEpoch, fromEpochString };

export interface TimeOut {
  ms: number;
  subNs: number;
  zoned: boolean;
  /** Index in the input just after the timestamp. */
  end: number;
  /** The text carried no year (syslog, klog, logcat): the caller's year was used. */
  yearless: boolean;
  /** The zone abbreviation read ("PDT", "IST"), '' for none or a numeric zone. */
  zoneName?: string;
  /** The IANA zone id read after the clock ("Europe/Bucharest"), '' for none; `zoned` is false when the platform does not know it. */
  zoneId?: string;
  /** The offset the zone read stands for, minutes east of UTC (NaN for none; set by readers that split a time into fields). */
  offsetMin?: number;
}

export function newTimeOut(): TimeOut {
  return { ms: NaN, subNs: 0, zoned: false, end: 0, yearless: false, zoneName: '', zoneId: '', offsetMin: NaN };
}

/**
 * The earliest year a written date is read in. It only tells a date from
 * other digits; whether a year is believable for an event is decided later,
 * where rows enter the table (ingest/plausible-time.ts: configurable, with a
 * notice). Unset clocks print dates before 1970 (NTP's era starts in 1900,
 * epoch 0 west of UTC is 1969-12-31), and those must reach that check rather
 * than vanish silently here.
 */
export const MIN_YEAR = 1900;

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

export function monthFromName(s: string): number {
  const m = MONTHS[s.slice(0, 3).toLowerCase()];
  return m === undefined ? -1 : m;
}

/** The n digits at s[i] as a number, or -1 when one is not a digit. */
export function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Read a fraction of a second starting at s[i] (the first digit). Fills
 * out.subNs (ns below the millisecond) and returns [wholeMs, endIndex].
 */
export function fraction(s: string, i: number, out: TimeOut): [number, number] {
  let ns = 0;
  let n = 0;
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) {
    if (n < 9) {
      ns = ns * 10 + (s.charCodeAt(j) - 48);
      n++;
    }
    j++;
  }
  for (; n < 9; n++) ns *= 10;
  const ms = Math.floor(ns / 1e6);
  out.subNs = ns - ms * 1e6;
  return [ms, j];
}

/**
 * Parse a zone at s[i]: Z, z, ±HH:MM, ±HHMM, ±HH, and after one space ±HHMM,
 * ±HH:MM, a bare ±HH before a space, UTC, GMT or an abbreviation (Go's time.String "+0000 UTC", CLF
 * " -0700", "10:00:00 PDT"; see zone-names.ts). Returns the offset in minutes
 * (east positive) and sets out.end, or NaN.
 */
export function zone(s: string, i: number, out: TimeOut): number {
  out.zoneName = '';
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) { // Z z
    out.end = i + 1;
    return 0;
  }
  if (c === 43 || c === 45) return offset(s, i, out, false);
  if (c === 32) {
    const n = s.charCodeAt(i + 1);
    if (n === 43 || n === 45) {
      const off = offset(s, i + 1, out, true);
      if (!Number.isNaN(off)) skipZoneName(s, out);
      return off;
    }
    const w = s.slice(i + 1, i + 4);
    if ((w === 'UTC' || w === 'GMT') && !isLetter(s.charCodeAt(i + 4))) {
      out.end = i + 4;
      return 0;
    }
    return zoneName(s, i + 1, out);
  }
  return NaN;
}

/** An upper-case zone abbreviation at s[i] ("PDT", "CEST"), ending at a non-letter. */
function zoneName(s: string, i: number, out: TimeOut): number {
  let k = i;
  while (k - i < 5 && s.charCodeAt(k) >= 65 && s.charCodeAt(k) <= 90) k++;
  if (isLetter(s.charCodeAt(k)) || isDigit(s.charCodeAt(k))) return NaN;
  const off = zoneNameOffset(s, i, k);
  if (Number.isNaN(off)) return NaN;
  out.end = k;
  out.zoneName = s.slice(i, k);
  return off;
}

/**
 * ±HH[:MM] or ±HHMM at s[i]. After a space (`strict`) a bare ±HH counts only
 * when a space, a ';' or the end follows it: PostgreSQL's %t writes "+06" or
 * "-03" for zones with no abbreviation, and so does systemctl status
 * ("since Thu 2024-12-26 23:33:52 -03; 48s ago"), while "10:00:00 +12x" is
 * not a zone.
 */
function offset(s: string, i: number, out: TimeOut, strict: boolean): number {
  const sign = s.charCodeAt(i) === 45 ? -1 : 1;
  const hh = digits(s, i + 1, 2);
  if (hh < 0 || hh > 18) return NaN;
  let j = i + 3;
  let mm = 0;
  const colon = s.charCodeAt(j) === 58;
  if (colon) j++;
  const m2 = digits(s, j, 2);
  if (m2 >= 0 && m2 < 60) {
    mm = m2;
    j += 2;
  } else if (colon || (strict && !(j >= s.length || s.charCodeAt(j) === 32 || s.charCodeAt(j) === 59))) return NaN;
  if (isDigit(s.charCodeAt(j))) return NaN; // "+12345" is a number, not a zone
  out.end = j;
  return sign * (hh * 60 + mm);
}

/** Go prints "+0000 UTC" / "-0700 MST": the name after a numeric offset adds nothing. */
function skipZoneName(s: string, out: TimeOut): void {
  const start = out.end + 1;
  if (s.charCodeAt(out.end) !== 32) return;
  let k = start;
  while (k < s.length && k - start < 5 && s.charCodeAt(k) >= 65 && s.charCodeAt(k) <= 90) k++;
  // Only a known abbreviation: "-0800 INFO" is a zone and then a level.
  if (k - start >= 3 && !isLetter(s.charCodeAt(k)) && !Number.isNaN(zoneNameOffset(s, start, k))) out.end = k;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Clock part "HH:MM:SS[.frac][zone]" starting at s[i], combined with a date.
 * Returns false if it is not a clock.
 */
function clock(s: string, i: number, y: number, mo: number, d: number, out: TimeOut, sep = 58): boolean {
  const hh = digits(s, i, 2);
  if (hh < 0 || hh > 24 || s.charCodeAt(i + 2) !== sep) return false;
  const mi = digits(s, i + 3, 2);
  if (mi < 0 || mi > 59) return false;
  let j = i + 5;
  let ss = 0;
  if (s.charCodeAt(j) === sep) {
    ss = digits(s, j + 1, 2);
    if (ss < 0 || ss > 60) return false;
    j += 3;
  }
  let fracMs = 0;
  out.subNs = 0;
  const fc = s.charCodeAt(j);
  // '.' and ',' (log4j, python) and ':' (HealthApp's "HH:MM:SS:mmm") introduce fractions.
  if ((fc === 46 || fc === 44 || fc === 58) && isDigit(s.charCodeAt(j + 1))) {
    [fracMs, j] = fraction(s, j + 1, out);
  }
  return finishTime(s, j, y, mo, d, hh, mi, ss, fracMs, out);
}

/** The day utcFields last computed: consecutive lines share their date. */
let cachedY = -1;
let cachedMo = -1;
let cachedD = -1;
let cachedDayMs = 0;

/**
 * utc() for integer fields (clock() reads them digit by digit): Date.UTC is
 * then exactly the day's start plus the time of day, and Date.UTC runs once per day seen.
 */
export function utcFields(y: number, mo: number, d: number, hh: number, mi: number, ss: number, ms: number): number {
  if (y < 100 || y > 9999 || mo < 0 || mo > 11 || d < 1 || d > 31) return utc(y, mo, d, hh, mi, ss, ms);
  if (y !== cachedY || mo !== cachedMo || d !== cachedD) {
    cachedDayMs = Date.UTC(y, mo, d);
    cachedY = y;
    cachedMo = mo;
    cachedD = d;
  }
  return cachedDayMs + (hh * 3600000 + mi * 60000 + ss * 1000 + ms);
}

/** Date.UTC, except that years 0-99 stay years 0-99 (Date.UTC maps them to 19xx). */
function utc(y: number, mo: number, d: number, hh: number, mi: number, ss: number, ms: number): number {
  if (mo < 0 || mo > 11 || d < 1 || d > 31) return NaN;
  const t = Date.UTC(y, mo, d, hh, mi, ss, ms);
  return y < 100 ? new Date(t).setUTCFullYear(y) : t;
}

/**
 * ISO-8601 / RFC 3339 and the common relatives at s[i]:
 * 2006-01-02T15:04:05.999999999Z07:00, "2006-01-02 15:04:05,000", 2006/01/02 15:04:05,
 * 20060102-15:04:05:123 (HealthApp). Returns false when s[i] does not start one.
 */
export function parseIsoAt(s: string, i: number, out: TimeOut): boolean {
  const y = digits(s, i, 4);
  if (y < MIN_YEAR || y > 2200) return false;
  let j = i + 4;
  const sep = s.charCodeAt(j);
  let mo: number;
  let d: number;
  if (sep === 45 || sep === 47 || sep === 46) { // - / .
    mo = digits(s, j + 1, 2);
    if (s.charCodeAt(j + 3) !== sep) return false;
    d = digits(s, j + 4, 2);
    j += 6;
  } else {
    // Compact "20060102": only when the digits stop there ("2006010215" is a number).
    mo = digits(s, j, 2);
    d = digits(s, j + 2, 2);
    j += 4;
    if (isDigit(s.charCodeAt(j))) return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const t = s.charCodeAt(j);
  // T, space, '-' (BGL "2005-06-03-15.42.50"), ':' and '_' separate date and clock.
  if (t === 84 || t === 116 || t === 32 || t === 45 || t === 95 || t === 58) {
    if (clock(s, j + 1, y, mo - 1, d, out)) return true;
    if (t === 45 && clock(s, j + 1, y, mo - 1, d, out, 46)) return true;
    return false;
  }
  // A bare date is a time too (midnight UTC), e.g. CSV exports; not "2006-01-0212".
  if (isDigit(t)) return false;
  out.ms = Date.UTC(y, mo - 1, d);
  out.subNs = 0;
  out.zoned = false;
  out.yearless = false;
  out.end = j;
  return true;
}

/** Parse a whole string as ISO-like time. */
export function parseIso(s: string, out: TimeOut): boolean {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  return parseIsoAt(s, i, out);
}

/** Any time value a JSON field may hold: ISO string, epoch number or epoch string. */
export function parseTimeValue(v: unknown, out: TimeOut): boolean {
  if (typeof v === 'number') return fromEpoch(v, out);
  if (typeof v !== 'string' || v.length < 8) return false;
  const c = v.charCodeAt(0);
  if (isDigit(c)) {
    if (parseIso(v, out)) return true;
    // A time of day alone: a raw clock on the unknown day (time-of-day.ts).
    return fromEpochString(v, out) || parseClockValue(v, out);
  }
  return parseLooseText(v, out);
}

/**
 * Syslog "Jan _2 15:04:05" (no year): the year comes from the caller
 * (file's modification time or the current year). Also "Jan 2 2006 15:04:05".
 */
export function parseSyslogAt(s: string, i: number, year: number, out: TimeOut): boolean {
  // The month in the machine's locale ("Dec", "déc.", "Dez"): month-names.ts.
  const named = monthNameAt(s, i);
  if (named < 0) return false;
  const mo = named & 15;
  let j = i + (named >> 4) + 1;
  if (s.charCodeAt(j) === 32) j++;
  let d = digits(s, j, 2);
  if (d >= 0) j += 2;
  else {
    d = digits(s, j, 1);
    if (d < 0) return false;
    j += 1;
  }
  if (s.charCodeAt(j) !== 32) return false;
  j++;
  const y4 = digits(s, j, 4);
  if (y4 >= MIN_YEAR && s.charCodeAt(j + 4) === 32) {
    return clock(s, j + 5, y4, mo, d, out);
  }
  if (!clock(s, j, year, mo, d, out)) return false;
  // "Jan 2 15:04:05 2006" (ctime order) carries its year after the clock.
  const y2 = digits(s, out.end + 1, 4);
  if (s.charCodeAt(out.end) === 32 && y2 >= MIN_YEAR && y2 < 2200 && !isDigit(s.charCodeAt(out.end + 5))) {
    const end = out.end + 5;
    clock(s, j, y2, mo, d, out);
    out.end = end;
    return true;
  }
  out.yearless = true;
  return true;
}

/** "Sun Dec 04 04:47:44 2005" (ctime, Apache error log). */
export function parseCtimeAt(s: string, i: number, year: number, out: TimeOut): boolean {
  if (s.charCodeAt(i + 3) !== 32) return false;
  const dow = s.slice(i, i + 3).toLowerCase();
  if (!['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].includes(dow)) return false;
  return parseSyslogAt(s, i + 4, year, out);
}

/** Apache/nginx common log format "10/Oct/2000:13:55:36 -0700". */
export function parseClfAt(s: string, i: number, out: TimeOut): boolean {
  const d = digits(s, i, 2);
  if (d < 1 || s.charCodeAt(i + 2) !== 47) return false;
  const mo = monthFromName(s.slice(i + 3, i + 6));
  if (mo < 0 || s.charCodeAt(i + 6) !== 47) return false;
  const y = digits(s, i + 7, 4);
  if (y < MIN_YEAR || s.charCodeAt(i + 11) !== 58) return false;
  if (!clock(s, i + 12, y, mo, d, out)) return false;
  if (s.charCodeAt(out.end) === 32 && !out.zoned) {
    const end = out.end;
    const off = zone(s, end + 1, out);
    if (!Number.isNaN(off)) {
      out.ms -= off * 60000;
      out.zoned = true;
    } else out.end = end;
  }
  return true;
}

/** klog "0516 18:34:04.558677" after its level letter: month-day without year. */
export function parseKlogAt(s: string, i: number, year: number, out: TimeOut): boolean {
  const mo = digits(s, i, 2);
  const d = digits(s, i + 2, 2);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || s.charCodeAt(i + 4) !== 32) return false;
  if (!clock(s, i + 5, year, mo - 1, d, out)) return false;
  out.yearless = true;
  return true;
}

/**
 * Any leading timestamp at s[i], whatever its shape: ISO 8601 and relatives,
 * CLF, epoch seconds / milliseconds, syslog and ctime. The year is used
 * only by shapes that carry none.
 */
export function parseTimeAt(s: string, i: number, year: number, out: TimeOut): boolean {
  const c = s.charCodeAt(i);
  if (isDigit(c)) {
    if (parseIsoAt(s, i, out)) return true;
    if (parseClfAt(s, i, out)) return true;
    // journald in a Chinese, Japanese or Korean locale: "10月 06 17:31:11".
    return epochAt(s, i, out) || parseSyslogAt(s, i, year, out);
  }
  return parseSyslogAt(s, i, year, out) || parseCtimeAt(s, i, year, out);
}

/** Epoch seconds (10 digits, optional fraction) or milliseconds (13 digits) at s[i], ending at a non-digit. */
function epochAt(s: string, i: number, out: TimeOut): boolean {
  let j = i;
  while (isDigit(s.charCodeAt(j))) j++;
  const n = j - i;
  if (n !== 10 && n !== 13) return false;
  if (n === 10 && s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
    j++;
    while (isDigit(s.charCodeAt(j)) && j - i < 20) j++;
  }
  if (isLetter(s.charCodeAt(j)) || isDigit(s.charCodeAt(j))) return false;
  if (!fromEpochString(s.slice(i, j), out)) return false;
  out.end = j;
  return true;
}

/**
 * A time from separate fields, as the text patterns capture them. Month is
 * 1-based; `frac` holds fraction digits ("558677"), `ms` whole milliseconds
 * (HealthApp's unpadded ":7" is 7 ms); `offsetMin` is NaN for no zone.
 */
export function timeFromParts(
  y: number, mo: number, d: number, hh: number, mi: number, ss: number,
  ms: number, frac: string, offsetMin: number, out: TimeOut,
): boolean {
  if (hh > 24 || mi > 59 || ss > 60) return false;
  out.subNs = 0;
  let fracMs = ms;
  if (frac) [fracMs] = fraction(frac, 0, out);
  out.zoned = !Number.isNaN(offsetMin);
  out.ms = utc(y, mo - 1, d, hh, mi, ss, fracMs) - (out.zoned ? offsetMin : 0) * 60000;
  out.yearless = false;
  return Number.isFinite(out.ms);
}

/** A zone string on its own ("Z", "+09:00", "-0700", "UTC"): offset minutes, or NaN. */
export function parseZone(s: string, out: TimeOut): number {
  if (s === 'UTC' || s === 'GMT' || s === 'utc') return 0;
  let off = zone(s, 0, out);
  if (Number.isNaN(off)) off = zoneName(s, 0, out);
  return out.end === s.length ? off : NaN;
}

/** The same day and time a year earlier (February 29th becomes March 1st). */
export function yearEarlier(ms: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.getTime();
}

/** A year-less local time read as UTC may be up to 14 hours ahead of the present; past that margin it was last year's. */
export const FUTURE_MARGIN_MS = 86400000;

/**
 * Loose forms found inside JSON time fields: syslog, ctime, CLF, RFC 1123
 * ("Mon, 02 Jan 2006 15:04:05 MST"). A year-less syslog date is read in the
 * current year, or the year before when it would fall in the future.
 */
export function parseLooseText(s: string, out: TimeOut, year = new Date().getUTCFullYear(), now = Date.now()): boolean {
  if (parseSyslogAt(s, 0, year, out)) {
    if (out.yearless && out.ms > now + FUTURE_MARGIN_MS) out.ms = yearEarlier(out.ms);
    return true;
  }
  if (parseCtimeAt(s, 0, year, out)) return true;
  if (parseClfAt(s, 0, out)) return true;
  const ms = Date.parse(s);
  if (Number.isFinite(ms)) {
    out.subNs = 0;
    out.yearless = false;
    out.zoned = /(?:Z|[+-]\d\d:?\d\d|GMT|UTC|[ECMP][SD]T)\s*$/.test(s);
    // Date.parse reads a zone-less date in the machine's zone; the engine reads it as UTC everywhere.
    const d = new Date(ms);
    out.ms = out.zoned ? ms : Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
    out.end = s.length;
    return true;
  }
  return false;
}

/** Format epoch ms as ISO 8601 UTC, keeping sub-millisecond digits when present. */
export function toIso(ms: number, subNs = 0): string {
  if (!Number.isFinite(ms)) return '';
  const base = new Date(ms).toISOString();
  if (!subNs) return base;
  return base.slice(0, -1) + String(subNs).padStart(6, '0').replace(/0+$/, '') + 'Z';
}

/**
 * The end of a date-time at s[j]: an optional zone, then the instant. Shared
 * by every reader that has split a time into its fields, so the zone rules
 * stay in one place.
 */
export function finishTime(s: string, j: number, y: number, mo: number, d: number, hh: number, mi: number, ss: number, fracMs: number, out: TimeOut): boolean {
  out.end = j;
  out.zoneId = '';
  const local = utcFields(y, mo, d, hh, mi, ss, fracMs);
  let off = zone(s, j, out);
  out.zoned = !Number.isNaN(off);
  if (out.zoned) zoneIdAfterOffset(s, out);
  else {
    out.end = j;
    off = zoneIdAfterClock(s, j, local, out);
    out.zoned = !Number.isNaN(off);
    if (!out.zoned) off = 0;
  }
  out.ms = local - off * 60000;
  out.offsetMin = out.zoned ? off : NaN;
  out.yearless = false;
  return Number.isFinite(out.ms);
}

