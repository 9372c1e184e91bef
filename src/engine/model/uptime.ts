// Clocks that count from a program's (or the machine's) start: a JVM's
// "[27.223s]", dmesg's "[12345.678901]", V8's "331617 ms:". They tell the
// spacing of events, not the time of day, so they are put on the unknown day
// (time-of-day.ts) from its midnight, and the file says its clock is an uptime.

import type { TimeOut } from './time.ts';
import { UNKNOWN_DAY_MS } from './time-of-day.ts';

/** Uptimes past this many days are not read: the unknown day and the days after it hold about a year. */
const MAX_UPTIME_MS = 365 * 86400000;

/** Seconds with a fraction ("27.223") or whole milliseconds ("331617") into `t` on the unknown day; false past MAX_UPTIME_MS. */
export function uptimeFromText(seconds: string, millis: string, t: TimeOut): boolean {
  let ms: number;
  let subNs = 0;
  if (millis) ms = Number(millis);
  else {
    const dot = seconds.indexOf('.');
    const frac = (dot < 0 ? '' : seconds.slice(dot + 1)).padEnd(9, '0');
    ms = Number(dot < 0 ? seconds : seconds.slice(0, dot)) * 1000 + Number(frac.slice(0, 3));
    subNs = Number(frac.slice(3, 9));
  }
  if (!(ms <= MAX_UPTIME_MS)) return false;
  t.ms = UNKNOWN_DAY_MS + ms;
  t.subNs = subNs;
  return true;
}
