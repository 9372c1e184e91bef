// What one JSON line holds, for the fast path (json-fast.ts): the scanner
// that walks the line's bytes once, validating it as JSON.parse would and
// recording where the values of the looked-for keys (json-lists.ts) are, and
// the readers that turn those byte ranges into strings and numbers only when
// the mapping asks. The scanner is synchronous, so one set of per-line
// scratch arrays serves every parser.

import { bytesHash, HAS_CHILDREN, lookupKey, NODES, TOP } from './json-keys.ts';
import { FALLBACK_MASK, NODE_LISTS, S_LOG } from './json-lists.ts';
import { keyEnd, scanState, stringEnd, stringInto, valueEnd, ws, type CopiedString } from './json-scan.ts';
import { decimalBytes } from './json-time.ts';
import { firstSlot, guessedKeyEnd, keyNode, nextSlot, rememberKey } from './json-key-order.ts';

export const T_ABSENT = 0;
export const T_STRING = 1;
export const T_NUMBER = 2;
export const T_TRUE = 3;
export const T_FALSE = 4;
export const T_NULL = 5;
/** Object or array: a present value that is neither text nor a number (firstOf still stops at it). */
export const T_OBJECT = 6;
export const T_ARRAY = 7;
export const vType = new Uint8Array(NODES);
export const vStart = new Int32Array(NODES);
export const vEnd = new Int32Array(NODES);
export const vEsc = new Uint8Array(NODES);
const touched = new Int32Array(NODES);
let nTouched = 0;
/** Bits of the key lists with a node present in the line (see NODE_LISTS). */
let listsSeen = 0;
/**
 * The record's `log` string, unescaped while the scan validates it (the line
 * a Docker envelope carries is read whole: json-fast.ts). Set by a scan of a
 * line, not by scanInner (which reads that line from these very bytes).
 */
export const logBytes: CopiedString = { bytes: new Uint8Array(4096), length: -1 };
/** S_LOG while scanning a line; while scanning the record inside an envelope, NO_NODE (lookupKey's -1 is "a key nothing looks for"). */
let copyNode = S_LOG;
const NO_NODE = -2;

/** Record node n's value. False for what the full path must decide: duplicate keys, wrapper keys. */
function setNode(n: number, type: number, vs: number, ve: number, esc: number): boolean {
  if (vType[n] !== T_ABSENT || FALLBACK_MASK[n]) return false;
  vType[n] = type;
  vStart[n] = vs;
  vEnd[n] = ve;
  vEsc[n] = esc;
  touched[nTouched++] = n;
  listsSeen |= NODE_LISTS[n];
  return true;
}

/**
 * Scan the object whose "{" is at b[i] with its keys looked up under node
 * `parent` (TOP for the record); returns the index after its "}", or -1 when
 * the line is invalid or must take the full path. Objects under a node that
 * has children are scanned the same way; other values are only validated.
 */
function scanObject(b: Uint8Array, i: number, parent: number, depth: number): number {
  let c = b[++i];
  if (c === 32) c = b[(i = ws(b, i))];
  if (c === 125) return i + 1;
  // Keys come in the order the line before had them (json-key-order.ts): a confirmed guess skips the lookup.
  let slot = firstSlot(parent, copyNode === NO_NODE);
  for (;;) {
    if (c !== 34) return -1;
    let ke = guessedKeyEnd(b, i + 1, slot);
    let n: number;
    if (ke >= 0) n = keyNode[slot];
    else {
      ke = keyEnd(b, i + 1);
      if (ke < 0) return -1;
      n = lookupKey(b, i + 1, ke, parent);
      rememberKey(b, i + 1, ke, slot, n);
    }
    slot = nextSlot(slot);
    i = ke + 1;
    c = b[i];
    if (c === 32) c = b[(i = ws(b, i))];
    if (c !== 58) return -1;
    c = b[++i];
    if (c === 32) c = b[(i = ws(b, i))];
    let type: number;
    let vs = i;
    let ve: number;
    let esc = 0;
    if (c === 34) {
      ve = n === copyNode ? stringInto(b, i + 1, logBytes) : stringEnd(b, i + 1);
      if (ve < 0) return -1;
      esc = scanState.escaped ? 1 : 0;
      vs = i + 1;
      i = ve + 1;
      type = T_STRING;
    } else {
      ve = c === 123 && n >= 0 && HAS_CHILDREN[n] && depth < 8 ? scanObject(b, i, n, depth + 1) : valueEnd(b, i, depth + 1);
      if (ve < 0) return -1;
      i = ve;
      type = c === 123 ? T_OBJECT : c === 91 ? T_ARRAY : c === 116 ? T_TRUE : c === 102 ? T_FALSE : c === 110 ? T_NULL : T_NUMBER;
    }
    if (n >= 0 && !setNode(n, type, vs, ve, esc)) return -1;
    c = b[i];
    if (c === 32) c = b[(i = ws(b, i))];
    if (c === 125) return i + 1;
    if (c !== 44) return -1;
    c = b[++i];
    if (c === 32) c = b[(i = ws(b, i))];
  }
}

/** Scan the line b[start..end) (b[start] is "{") into the nodes; false means "take the full path". */
export function scan(b: Uint8Array, start: number, end: number): boolean {
  const i = scanFrom(b, start);
  return i >= 0 && (i === end || ws(b, i) === end);
}

/** scan for the record inside an envelope, b being logBytes.bytes: its own `log` is not copied over it. */
export function scanInner(b: Uint8Array, start: number, end: number): boolean {
  copyNode = NO_NODE;
  try {
    return scan(b, start, end);
  } finally {
    copyNode = S_LOG;
  }
}

/**
 * Scan the object at b[start] without knowing where its line ends; returns
 * the index just past its "}" and any spaces after it, or -1. The scan never
 * runs past the line: a newline is neither JSON whitespace here nor allowed
 * in a string, so a line that is not one object fails at its end at the latest.
 */
export function scanFrom(b: Uint8Array, start: number): number {
  for (let k = 0; k < nTouched; k++) vType[touched[k]] = T_ABSENT;
  nTouched = 0;
  listsSeen = 0;
  scanState.anyHigh = false;
  const i = scanObject(b, start, TOP, 1);
  return i < 0 ? -1 : ws(b, i);
}

export type Scalar = string | number | boolean | null;

/** Replacement characters stand in for invalid bytes, as the text path's decoder does. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
export const decode = (b: Uint8Array, start: number, end: number) => decoder.decode(b.subarray(start, end));

/** Up to this many bytes, a line without bytes >= 0x80 gives its text byte for byte (longer: one TextDecoder call pays). */
const SHORT_ASCII = 128;

/** ASCII bytes b[start..end) as text, a byte per character (no decoder call). */
function asciiText(b: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
}

/** b[start..end) as text: bytes as characters when the scanned line is ASCII and the value short, else decoded. */
function lineText(b: Uint8Array, start: number, end: number): string {
  return scanState.anyHigh || end - start > SHORT_ASCII ? decode(b, start, end) : asciiText(b, start, end);
}

export function value(b: Uint8Array, s: number): Scalar {
  switch (vType[s]) {
    case T_STRING:
      return text(b, s);
    case T_NUMBER:
      return numberValue(b, vStart[s], vEnd[s]);
    case T_TRUE:
      return true;
    case T_FALSE:
      return false;
    default:
      return null; // null, and objects: no time, level, status or logger comes from them
  }
}

// Recently seen short strings, by a hash of a few of their bytes and then
// byte for byte: structured logs repeat the same `msg`, level and logger
// values millions of times, and handing back the same string object spares a
// decode per line and lets every memo downstream (classifier, templater,
// logger interning) find it by identity with its hash already computed. A
// collision simply replaces the entry. Each entry keeps its bytes in ARENA.
// A value is kept from its second sighting on, told by a hash of all its
// bytes in SEEN (the lookup hash samples a few bytes, and one-off values of
// one shape, "order 7731 shipped", share it), so one-off values neither
// evict repeated ones nor cost a copy into the arena.
const INTERN_SIZE = 4096;
const INTERN_MAX = 256;
const internStr: string[] = new Array<string>(INTERN_SIZE).fill('');
const internHash = new Int32Array(INTERN_SIZE);
const internLen = new Int32Array(INTERN_SIZE);
const ARENA = new Uint8Array(INTERN_SIZE * INTERN_MAX);
const SEEN_SIZE = 1 << 13;
const SEEN = new Int32Array(SEEN_SIZE);

/**
 * A hash of all of b[start..end), never 0 (SEEN's "empty"): FNV-1a over the
 * even and the odd bytes as two lanes, mixed at the end. Every one-off value
 * pays this pass; one lane waits for each multiply before the next byte, two
 * run side by side (about a third less time a message). A collision only
 * admits a value a sighting early.
 */
function fullHash(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  let g = 0x050c5d1f;
  let i = start;
  for (; i + 1 < end; i += 2) {
    h = Math.imul(h ^ b[i], 0x01000193);
    g = Math.imul(g ^ b[i + 1], 0x01000193);
  }
  if (i < end) h = Math.imul(h ^ b[i], 0x01000193);
  return (h ^ Math.imul(g ^ (g >>> 15), 0x2c1b3c6d)) | 1;
}

/**
 * Strings handed out so far as slices of a decoded window (see shareChunk):
 * a caller that keeps a string compares this count before and after reading
 * it, and keeps a copy when it moved.
 */
export let slicesOut = 0;

/**
 * The string value of slot s, decoded as JSON.parse would decode it, and
 * shared with earlier equal values when short. A value seen once may be a
 * slice of a decoded window of the chunk (slicesOut tells): callers that keep
 * it keep a copy (detachString), so no kept string pins a window.
 */
export function text(b: Uint8Array, s: number): string {
  const start = vStart[s];
  const end = vEnd[s];
  if (vEsc[s]) return JSON.parse(decode(b, start - 1, end + 1)) as string;
  const len = end - start;
  if (len === 0) return '';
  if (len > INTERN_MAX) return fresh(b, start, end);
  let h = bytesHash(b, start, len);
  h = (Math.imul(h, 31) + b[start + (len >> 2)]) | 0;
  h = (Math.imul(h, 31) + b[start + ((3 * len) >> 2)]) | 0;
  const idx = (h ^ (h >>> 12)) & (INTERN_SIZE - 1);
  const at = idx * INTERN_MAX;
  if (internHash[idx] === h && internLen[idx] === len) {
    let k = 0;
    while (k < len && ARENA[at + k] === b[start + k]) k++;
    if (k === len) return internStr[idx];
  }
  const full = fullHash(b, start, end);
  const seen = (full ^ (full >>> 13)) & (SEEN_SIZE - 1);
  if (SEEN[seen] !== full) {
    SEEN[seen] = full;
    return fresh(b, start, end);
  }
  const v = lineText(b, start, end);
  internStr[idx] = v;
  internHash[idx] = h;
  internLen[idx] = len;
  ARENA.set(b.subarray(start, end), at);
  return v;
}

// ---- Decode once. A TextDecoder call per value costs far more than its
// bytes (~340 ns in Chromium, less in Node but still most of a one-off
// value's cost), so when values that must be decoded come thick (one-off
// messages, request paths), a window of the chunk is decoded in one call and
// each value is sliced out of it. Only while the chunk's bytes cannot change
// (shareChunk) and only for lines without bytes >= 0x80, where a byte is a
// character and offsets line up; values far apart are made one by one, from
// their bytes when short (lineText).

/** Bytes decoded at once: a few hundred lines. */
const WINDOW = 1 << 16;
/** Decodes closer than this (bytes) say values come thick enough for a window to pay. */
const DENSE_GAP = 512;
const NON_ASCII = /[^\x00-\x7f]/;
let shared: Uint8Array | null = null;
/** The window: winText holds shared[winStart..winEnd) one character per byte. */
let winStart = 0;
let winEnd = 0;
let winText = '';
let lastDecodeAt = -WINDOW;

/**
 * `b`'s bytes will not change until the next call (null: no chunk), so
 * values of lines in `b` may be sliced from one decoded window of it.
 */
export function shareChunk(b: Uint8Array | null): void {
  shared = b;
  winStart = winEnd = 0;
  winText = '';
  lastDecodeAt = -WINDOW;
}

/** b[start..end) decoded: from the shared chunk's window when it can be, else on its own. */
function fresh(b: Uint8Array, start: number, end: number): string {
  if (b !== shared || scanState.anyHigh) return lineText(b, start, end);
  if (start >= winStart && end <= winEnd) {
    slicesOut++;
    return winText.slice(start - winStart, end - winStart);
  }
  const dense = start - lastDecodeAt < DENSE_GAP && start > lastDecodeAt;
  lastDecodeAt = start;
  if (!dense) return lineText(b, start, end);
  const stop = Math.min(b.length, start + WINDOW);
  const t = decoder.decode(b.subarray(start, stop));
  winStart = start;
  winText = t;
  // A character of two or more bytes (or an invalid byte) ends the stretch where offsets line up.
  winEnd = t.length === stop - start ? stop : start + (NON_ASCII.exec(t)?.index ?? 0);
  if (end > winEnd) return lineText(b, start, end);
  slicesOut++;
  return t.slice(0, end - start);
}

/**
 * A JSON number (already validated): plain decimals from the bytes, the rest
 * (more than 15 digits, as in zap's `1714521600.1234567`, or an exponent) as
 * JSON.parse reads them. A number is ASCII by the grammar, so its text is
 * made from the bytes as they are: a TextDecoder call per number cost twice
 * as much in Chromium.
 */
export function numberValue(b: Uint8Array, start: number, end: number): number {
  const v = decimalBytes(b, start, end);
  return v === v ? v : Number(asciiText(b, start, end));
}

/**
 * The node json-record's firstOf would take from a key list (flattened, see
 * keyList): for each key, the first of its paths present (pick), taken
 * unless null or "". -1 when none.
 */
export function firstOf(list: Int32Array, bit: number): number {
  if ((listsSeen & bit) === 0) return -1;
  for (let k = 0; k < list.length; k += 1 + list[k]) {
    for (let j = k + 1, end = k + 1 + list[k]; j < end; j++) {
      const n = list[j];
      const t = vType[n];
      if (t === T_ABSENT) continue;
      if (t !== T_NULL && !(t === T_STRING && vEnd[n] === vStart[n])) return n;
      break; // this key's value is null or "": the next key
    }
  }
  return -1;
}

/** Paths per key a rank can tell apart (keyPaths gives at most 3 for the lists' dotted keys). */
const RANK_PATHS = 16;
const NO_RANK = 0xffff;

/** Each node's place in a key list's pick order (key * RANK_PATHS + path), for firstOfRanked. */
export function rankOf(list: Int32Array): Uint16Array {
  const rank = new Uint16Array(NODES).fill(NO_RANK);
  for (let k = 0, key = 0; k < list.length; k += 1 + list[k], key++) {
    if (list[k] > RANK_PATHS) throw new Error('json-values: a key with too many paths to rank');
    for (let j = 0; j < list[k]; j++) {
      const n = list[k + 1 + j];
      rank[n] = Math.min(rank[n], key * RANK_PATHS + j);
    }
  }
  return rank;
}

/**
 * firstOf for a list whose key is often far down it (loggers: "component" is
 * the seventh), from the few nodes the line holds instead of every key
 * before it: the present node first in pick order is the answer unless its
 * value is null or "" (then firstOf walks the list, which skips that key).
 */
export function firstOfRanked(list: Int32Array, rank: Uint16Array, bit: number): number {
  if ((listsSeen & bit) === 0) return -1;
  let best = -1;
  let bestRank = NO_RANK;
  for (let k = 0; k < nTouched; k++) {
    const n = touched[k];
    const r = rank[n];
    if (r < bestRank) {
      bestRank = r;
      best = n;
    }
  }
  if (best < 0) return -1;
  const t = vType[best];
  return t !== T_NULL && !(t === T_STRING && vEnd[best] === vStart[best]) ? best : firstOf(list, bit);
}

export const present = (s: number) => vType[s] !== T_ABSENT;

/** Does the line hold a node of any list in `bits` (see NODE_LISTS)? */
export function seen(bits: number): boolean {
  return (listsSeen & bits) !== 0;
}
