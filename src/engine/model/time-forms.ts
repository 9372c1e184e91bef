// Timestamp shapes people's logs print beyond ISO 8601 and syslog (time.ts):
// Java util.logging / Tomcat's "Apr 7, 2014 8:11:23 PM", Tomcat 8+'s
// "16-Dec-2019 16:32:50.735", locale dates such as NestJS's
// "07/03/2024, 3:52:49 PM" or "03.11.2022, 10:54:40", MySQL's crash reporter
// "201010 11:17:39" and MariaDB's space-padded hour "2020-10-10  9:57:33".
// They share a looser clock: one- or two-digit hours, a 12-hour AM/PM suffix,
// a fraction of any width and a zone (numeric or an abbreviation).
//
// Numeric dates may be day-first or month-first; a date with a part over 12
// tells, so the order is settled per file (DateOrderState) from its first
// lines and from the first telling date after them, and left flagged when
// nothing in the file tells.

import { digits, finishTime, fraction, MIN_YEAR, monthFromName, parseTimeAt, type TimeOut } from './time.ts';

export const DateOrder = { unknown: 0, monthFirst: 1, dayFirst: 2 } as const;
export type DateOrderCode = (typeof DateOrder)[keyof typeof DateOrder];

/** How a file writes its numeric dates, and what was read before that was known. */
export class DateOrderState {
  /** Dates read month-first while the order was unknown. */
  readUnsettled = 0;
  constructor(public order: DateOrderCode = DateOrder.unknown) {}
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** 1 or 2 digits at s[i]: [value, end], or [-1, i]. */
function digits12(s: string, i: number): [number, number] {
  if (!isDigit(s.charCodeAt(i))) return [-1, i];
  if (!isDigit(s.charCodeAt(i + 1))) return [s.charCodeAt(i) - 48, i + 1];
  if (isDigit(s.charCodeAt(i + 2))) return [-1, i];
  return [(s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48, i + 2];
}

/**
 * "H:MM[:SS][.frac][ AM|PM][zone]" at s[i] on the given date (month 0-based).
 * One-digit hours, a fraction of any width (kept to the nanosecond) and a
 * 12-hour suffix are read; fills out and returns true when it is a clock.
 */
export function looseClockAt(s: string, i: number, y: number, mo: number, d: number, out: TimeOut): boolean {
  let [hh, j] = digits12(s, i);
  if (hh < 0 || s.charCodeAt(j) !== 58) return false;
  const mi = digits(s, j + 1, 2);
  if (mi < 0 || mi > 59) return false;
  j += 3;
  let ss = 0;
  if (s.charCodeAt(j) === 58) {
    ss = digits(s, j + 1, 2);
    if (ss < 0 || ss > 60) return false;
    j += 3;
  }
  if (isDigit(s.charCodeAt(j))) return false;
  let fracMs = 0;
  out.subNs = 0;
  const fc = s.charCodeAt(j);
  if ((fc === 46 || fc === 44) && isDigit(s.charCodeAt(j + 1))) [fracMs, j] = fraction(s, j + 1, out);
  const ampm = meridiem(s, j);
  if (ampm) {
    if (hh < 1 || hh > 12) return false;
    hh = (hh % 12) + (ampm === 2 ? 12 : 0);
    j = s.charCodeAt(j) === 32 ? j + 3 : j + 2;
  } else if (hh > 24) return false;
  return finishTime(s, j, y, mo, d, hh, mi, ss, fracMs, out);
}

/** " AM" / "PM" / " pm" at s[i], not followed by a letter: 1 for AM, 2 for PM, 0 for none. */
function meridiem(s: string, i: number): number {
  const k = s.charCodeAt(i) === 32 ? i + 1 : i;
  // Chinese locales write 上午 (morning) and 下午 (afternoon) where English has AM and PM.
  if (s.charCodeAt(k + 1) === 0x5348) {
    const c = s.charCodeAt(k);
    if (c === 0x4e0a) return 1;
    if (c === 0x4e0b) return 2;
  }
  const a = s.charCodeAt(k) | 32;
  if ((a !== 97 && a !== 112) || (s.charCodeAt(k + 1) | 32) !== 109 || isLetter(s.charCodeAt(k + 2))) return 0;
  return a === 97 ? 1 : 2;
}

/** Skip one or two spaces (and a comma before them) between a date and its clock; -1 when there are none. */
function gap(s: string, j: number): number {
  if (s.charCodeAt(j) === 44) j++;
  if (s.charCodeAt(j) !== 32) return -1;
  j++;
  if (s.charCodeAt(j) === 32) j++;
  return j;
}

/** Two-digit years: 70-99 are 19xx, the rest 20xx. */
function fullYear(y: number, width: number): number {
  if (width === 4) return y;
  return y >= 70 ? 1900 + y : 2000 + y;
}

/** "2020-10-10  9:57:33" (MariaDB pads the hour with a space) and "2024-05-01 9:57:33". */
function isoLooseAt(s: string, i: number, out: TimeOut): boolean {
  const y = digits(s, i, 4);
  const sep = s.charCodeAt(i + 4);
  if (y < MIN_YEAR || (sep !== 45 && sep !== 47) || s.charCodeAt(i + 7) !== sep) return false;
  const mo = digits(s, i + 5, 2);
  const d = digits(s, i + 8, 2);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const j = gap(s, i + 10);
  return j > 0 && looseClockAt(s, j, y, mo - 1, d, out);
}

/**
 * "07/03/2024, 3:52:49 PM", "15.01.2024 10:00:00", "01-05-24 10:00": a
 * numeric date in either order, then a clock. A part over 12 or a dotted date
 * (European locales) decides the order; otherwise the file's order, else
 * month-first, counted as unsettled.
 */
function numericDateAt(s: string, i: number, dates: DateOrderState | null, out: TimeOut): boolean {
  const [a, j1] = digits12(s, i);
  const sep = s.charCodeAt(j1);
  if (a < 1 || (sep !== 47 && sep !== 46 && sep !== 45)) return false;
  const [b, j2] = digits12(s, j1 + 1);
  if (b < 1 || s.charCodeAt(j2) !== sep) return false;
  let w = 0;
  while (w < 5 && isDigit(s.charCodeAt(j2 + 1 + w))) w++;
  if (w !== 2 && w !== 4) return false;
  const y = fullYear(digits(s, j2 + 1, w), w);
  const j = gap(s, j2 + 1 + w);
  if (j < 0) return false;
  let dayFirst: boolean;
  if (a > 12 && b > 12) return false;
  if (a > 12) dayFirst = true;
  else if (b > 12) dayFirst = false;
  else if (sep === 46) dayFirst = true;
  else dayFirst = (dates?.order ?? DateOrder.unknown) === DateOrder.dayFirst;
  const ambiguous = a <= 12 && b <= 12 && sep !== 46;
  const [d, mo] = dayFirst ? [a, b] : [b, a];
  if (!looseClockAt(s, j, y, mo - 1, d, out)) return false;
  if (dates && sep !== 46) {
    if (!ambiguous && dates.order === DateOrder.unknown) dates.order = dayFirst ? DateOrder.dayFirst : DateOrder.monthFirst;
    else if (ambiguous && dates.order === DateOrder.unknown) dates.readUnsettled++;
  }
  return true;
}

/** MySQL / MariaDB's older header "yymmdd hh:mm:ss" ("201010 11:17:39", "181129  1:23:23"). */
function mysqlAt(s: string, i: number, out: TimeOut): boolean {
  const yy = digits(s, i, 2);
  const mo = digits(s, i + 2, 2);
  const d = digits(s, i + 4, 2);
  if (yy < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const j = gap(s, i + 6);
  return j > 0 && s.charCodeAt(i + 6) !== 44 && looseClockAt(s, j, 2000 + yy, mo - 1, d, out);
}

/** "16-Dec-2019 16:32:50.735" (Tomcat 8+), "01 May 2024 10:00:00,123" (log4j dd MMM yyyy), "[01-May-2024 10:00:00 UTC]" (PHP). */
function dayMonthNameAt(s: string, i: number, out: TimeOut): boolean {
  const [d, j] = digits12(s, i);
  const sep = s.charCodeAt(j);
  if (d < 1 || d > 31 || (sep !== 45 && sep !== 32)) return false;
  const mo = monthFromName(s.slice(j + 1, j + 4));
  if (mo < 0 || s.charCodeAt(j + 4) !== sep) return false;
  const y = digits(s, j + 5, 4);
  if (y < MIN_YEAR || s.charCodeAt(j + 9) !== 32) return false;
  return looseClockAt(s, j + 10, y, mo, d, out);
}

/** Java util.logging's SimpleFormatter and Tomcat's catalina.out: "Apr 7, 2014 8:11:23 PM", "May 16, 2020 3:57:52 AM". */
function monthNameCommaAt(s: string, i: number, out: TimeOut): boolean {
  let mo = monthFromName(s.slice(i, i + 3));
  let j = i + 3;
  if (mo < 0) {
    // The same format in a Chinese locale: "二月 20, 2019 6:54:39 下午".
    [mo, j] = chineseMonthAt(s, i);
    if (mo < 0) return false;
  }
  while (isLetter(s.charCodeAt(j)) && j - i < 9) j++; // "April", "Sept."
  if (s.charCodeAt(j) === 46) j++;
  if (s.charCodeAt(j) !== 32) return false;
  const [d, k] = digits12(s, j + 1);
  if (d < 1 || d > 31 || s.charCodeAt(k) !== 44 || s.charCodeAt(k + 1) !== 32) return false;
  const y = digits(s, k + 2, 4);
  if (y < MIN_YEAR || s.charCodeAt(k + 6) !== 32) return false;
  return looseClockAt(s, k + 7, y, mo, d, out);
}

const CHINESE_NUMERALS = '一二三四五六七八九十';

/** A month written in Chinese numerals and 月 at s[i] ("二月", "十二月"): its index from 0 as monthFromName gives it and where it ends, or -1. */
function chineseMonthAt(s: string, i: number): [number, number] {
  let n = 0;
  let j = i;
  for (; j - i < 3; j++) {
    const v = CHINESE_NUMERALS.indexOf(s[j]) + 1;
    if (v === 0) break;
    n = v === 10 ? (n || 1) * 10 : n + v; // 十 is ten, 十二 ten and two
  }
  if (j === i || s.charCodeAt(j) !== 0x6708 || n < 1 || n > 12) return [-1, j];
  return [n - 1, j + 1];
}

/**
 * Any timestamp at s[i]: what time.ts reads (ISO, CLF, epoch, syslog,
 * ctime), then the shapes above. `dates` carries the file's numeric date order.
 */
export function parseTextTimeAt(s: string, i: number, year: number, out: TimeOut, dates: DateOrderState | null): boolean {
  out.zoneName = '';
  if (parseTimeAt(s, i, year, out)) {
    // "2024-05-01 08:11:23 PM": the ISO reader stops before the 12-hour suffix.
    if (!out.zoned && meridiem(s, out.end)) return isoLooseAt(s, i, out) || true;
    return true;
  }
  if (isDigit(s.charCodeAt(i))) return isoLooseAt(s, i, out) || numericDateAt(s, i, dates, out) || mysqlAt(s, i, out) || dayMonthNameAt(s, i, out);
  return monthNameCommaAt(s, i, out);
}

const NUMERIC_DATE = /(?:^|[\s[(])(\d{1,2})([/-])(\d{1,2})\2(?:\d{4}|\d\d)\b/;

/** The numeric date order the first lines of a file tell (a part over 12), or unknown. */
export function settleDateOrder(lines: readonly string[]): DateOrderCode {
  for (const l of lines) {
    const m = NUMERIC_DATE.exec(l.slice(0, 64));
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) return DateOrder.dayFirst;
    if (b > 12 && a <= 12) return DateOrder.monthFirst;
  }
  return DateOrder.unknown;
}
