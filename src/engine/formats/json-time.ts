// Times and numbers read straight from the UTF-8 bytes of a JSON value, for
// the JSON-lines fast path: decoding a fresh string per line only to parse it
// costs more than the parse. Only the forms JSON loggers write nearly always
// are read here (RFC 3339 strings, plain decimal numbers); anything else makes
// the caller decode the value and use the general parsers in model/time.ts,
// whose results these must equal exactly (test/perf/json-time.test.ts).

import { MIN_YEAR, utcFields, type TimeOut } from '../model/time.ts';

const isDigit = (c: number) => c >= 48 && c <= 57;

function d2(b: Uint8Array, i: number): number {
  const x = b[i] - 48;
  const y = b[i + 1] - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/**
 * "YYYY-MM-DD(T|t| )hh:mm:ss[.fraction][Z|z|±hh:mm]" filling b[i..end)
 * exactly, as parseTimeValue reads it; false for any other form (the caller
 * then takes the general path, so false never means "not a time").
 */
export function rfc3339Bytes(b: Uint8Array, i: number, end: number, out: TimeOut): boolean {
  if (end - i < 19) return false;
  const century = d2(b, i);
  const yy = d2(b, i + 2);
  const y = century * 100 + yy;
  if (century < 0 || yy < 0 || !(y >= MIN_YEAR && y <= 2200) || b[i + 4] !== 45 || b[i + 7] !== 45) return false;
  const mo = d2(b, i + 5);
  const d = d2(b, i + 8);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const t = b[i + 10];
  if (t !== 84 && t !== 116 && t !== 32) return false;
  const hh = d2(b, i + 11);
  const mi = d2(b, i + 14);
  const ss = d2(b, i + 17);
  if (hh < 0 || hh > 24 || b[i + 13] !== 58 || mi < 0 || mi > 59 || b[i + 16] !== 58 || ss < 0 || ss > 60) return false;
  let j = i + 19;
  let ns = 0;
  if (b[j] === 46 && isDigit(b[j + 1])) {
    j++;
    let n = 0;
    for (; j < end && isDigit(b[j]); j++) {
      if (n < 9) {
        ns = ns * 10 + (b[j] - 48);
        n++;
      }
    }
    ns *= POW10[9 - n]; // nanoseconds: "037" is 037000000
  }
  let off = 0;
  let zoned = false;
  if (j < end) {
    const z = b[j];
    if (z === 90 || z === 122) j++;
    else if (z === 43 || z === 45) {
      const oh = d2(b, j + 1);
      const om = d2(b, j + 4);
      if (oh < 0 || oh > 18 || b[j + 3] !== 58 || om < 0 || om > 59) return false;
      off = (z === 45 ? -1 : 1) * (oh * 60 + om);
      j += 6;
    } else return false;
    zoned = true;
  }
  if (j !== end) return false;
  const fracMs = Math.floor(ns / 1e6);
  out.subNs = ns - fracMs * 1e6;
  out.ms = utcFields(y, mo - 1, d, hh, mi, ss, fracMs) - off * 60000;
  out.zoned = zoned;
  out.yearless = false;
  out.end = end - i;
  return Number.isFinite(out.ms);
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The JSON number at b[start..end) (already validated), or NaN when it is not
 * a plain decimal of at most 15 digits (exponents, long mantissas): the
 * caller then decodes it and uses Number(). Within 15 digits the digits form
 * an exact integer m and 10^k is exact, so m / 10^k is the correctly rounded
 * value, the same double Number() and JSON.parse give.
 */
export function decimalBytes(b: Uint8Array, start: number, end: number): number {
  let i = start;
  const neg = b[i] === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let scale = 0;
  for (; i < end; i++) {
    const c = b[i];
    if (c === 46) {
      scale = end - i - 1;
      continue;
    }
    if (!isDigit(c)) return NaN; // exponent
    m = m * 10 + (c - 48);
    digits++;
  }
  if (digits > 15) return NaN;
  const v = scale === 0 ? m : m / POW10[scale];
  return neg ? -v : v;
}
