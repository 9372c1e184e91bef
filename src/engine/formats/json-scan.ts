// A validating JSON scanner over the UTF-8 bytes of one line, without
// building values: it finds where strings, numbers and nested values end and
// rejects anything JSON.parse would reject. The JSON-lines fast path
// (json-fast.ts) uses it to pick out a few top-level values; it lives apart
// because it is plain JSON grammar (https://www.rfc-editor.org/rfc/rfc8259)
// with no log knowledge.
//
// Bytes, not a decoded string: a typed-array load costs about half of a
// charCodeAt, and JSON's structure is all ASCII, so UTF-8 needs no decoding to
// be scanned (bytes of a multi-byte character are all >= 0x80 and never look
// like a quote, a backslash or a control character).
//
// The sentinel rule: the byte at a line's `end` must be one no JSON value can
// continue with (the splitter leaves the line's '\n' or '\r' there, or the
// buffer ends). Every loop here stops at a byte below 0x20 or at a byte it
// does not expect, so none needs its own bound check.

const MAX_DEPTH = 64;

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Set by stringEnd (the scanner is synchronous, so one is enough):
 * `escaped`: the string held a backslash escape; `high`: it held bytes >= 0x80;
 * `anyHigh`: some string or key since the caller last cleared it did.
 */
export const scanState = { escaped: false, high: false, anyHigh: false };

/**
 * Index of the closing quote of the string whose contents start at i, -1 if
 * invalid (a raw control character, a bad escape, no closing quote).
 */
export function stringEnd(b: Uint8Array, i: number): number {
  let high = 0;
  for (;;) {
    const c = b[i];
    if (c === 34) {
      scanState.escaped = false;
      scanState.high = high >= 128;
      if (high >= 128) scanState.anyHigh = true;
      return i;
    }
    if (c === 92 || !(c >= 32)) return c === 92 ? escapedEnd(b, i, high) : -1;
    high |= c;
    i++;
  }
}

function escapedEnd(b: Uint8Array, j: number, high: number): number {
  scanState.escaped = true;
  for (;;) {
    const c = b[j];
    if (c === 34) {
      scanState.high = high >= 128;
      if (high >= 128) scanState.anyHigh = true;
      return j;
    }
    if (!(c >= 32)) return -1;
    high |= c;
    if (c === 92) {
      const e = b[++j];
      if (e === 117) { // \uXXXX
        if (!(isHex(b[j + 1]) && isHex(b[j + 2]) && isHex(b[j + 3]) && isHex(b[j + 4]))) return -1;
        j += 4;
      } else if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return -1;
    }
    j++;
  }
}

/** Like stringEnd for a key; -1 for invalid or escaped keys (the full path handles those). */
export function keyEnd(b: Uint8Array, i: number): number {
  for (;;) {
    const c = b[i];
    if (c === 34) return i;
    if (c === 92 || !(c >= 32)) return -1;
    if (c >= 128) scanState.anyHigh = true;
    i++;
  }
}

/** End (exclusive) of a JSON number starting at i, -1 if invalid. */
function numberEnd(b: Uint8Array, i: number): number {
  let c = b[i];
  if (c === 45) c = b[++i];
  if (c === 48) c = b[++i];
  else if (c >= 49 && c <= 57) {
    do c = b[++i];
    while (isDigit(c));
  } else return -1;
  if (c === 46) {
    c = b[++i];
    if (!isDigit(c)) return -1;
    do c = b[++i];
    while (isDigit(c));
  }
  if (c === 101 || c === 69) {
    c = b[++i];
    if (c === 43 || c === 45) c = b[++i];
    if (!isDigit(c)) return -1;
    do c = b[++i];
    while (isDigit(c));
  }
  return i;
}

/** Past the spaces at i. (Tabs and CRs are JSON whitespace too; lines holding them take the full path.) */
export function ws(b: Uint8Array, i: number): number {
  while (b[i] === 32) i++;
  return i;
}

/** End (exclusive) of any JSON value starting at i (validated), -1 if invalid. */
export function valueEnd(b: Uint8Array, i: number, depth: number): number {
  const c = b[i];
  if (c === 34) {
    const e = stringEnd(b, i + 1);
    return e < 0 ? -1 : e + 1;
  }
  if (c === 123 || c === 91) {
    if (depth >= MAX_DEPTH) return -1;
    const close = c === 123 ? 125 : 93;
    i = ws(b, i + 1);
    if (b[i] === close) return i + 1;
    for (;;) {
      if (c === 123) {
        if (b[i] !== 34) return -1;
        const k = stringEnd(b, i + 1);
        if (k < 0) return -1;
        i = ws(b, k + 1);
        if (b[i] !== 58) return -1;
        i = ws(b, i + 1);
      }
      i = valueEnd(b, i, depth + 1);
      if (i < 0) return -1;
      i = ws(b, i);
      const d = b[i];
      if (d === close) return i + 1;
      if (d !== 44) return -1;
      i = ws(b, i + 1);
    }
  }
  if (c === 45 || isDigit(c)) return numberEnd(b, i);
  if (c === 116) return b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101 ? i + 4 : -1; // true
  if (c === 102) return b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101 ? i + 5 : -1; // false
  if (c === 110) return b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108 ? i + 4 : -1; // null
  return -1;
}
