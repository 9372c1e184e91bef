// Epoch numbers and epoch digit strings to times (seconds, milliseconds,
// microseconds or nanoseconds, told apart by magnitude), exact to the
// nanosecond for strings. Split from time.ts, which re-exports them.

import type { TimeOut } from './time.ts';

/** Epochs outside 2001-01-01 .. 2286 are not times (they are ids, sizes, counters). */
const MIN_EPOCH_MS = 978307200000;
const MAX_EPOCH_MS = 1e13;

/**
 * Epoch number to time, guessing the unit from the magnitude: seconds (1e9),
 * milliseconds (1e12), microseconds (1e15) or nanoseconds (1e18). Valid for
 * dates between 2001 and 2286, which covers every log we will see.
 */
export function fromEpoch(v: number, out: TimeOut): boolean {
  if (!Number.isFinite(v) || v <= 0) return false;
  out.zoned = true;
  out.yearless = false;
  if (v < 1e11) { // seconds, possibly fractional (zap, caddy)
    const ms = v * 1000;
    out.ms = Math.floor(ms);
    out.subNs = Math.round((ms - out.ms) * 1e6 / 1000) * 1000; // float has µs precision here
    if (out.subNs >= 1e6) { out.ms += 1; out.subNs = 0; }
  } else if (v < 1e14) {
    out.ms = Math.floor(v);
    out.subNs = Math.round((v - out.ms) * 1e6);
  } else if (v < 1e17) {
    out.ms = Math.floor(v / 1000);
    out.subNs = Math.round(v - out.ms * 1000) * 1000;
  } else {
    out.ms = Math.floor(v / 1e6);
    out.subNs = 0;
  }
  return out.ms > MIN_EPOCH_MS && out.ms < MAX_EPOCH_MS;
}

/**
 * Epoch digits given as a string, exact to the nanosecond: journald's µs
 * "1534860261221373", Loki's ns "1714557600123456789", "1661140434" seconds,
 * "1761019822.3152757" fractional seconds. The unit follows from the number
 * of integer digits (10 s, 13 ms, 16 µs, 19 ns, give or take one).
 */
export function fromEpochString(s: string, out: TimeOut): boolean {
  if (!/^\d{9,19}(\.\d{1,9})?$/.test(s)) return false;
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  // Digits of the integer part below the millisecond: 0 for s and ms, 3 for µs, 6 for ns.
  const n = int.length;
  let ms: number;
  let subNs: number;
  if (n <= 11) { // seconds
    const f = (frac + '000000000').slice(0, 9);
    ms = Number(int) * 1000 + Number(f.slice(0, 3));
    subNs = Number(f.slice(3));
  } else if (n <= 14) { // milliseconds
    ms = Number(int);
    subNs = Number((frac + '000000').slice(0, 6));
  } else if (n <= 17) { // microseconds
    ms = Number(int.slice(0, n - 3));
    subNs = Number(int.slice(n - 3)) * 1000 + Number((frac + '000').slice(0, 3));
  } else { // nanoseconds
    ms = Number(int.slice(0, n - 6));
    subNs = Number(int.slice(n - 6));
  }
  out.ms = ms;
  out.subNs = subNs;
  out.zoned = true;
  out.yearless = false;
  out.end = s.length;
  return ms > MIN_EPOCH_MS && ms < MAX_EPOCH_MS;
}
