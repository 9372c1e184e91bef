// The JSON-lines fast path (issue 6): reads time, level, message, logger and
// the classifying fields straight out of the line text, without building the
// record object. `JSON.parse` allocates every key and value of every line;
// this scanner validates the whole line (so invalid JSON is never accepted)
// but only materialises the few top-level values the mapping needs.
//
// It must give exactly what `mapJsonRecord(JSON.parse(line))` gives. Anything
// it does not handle the same way returns FAST_FALLBACK and the caller takes
// the full path: escaped keys, duplicate keys, objects under dotted keys
// (`error.message`, `err.message`, `log.level`), wrappers (Docker `log`, Loki
// `line`, GCP payloads, tracing `fields`, `httpRequest`), journald, records
// without a known time key or without a message, Serilog templates without
// `@m`, control characters, deep nesting. The key lists are json-record.ts's
// own; test/perf/json-fast.test.ts compares both paths over generated,
// corpus and fuzzed lines using every key json-record.ts names.

import { levelFromHttpStatus, levelFromNumber, levelFromWord } from '../model/levels.ts';
import { parseTimeValue } from '../model/time.ts';
import { EXTRA_KEYS, LEVEL_KEYS, LOGGER_KEYS, MESSAGE_KEYS, STATUS_KEYS, TIME_KEYS } from './json-record.ts';
import { INNER_OBJECT, INNER_TEXT, MAX_SUBJECT, MAX_SUBJECT_LINE, SUBJECT_KEYS } from '../classify/subject.ts';
import { keyEnd, scanState, stringEnd, valueEnd, ws } from './json-scan.ts';
import { decimalBytes, rfc3339Bytes } from './json-time.ts';
import { DECODE_LINE, LineType, type LineTypeCode, type ParseEnv, type RecordOut } from './types.ts';

/** Returned when the line needs the full JSON.parse path. */
export const FAST_FALLBACK = DECODE_LINE;

/** Present at all (any value): the full path decides (payload wrappers, journald, GCP audit). */
const FALLBACK_KEYS = ['fields', 'jsonPayload', 'httpRequest', 'textPayload', 'protoPayload', 'insertId', 'logName', '__REALTIME_TIMESTAMP', 'PRIORITY'];
/** Looked at for envelopes, Serilog templates and pino's logger name. */
const OTHER_KEYS = ['@mt', 'stream', 'line', 'labels', 'pid', 'hostname', 'levelname', 'name'];
/** Parents of dotted keys ("log.level" -> "log"): an object there is looked into, so the full path decides. */
const DOTTED_PARENTS = [...TIME_KEYS, ...LEVEL_KEYS, ...MESSAGE_KEYS, ...LOGGER_KEYS, ...EXTRA_KEYS, ...STATUS_KEYS]
  .filter((k) => k.includes('.'))
  .map((k) => k.slice(0, k.indexOf('.')));

// ---- key table: every relevant key gets a slot; lookups hash without allocating

const KEY_NAMES: string[] = [];
const slotOf = new Map<string, number>();
function slot(name: string): number {
  let s = slotOf.get(name);
  if (s === undefined) {
    s = KEY_NAMES.length;
    KEY_NAMES.push(name);
    slotOf.set(name, s);
  }
  return s;
}
const slots = (keys: readonly string[]) => Int32Array.from(keys, slot);
const TIME = slots(TIME_KEYS);
const LEVEL = slots(LEVEL_KEYS);
const MESSAGE = slots(MESSAGE_KEYS);
const LOGGER = slots(LOGGER_KEYS);
const EXTRA = slots(EXTRA_KEYS);
const STATUS = slots(STATUS_KEYS);
const FALLBACK = slots(FALLBACK_KEYS);
const [S_MT, S_STREAM, S_LINE, S_LABELS, S_PID, S_HOSTNAME, S_LEVELNAME, S_NAME] = slots(OTHER_KEYS);
const PARENTS = slots(DOTTED_PARENTS);
const SUBJECT = slots(SUBJECT_KEYS);
const SUBJECT_INNER_TEXT = slots(INNER_TEXT);
const SUBJECT_INNER_OBJECT = slots(INNER_OBJECT);
const S_MSG = slot('msg');
const S_MESSAGE = slot('message');
const S_M = slot('@m');
const S_LOG = slot('log');
const S_TIME = slot('time');
const S_TIMESTAMP = slot('timestamp');
const NSLOTS = KEY_NAMES.length;
const FALLBACK_MASK = new Uint8Array(NSLOTS);
for (const s of FALLBACK) FALLBACK_MASK[s] = 1;
const PARENT_MASK = new Uint8Array(NSLOTS);
for (const s of PARENTS) PARENT_MASK[s] = 1;

// Open-addressing table keyed by a cheap hash of a key's length and three of
// its bytes; a hit is confirmed byte by byte, so collisions cost time, never correctness.
const TABLE = 1024;
const tSlot = new Int32Array(TABLE).fill(-1);
const tHash = new Int32Array(TABLE);
/** The key names' bytes (all ASCII), at KEY_AT[slot]. */
const KEY_BYTES = new TextEncoder().encode(KEY_NAMES.join(''));
const KEY_AT = new Int32Array(NSLOTS + 1);
for (let s = 0; s < NSLOTS; s++) KEY_AT[s + 1] = KEY_AT[s] + KEY_NAMES[s].length;
function sampleHash(b: Uint8Array, start: number, len: number): number {
  let h = (len * 31 + b[start]) | 0;
  h = (Math.imul(h, 31) + b[start + (len >> 1)]) | 0;
  return (Math.imul(h, 31) + b[start + len - 1]) | 0;
}
for (let s = 0; s < NSLOTS; s++) {
  const h = sampleHash(KEY_BYTES, KEY_AT[s], KEY_NAMES[s].length);
  let idx = h & (TABLE - 1);
  while (tSlot[idx] >= 0) idx = (idx + 1) & (TABLE - 1);
  tSlot[idx] = s;
  tHash[idx] = h;
}

function lookupKey(b: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len === 0) return -1;
  const h = sampleHash(b, start, len);
  for (let idx = h & (TABLE - 1); tSlot[idx] >= 0; idx = (idx + 1) & (TABLE - 1)) {
    if (tHash[idx] !== h) continue;
    const s = tSlot[idx];
    const at = KEY_AT[s];
    if (KEY_AT[s + 1] - at !== len) continue;
    let k = 0;
    while (k < len && KEY_BYTES[at + k] === b[start + k]) k++;
    if (k === len) return s;
  }
  return -1;
}

// ---- roles: which key lists a slot is in, and its rank there (json-record's firstOf order)

const R_TIME = 0;
const R_LEVEL = 1;
const R_MESSAGE = 2;
const R_LOGGER = 3;
const R_STATUS = 4;
const ROLES = 5;
const ROLE_LISTS = [TIME, LEVEL, MESSAGE, LOGGER, STATUS];
const NO_RANK = 0x7fff;
/** rankIn[role * NSLOTS + slot]: the slot's position in that role's list, NO_RANK when absent. */
const rankIn = new Int16Array(ROLES * NSLOTS).fill(NO_RANK);
ROLE_LISTS.forEach((list, r) => list.forEach((s, k) => {
  if (rankIn[r * NSLOTS + s] === NO_RANK) rankIn[r * NSLOTS + s] = k;
}));
const hasRole = new Uint8Array(NSLOTS);
for (let i = 0; i < rankIn.length; i++) if (rankIn[i] !== NO_RANK) hasRole[i % NSLOTS] = 1;
/** Bit k set: EXTRA[k] is present (json-record concatenates every one, in list order). */
const extraBit = new Int32Array(NSLOTS);
EXTRA.forEach((s, k) => {
  if (k < 31 && extraBit[s] === 0) extraBit[s] = 1 << k;
});
if (EXTRA.length > 31) throw new Error('json-fast: more than 31 extra keys');

// ---- per-line scratch (the scanner is synchronous, so one set is enough)

const T_ABSENT = 0;
const T_STRING = 1;
const T_NUMBER = 2;
const T_TRUE = 3;
const T_FALSE = 4;
const T_NULL = 5;
/** Object or array: a present value that is neither text nor a number (firstOf still stops at it). */
const T_OBJECT = 6;
const vType = new Uint8Array(NSLOTS);
const vStart = new Int32Array(NSLOTS);
const vEnd = new Int32Array(NSLOTS);
const vEsc = new Uint8Array(NSLOTS);
const touched = new Int32Array(NSLOTS);
let nTouched = 0;
/** Per role, the best rank of a slot holding a value firstOf would take (not null, not ""). */
const best = new Int16Array(ROLES);
/** EXTRA slots present with a value that is not null and not an object. */
let extraMask = 0;

/** Record slot s's value. False for what the full path must decide: duplicates, wrapper keys, objects under dotted keys. */
function setSlot(s: number, type: number, vs: number, ve: number, esc: number): boolean {
  if (vType[s] !== T_ABSENT || FALLBACK_MASK[s] || (type === T_OBJECT && PARENT_MASK[s])) return false;
  vType[s] = type;
  vStart[s] = vs;
  vEnd[s] = ve;
  vEsc[s] = esc;
  touched[nTouched++] = s;
  if (type === T_NULL) return true;
  if (type !== T_OBJECT) extraMask |= extraBit[s];
  if (hasRole[s] && !(type === T_STRING && ve === vs)) {
    for (let r = 0; r < ROLES; r++) {
      const k = rankIn[r * NSLOTS + s];
      if (k < best[r]) best[r] = k;
    }
  }
  return true;
}

/** Scan the line b[start..end) (b[start] is "{") into the slots; false means "take the full path". */
function scan(b: Uint8Array, start: number, end: number): boolean {
  for (let k = 0; k < nTouched; k++) vType[touched[k]] = T_ABSENT;
  nTouched = 0;
  for (let r = 0; r < ROLES; r++) best[r] = NO_RANK;
  extraMask = 0;
  scanState.anyHigh = false;
  let i = start + 1;
  let c = b[i];
  if (c === 32) c = b[(i = ws(b, i))];
  if (c === 125) i++;
  else
    for (;;) {
      if (c !== 34) return false;
      const ke = keyEnd(b, i + 1);
      if (ke < 0) return false;
      const s = lookupKey(b, i + 1, ke);
      i = ke + 1;
      c = b[i];
      if (c === 32) c = b[(i = ws(b, i))];
      if (c !== 58) return false;
      c = b[++i];
      if (c === 32) c = b[(i = ws(b, i))];
      let type: number;
      let vs = i;
      let ve: number;
      let esc = 0;
      if (c === 34) {
        ve = stringEnd(b, i + 1);
        if (ve < 0) return false;
        esc = scanState.escaped ? 1 : 0;
        vs = i + 1;
        i = ve + 1;
        type = T_STRING;
      } else {
        ve = valueEnd(b, i, 1);
        if (ve < 0) return false;
        i = ve;
        type = c === 123 || c === 91 ? T_OBJECT : c === 116 ? T_TRUE : c === 102 ? T_FALSE : c === 110 ? T_NULL : T_NUMBER;
      }
      if (s >= 0 && !setSlot(s, type, vs, ve, esc)) return false;
      c = b[i];
      if (c === 32) c = b[(i = ws(b, i))];
      if (c === 125) {
        i++;
        break;
      }
      if (c !== 44) return false;
      c = b[++i];
      if (c === 32) c = b[(i = ws(b, i))];
    }
  return i === end || ws(b, i) === end;
}

// ---- mapping, mirroring mapJsonRecord for the records that get here

type Scalar = string | number | boolean | null;

/** Replacement characters stand in for invalid bytes, as the text path's decoder does. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const decode = (b: Uint8Array, start: number, end: number) => decoder.decode(b.subarray(start, end));

function value(b: Uint8Array, s: number): Scalar {
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
const INTERN_SIZE = 4096;
const INTERN_MAX = 256;
const internStr: string[] = new Array<string>(INTERN_SIZE).fill('');
const internHash = new Int32Array(INTERN_SIZE);
const internLen = new Int32Array(INTERN_SIZE);
const ARENA = new Uint8Array(INTERN_SIZE * INTERN_MAX);

/**
 * The string value of slot s, decoded as JSON.parse would decode it, and
 * shared with earlier equal values when short. Always a string of its own,
 * never a view that would keep the whole chunk alive.
 */
function text(b: Uint8Array, s: number): string {
  const start = vStart[s];
  const end = vEnd[s];
  if (vEsc[s]) return JSON.parse(decode(b, start - 1, end + 1)) as string;
  const len = end - start;
  if (len === 0) return '';
  if (len > INTERN_MAX) return decode(b, start, end);
  let h = sampleHash(b, start, len);
  h = (Math.imul(h, 31) + b[start + (len >> 2)]) | 0;
  h = (Math.imul(h, 31) + b[start + ((3 * len) >> 2)]) | 0;
  const idx = (h ^ (h >>> 12)) & (INTERN_SIZE - 1);
  const at = idx * INTERN_MAX;
  if (internHash[idx] === h && internLen[idx] === len) {
    let k = 0;
    while (k < len && ARENA[at + k] === b[start + k]) k++;
    if (k === len) return internStr[idx];
  }
  const v = decode(b, start, end);
  internStr[idx] = v;
  internHash[idx] = h;
  internLen[idx] = len;
  ARENA.set(b.subarray(start, end), at);
  return v;
}

/** A JSON number (already validated): plain decimals from the bytes, the rest as JSON.parse reads them. */
function numberValue(b: Uint8Array, start: number, end: number): number {
  const v = decimalBytes(b, start, end);
  return v === v ? v : Number(decode(b, start, end));
}

/** The slot json-record's firstOf would pick for a role (not null, not ""), or -1. */
function firstOf(role: number): number {
  const k = best[role];
  return k === NO_RANK ? -1 : ROLE_LISTS[role][k];
}

const present = (s: number) => vType[s] !== T_ABSENT;
const str = (v: Scalar) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const DIGITS = /^\d+$/;
const STATUS3 = /^\d{3}$/;

const levelWords = new Map<string, number>();
function levelOf(v: Scalar): number {
  if (typeof v === 'number') return levelFromNumber(v);
  if (typeof v !== 'string') return 0;
  let l = levelWords.get(v);
  if (l === undefined) {
    l = DIGITS.test(v) ? levelFromNumber(+v) : levelFromWord(v);
    if (levelWords.size < 512) levelWords.set(v, l);
  }
  return l;
}

/** The time in slot ts, as parseTimeValue reads the value; RFC 3339 strings and numbers without decoding. */
function timeOf(b: Uint8Array, ts: number, env: ParseEnv): boolean {
  if (vType[ts] === T_STRING && !vEsc[ts] && rfc3339Bytes(b, vStart[ts], vEnd[ts], env.time)) return true;
  return parseTimeValue(value(b, ts), env.time);
}

/** An HTTP status from slot ss: a number, or a string of exactly three digits. */
function statusOf(b: Uint8Array, ss: number): number {
  if (vType[ss] === T_NUMBER) return numberValue(b, vStart[ss], vEnd[ss]);
  if (vType[ss] !== T_STRING) return 0;
  if (vEsc[ss]) {
    const t = text(b, ss);
    return STATUS3.test(t) ? +t : 0;
  }
  const i = vStart[ss];
  if (vEnd[ss] - i !== 3) return 0;
  const x = b[i] - 48;
  const y = b[i + 1] - 48;
  const z = b[i + 2] - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 && z >= 0 && z <= 9 ? x * 100 + y * 10 + z : 0;
}

const CLOUDWATCH = new TextEncoder().encode('{"messageType"');
const OTLP = new TextEncoder().encode('{"resourceLogs"');
function startsWithBytes(b: Uint8Array, start: number, end: number, p: Uint8Array): boolean {
  if (end - start < p.length) return false;
  for (let k = 0; k < p.length; k++) if (b[start + k] !== p[k]) return false;
  return true;
}

/**
 * Fill `out` from the JSON-lines line b[start..end) (its UTF-8 bytes; see
 * json-scan.ts for the sentinel rule at b[end]). Returns LineType.record, or
 * FAST_FALLBACK when the line must be decoded and read by the full path: not
 * an object, CloudWatch / OTLP payloads, anything the full parse would read
 * differently, and lines holding invalid UTF-8 (the text path counts those).
 */
export function parseJsonBytes(b: Uint8Array, start: number, end: number, out: RecordOut, env: ParseEnv): LineTypeCode | typeof FAST_FALLBACK {
  if (b[start] !== 123) return FAST_FALLBACK;
  // Payloads with several records in them: the full path hands each out.
  if (b[start + 2] === 109 || b[start + 2] === 114) {
    if (startsWithBytes(b, start, end, CLOUDWATCH) || startsWithBytes(b, start, end, OTLP)) return FAST_FALLBACK;
  }
  if (!scan(b, start, end)) return FAST_FALLBACK;
  if (scanState.anyHigh && decode(b, start, end).includes('\uFFFD')) return FAST_FALLBACK;
  lastLine = b;
  lastLineBytes = end - start;
  return mapSlots(b, out, env);
}

/** A lone surrogate cannot be written as UTF-8: such strings take the full path. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
let scratch = new Uint8Array(4096);

/**
 * parseJsonBytes for a line already decoded (a line that starts with "{"):
 * the text path, tests and formats that embed JSON lines. Encodes the line
 * into a scratch buffer with a newline after it (the sentinel).
 */
export function parseJsonFast(line: string, out: RecordOut, env: ParseEnv): LineTypeCode | typeof FAST_FALLBACK {
  if (line.charCodeAt(0) !== 123 || LONE_SURROGATE.test(line)) return FAST_FALLBACK;
  if (scratch.length < line.length * 3 + 1) scratch = new Uint8Array(line.length * 3 + 1024);
  const n = encoder.encodeInto(line, scratch).written;
  scratch[n] = 10;
  if (!scan(scratch, 0, n)) return FAST_FALLBACK;
  lastLine = scratch;
  lastLineBytes = n;
  return mapSlots(scratch, out, env);
}
const encoder = new TextEncoder();

/** The record from the scanned slots, exactly as mapJsonRecord would map the parsed object. */
function mapSlots(b: Uint8Array, out: RecordOut, env: ParseEnv): LineTypeCode | typeof FAST_FALLBACK {
  // Envelopes (Docker json-file, Loki) carry another record inside.
  if (vType[S_LOG] === T_STRING && (present(S_STREAM) || present(S_TIME)) && !present(S_MSG) && !present(S_MESSAGE)) return FAST_FALLBACK;
  if (vType[S_LINE] === T_STRING && present(S_TIMESTAMP) && (present(S_LABELS) || !present(S_MSG))) return FAST_FALLBACK;

  const ms = firstOf(R_MESSAGE);
  if (ms < 0 || vType[ms] !== T_STRING) return FAST_FALLBACK; // templates, compact dumps, non-string messages
  const message = text(b, ms);
  if (message === 'handled request' || message === 'received request') return FAST_FALLBACK; // described from the request object

  // No known time key that parses: the full path guesses from time-like keys.
  const ts = firstOf(R_TIME);
  if (ts < 0 || !timeOf(b, ts, env)) return FAST_FALLBACK;
  out.tMs = env.time.ms;
  out.subNs = env.time.subNs;
  out.zoned = env.time.zoned;
  out.yearless = env.time.yearless;

  const ls = firstOf(R_LEVEL);
  let level = ls < 0 ? 0 : levelOf(value(b, ls));
  if (level === 0 && (present(S_MT) || present(S_M))) level = 3; // CLEF: absent @l means Information

  const ss = firstOf(R_STATUS);
  if (ss >= 0) {
    const status = statusOf(b, ss);
    if (status >= 100 && status < 600) {
      out.status = status;
      level = Math.max(level, levelFromHttpStatus(status)); // a 503 logged at "info" still reads as an error
    }
  }
  out.message = message;
  out.level = level;
  const lg = firstOf(R_LOGGER);
  let logger = lg < 0 ? '' : str(value(b, lg));
  // pino, bunyan and python-json-logger name their logger `name`, next to `pid`, `hostname` or `levelname`.
  if (!logger && (present(S_PID) || present(S_HOSTNAME) || present(S_LEVELNAME)) && vType[S_NAME] === T_STRING) logger = text(b, S_NAME);
  out.logger = logger;

  let extra = '';
  for (let bits = extraMask, k = 0; bits !== 0; bits >>>= 1, k++) {
    if ((bits & 1) === 0) continue;
    const s = EXTRA[k];
    const v = s === ms ? message : value(b, s);
    if (v !== message) extra += ' ' + str(v);
  }
  out.extra = extra === '' ? '' : extra.trim();
  return LineType.record;
}

/** The buffer and byte length of the line last read by parseJsonBytes (subjects are not read from very long lines). */
let lastLine: Uint8Array = new Uint8Array(1);
let lastLineBytes = 0;

/**
 * What lineSubject (classify/subject.ts) would say about the line
 * parseJsonBytes just accepted, read from the scanned values; null when the
 * slots cannot tell (arrays, envelopes, very long lines): then the caller
 * decodes the line and asks lineSubject. Operation and signal rows need it.
 */
export function lastLineSubject(): string | null {
  if (lastLineBytes > MAX_SUBJECT_LINE) return null;
  for (const s of SUBJECT) {
    switch (vType[s]) {
      case T_STRING: {
        const v = text(lastLine, s).trim();
        if (v) return v.slice(0, MAX_SUBJECT);
        break;
      }
      case T_NUMBER: {
        const n = numberValue(lastLine, vStart[s], vEnd[s]);
        if (Number.isFinite(n)) return String(n).slice(0, MAX_SUBJECT);
        break;
      }
      case T_OBJECT:
        return null; // an array of names is joined: the full parse decides
    }
  }
  for (const s of SUBJECT_INNER_OBJECT) if (vType[s] === T_OBJECT) return null;
  for (const s of SUBJECT_INNER_TEXT) if (vType[s] === T_STRING) return null;
  return '';
}
