// IANA time-zone names printed after a clock: PHP's error_log
// ("[19-Apr-2023 01:30:56 Europe/Bucharest]"), loggers that print the
// machine's zone id ("2023-04-19 01:30:56 Europe/Berlin") and Java's
// ZonedDateTime ("2023-04-19T01:30:56+03:00[Europe/Bucharest]"). Unlike an
// abbreviation, a zone id names rules: its offset depends on the date
// (summer time), so it is asked of the platform's time-zone database through
// Intl.DateTimeFormat, which Node and every browser carry. A name the
// platform does not know gives NaN, and the caller reads the clock as UTC.

import type { TimeOut } from './time.ts';

/** The areas zone ids start with (and the old country links still printed: US/Eastern, Canada/Pacific). */
const AREAS = 'Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US|Canada|Brazil|Mexico|Chile';

/** A zone id as the text patterns' macros match it: Area/Location, Area/Region/Location. */
export const ZONE_ID_RE = String.raw`(?:${AREAS})/[A-Z][A-Za-z_+-]{1,30}(?:/[A-Z][A-Za-z_+-]{1,30})?`;

const ZONE_ID_AT = new RegExp(`(?:${ZONE_ID_RE})(?![\\w/])`, 'y');

/** The end of a zone id at s[i], or -1 when none starts there. */
export function zoneIdEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 65 || c > 90) return -1;
  ZONE_ID_AT.lastIndex = i;
  return ZONE_ID_AT.test(s) ? ZONE_ID_AT.lastIndex : -1;
}

/** One formatter per zone (building one costs far more than using it); null for a name the platform rejects. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterOf(id: string): Intl.DateTimeFormat | null {
  let f = formatters.get(id);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: id, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      f = null; // RangeError: not a zone this platform knows
    }
    formatters.set(id, f);
  }
  return f;
}

/** Minutes east of UTC in zone `f` at the instant `utcMs` (whole seconds). */
function offsetAt(f: Intl.DateTimeFormat, utcMs: number): number {
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(utcMs)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** The last answer: a log's lines share their zone and mostly their hour. */
let lastId = '';
let lastHour = NaN;
let lastOffset = NaN;

/**
 * Minutes east of UTC that zone `id` was at when its clocks showed `localMs`
 * (a wall-clock time read as if it were UTC), or NaN for an unknown zone. A
 * time in the hour repeated when clocks go back is read as the second pass
 * (standard time), one in the hour skipped when they go forward at the
 * summer offset: the log cannot tell, and either is within an hour.
 */
export function zoneIdOffset(id: string, localMs: number): number {
  const hour = Math.floor(localMs / 3600000);
  if (id === lastId && hour === lastHour) return lastOffset;
  const f = formatterOf(id);
  if (f === null || !Number.isFinite(localMs)) return NaN;
  // Two steps: the offset at the local time taken as UTC is at most a day off, then the offset at the instant it gives.
  const guess = offsetAt(f, localMs);
  let off = offsetAt(f, localMs - guess * 60000);
  if (off !== guess && offsetAt(f, localMs - off * 60000) !== off) off = Math.max(off, guess);
  lastId = id;
  lastHour = hour;
  lastOffset = off;
  return off;
}

/**
 * An IANA zone id after a clock, after a space or in brackets ("01:30:56
 * Europe/Bucharest", "01:30:56[Europe/Paris]"): the zone's offset when the
 * clock showed `local`, with out.zoneId and out.end set; NaN when there is
 * none or the platform does not know it (then only out.zoneId tells).
 */
export function zoneIdAfterClock(s: string, j: number, local: number, out: TimeOut): number {
  const c = s.charCodeAt(j);
  if (c !== 32 && c !== 91) return NaN;
  const k = zoneIdEnd(s, j + 1);
  if (k < 0 || (c === 91 && s.charCodeAt(k) !== 93)) return NaN;
  out.zoneId = s.slice(j + 1, k);
  out.end = c === 91 ? k + 1 : k;
  return zoneIdOffset(out.zoneId, local);
}

/** Java's ZonedDateTime writes the zone id after the offset ("+03:00[Europe/Bucharest]"): the offset already says it all. */
export function zoneIdAfterOffset(s: string, out: TimeOut): void {
  if (s.charCodeAt(out.end) !== 91) return;
  const k = zoneIdEnd(s, out.end + 1);
  if (k > 0 && s.charCodeAt(k) === 93) out.end = k + 1;
}
