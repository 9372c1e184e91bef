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

/** Unescaped bytes of a string read by stringInto: `length` of them in `bytes`, -1 when it held a lone surrogate escape (UTF-8 cannot hold it). */
export interface CopiedString {
  bytes: Uint8Array;
  length: number;
}

/**
 * stringEnd that also writes the string's bytes, unescaped as unescapeInto
 * would, into out.bytes (then a spare byte for a sentinel): one pass where
 * stringEnd and unescapeInto took two, for a value read whole (the line inside
 * a Docker envelope).
 */
export function stringInto(b: Uint8Array, i: number, out: CopiedString): number {
  if (out.bytes.length < b.length - i + 1) out.bytes = new Uint8Array(b.length - i + 1024);
  const dst = out.bytes;
  let o = 0;
  let high = 0;
  let escaped = false;
  let lone = false;
  /** A high surrogate escape waiting for its low half (the next escape, right after it). */
  let pending = -1;
  for (;;) {
    let c = b[i];
    if (c !== 34 && c !== 92 && c >= 32) {
      if (pending >= 0) {
        lone = true;
        pending = -1;
      }
      // A run of plain bytes, copied with one test per byte (the line in a Docker envelope is mostly such runs).
      do {
        high |= c;
        dst[o++] = c;
        c = b[++i];
      } while (c !== 34 && c !== 92 && c >= 32);
    }
    if (c === 34) break;
    if (!(c >= 32)) return -1;
    escaped = true;
    const e = b[i + 1];
    if (e !== 117) {
      const u = UNESCAPED[e];
      if (!(u > 0)) return -1; // not an escape JSON has (or past the buffer)
      if (pending >= 0) {
        lone = true;
        pending = -1;
      }
      dst[o++] = u;
      i += 2;
      continue;
    }
    if (!(isHex(b[i + 2]) && isHex(b[i + 3]) && isHex(b[i + 4]) && isHex(b[i + 5]))) return -1;
    let cp = (hexValue(b[i + 2]) << 12) | (hexValue(b[i + 3]) << 8) | (hexValue(b[i + 4]) << 4) | hexValue(b[i + 5]);
    i += 6;
    if (pending >= 0) {
      if (cp >= 0xdc00 && cp <= 0xdfff) {
        cp = 0x10000 + ((pending - 0xd800) << 10) + (cp - 0xdc00);
        pending = -1;
        o = utf8Into(cp, dst, o);
        continue;
      }
      lone = true;
      pending = -1;
    }
    if (cp >= 0xd800 && cp <= 0xdbff) pending = cp;
    else if (cp >= 0xdc00 && cp <= 0xdfff) lone = true;
    else o = utf8Into(cp, dst, o);
  }
  scanState.escaped = escaped;
  scanState.high = high >= 128;
  if (high >= 128) scanState.anyHigh = true;
  out.length = lone || pending >= 0 ? -1 : o;
  return i;
}

/** The byte a one-letter escape stands for, by the letter (\n \t \r \b \f \" \\ \/); 0 for no such escape. The line inside a Docker envelope has one every few bytes. */
const UNESCAPED = new Uint8Array(256);
for (const [letter, byte] of [['"', 34], ['\\', 92], ['/', 47], ['b', 8], ['f', 12], ['n', 10], ['r', 13], ['t', 9]] as const) UNESCAPED[letter.charCodeAt(0)] = byte;

/** Code point cp as UTF-8 at dst[o]; returns the index after it. */
function utf8Into(cp: number, dst: Uint8Array, o: number): number {
  if (cp < 0x80) dst[o++] = cp;
  else if (cp < 0x800) {
    dst[o++] = 0xc0 | (cp >> 6);
    dst[o++] = 0x80 | (cp & 63);
  } else if (cp < 0x10000) {
    dst[o++] = 0xe0 | (cp >> 12);
    dst[o++] = 0x80 | ((cp >> 6) & 63);
    dst[o++] = 0x80 | (cp & 63);
  } else {
    dst[o++] = 0xf0 | (cp >> 18);
    dst[o++] = 0x80 | ((cp >> 12) & 63);
    dst[o++] = 0x80 | ((cp >> 6) & 63);
    dst[o++] = 0x80 | (cp & 63);
  }
  return o;
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

const hexValue = (c: number) => (c <= 57 ? c - 48 : (c | 32) - 87);
