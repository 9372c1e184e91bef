// A timestamp far outside the years logs are written in (year 275760, 1900,
// a counter read as epoch seconds) is almost always a misread field, and one
// such event stretches the timeline over millennia until every real event
// shares one pixel, or past Date's range into NaN. Rows keep their raw text
// but such a time is treated as missing (the event is untimed, with a
// notice). The check runs where rows enter the table, after any format's
// parsing, so the time parsers stay as they are.

import { isUnknownDay } from '../model/time-of-day.ts';

export interface PlausibleRange {
  minMs: number;
  maxMs: number;
}

/** Years 1990 to next year (from the clock now), the default. */
export function defaultPlausibleRange(now = Date.now()): PlausibleRange {
  const y = new Date(now).getUTCFullYear();
  return { minMs: Date.UTC(1990, 0, 1), maxMs: Date.UTC(y + 2, 0, 1) - 1 };
}

/** From years (inclusive), for options and the CLI. */
export function plausibleYears(first: number, last: number): PlausibleRange {
  return { minMs: Date.UTC(first, 0, 1), maxMs: Date.UTC(last + 1, 0, 1) - 1 };
}

/** Plausible, or a time of day on the unknown day (times of day sit there, far from real dates, until placed). */
export function isPlausible(ms: number, r: PlausibleRange): boolean {
  return (ms >= r.minMs && ms <= r.maxMs) || isUnknownDay(ms);
}

export function implausibleNotice(r: PlausibleRange): string {
  const y = (ms: number) => new Date(ms).getUTCFullYear();
  return `timestamps outside ${y(r.minMs)}–${y(r.maxMs)} were kept as text, but their events are treated as untimed (a misread field?)`;
}
