// TAI64N labels ("@4000000065b8a47d2f3c1a08"), the time daemontools' tai64n,
// runit's svlogd -t and s6-log's `t` directive put in front of every line.
// The first 16 hex digits are 2^62 plus the TAI second, the last 8 the
// nanosecond (https://cr.yp.to/libtai/tai64.html). TAI runs ahead of UTC by
// 10 s plus every leap second since 1972; s6 (skalibs) writes labels that
// way, so the leap seconds are taken off here. daemontools and runit add only
// the 10 s, so their labels read 27 s early for times after 2017: a constant
// shift within a file, which keeps order and spacing (said in docs/formats.md).

import type { TimeOut } from './time.ts';

/** Unix seconds at which each leap second took effect (IERS Bulletin C; none since 2017). */
const LEAP_SECONDS_UNIX = [
  78796800, 94694400, 126230400, 157766400, 189302400, 220924800, 252460800, 283996800, 315532800,
  362793600, 394329600, 425865600, 489024000, 567993600, 631152000, 662688000, 709948800, 741484800,
  773020800, 820454400, 867715200, 915148800, 1136073600, 1230768000, 1341100800, 1435708800, 1483228800,
];

/** 2^62 + 10: the label of 1970-01-01 00:00:00 UTC, before leap seconds. */
const TAI_EPOCH = (1n << 62n) + 10n;

/** Read the 24 hex digits of a TAI64N label into `out` (UTC); false when they are not one. */
export function fromTai64n(hex: string, out: TimeOut): boolean {
  if (!/^[0-9a-fA-F]{24}$/.test(hex)) return false;
  const tai = BigInt(`0x${hex.slice(0, 16)}`) - TAI_EPOCH;
  const ns = Number.parseInt(hex.slice(16), 16);
  if (ns >= 1e9 || tai < 0n || tai > 253402300799n) return false;
  let s = Number(tai);
  let leaps = 0;
  while (leaps < LEAP_SECONDS_UNIX.length && s - leaps - 1 >= LEAP_SECONDS_UNIX[leaps]) leaps++;
  s -= leaps;
  out.ms = s * 1000 + Math.floor(ns / 1e6);
  out.subNs = ns % 1e6;
  out.zoned = true;
  out.yearless = false;
  return true;
}
