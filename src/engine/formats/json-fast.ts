// The JSON-lines fast path (issue 6): reads time, level, message, logger and
// the classifying fields straight out of the line's bytes, without building
// the record object. `JSON.parse` allocates every key and value of every
// line; this scanner validates the whole line (so invalid JSON is never
// accepted) but only materialises the few values the mapping needs, looking
// into nested objects only where the mapping does (`err.message`, ECS
// `log.level`, tracing's `fields.message`, Caddy's `request.method`; see
// json-keys.ts for how dotted keys are found).
//
// It must give exactly what `mapJsonRecord(JSON.parse(line))` gives. Anything
// it does not handle the same way returns FAST_FALLBACK and the caller takes
// the full path: escaped keys, duplicate keys, wrappers (Docker `log`, Loki
// `line`, GCP payloads, `httpRequest`), journald, records without a known
// time key or without a message, Serilog templates without `@m`, control
// characters, deep nesting. The key lists are json-record.ts's own;
// test/perf/json-fast.test.ts compares both paths over generated, corpus and
// fuzzed lines using every key json-record.ts names.

import { levelFromHttpStatus, levelFromNumber, levelFromWord } from '../model/levels.ts';
import { parseTimeValue } from '../model/time.ts';
import { EXTRA_KEYS, GCP_LOGGER_KEYS, LEVEL_KEYS, LOGGER_KEYS, MESSAGE_KEYS, REQUEST_METHOD_KEYS, REQUEST_PATH_KEYS, STATUS_KEYS, TIME_KEYS } from './json-record.ts';
import { INNER_OBJECT, INNER_TEXT, MAX_SUBJECT, MAX_SUBJECT_LINE, SUBJECT_KEYS } from '../classify/subject.ts';
import { bytesHash, HAS_CHILDREN, keyList, listNodes, lookupKey, node, NODES, seal, TOP, topNodes } from './json-keys.ts';
import { keyEnd, scanState, stringEnd, valueEnd, ws } from './json-scan.ts';
import { decimalBytes, rfc3339Bytes } from './json-time.ts';
import { DECODE_LINE, LineType, type LineTypeCode, type ParseEnv, type RecordOut } from './types.ts';

/** Returned when the line needs the full JSON.parse path. */
export const FAST_FALLBACK = DECODE_LINE;

// ---- the keys: every list json-record.ts reads, compiled to nodes (json-keys.ts)

/** Present at all (any value): the full path decides (payload wrappers, journald, GCP audit). */
const FALLBACK_KEYS = ['httpRequest', 'protoPayload', '__REALTIME_TIMESTAMP', 'PRIORITY'];
const TIME = keyList(TOP, TIME_KEYS);
const LEVEL = keyList(TOP, LEVEL_KEYS);
const MESSAGE = keyList(TOP, MESSAGE_KEYS);
const LOGGER = keyList(TOP, LOGGER_KEYS);
const EXTRA = keyList(TOP, EXTRA_KEYS);
const STATUS = keyList(TOP, STATUS_KEYS);
const FALLBACK = topNodes(FALLBACK_KEYS);
/** Looked at for envelopes, Serilog templates and pino's logger name. */
const [S_MT, S_STREAM, S_LINE, S_LABELS, S_PID, S_HOSTNAME, S_LEVELNAME, S_NAME, S_MSG, S_MESSAGE, S_M, S_LOG, S_TIME, S_TIMESTAMP, S_RESPONSE_FLAGS] =
  topNodes(['@mt', 'stream', 'line', 'labels', 'pid', 'hostname', 'levelname', 'name', 'msg', 'message', '@m', 'log', 'time', 'timestamp', 'response_flags']);
/** tracing-subscriber: `fields.message` is the message (its own key only, no dotted lookups). */
const S_FIELDS = node(TOP, 'fields');
const S_FIELDS_MESSAGE = node(S_FIELDS, 'message');
/** Caddy's "handled request": the message is described from `request` (or the record itself). */
const S_REQUEST = node(TOP, 'request');
const REQ_METHOD = keyList(S_REQUEST, REQUEST_METHOD_KEYS);
const REQ_PATH = keyList(S_REQUEST, REQUEST_PATH_KEYS);
const TOP_METHOD = keyList(TOP, REQUEST_METHOD_KEYS);
const TOP_PATH = keyList(TOP, REQUEST_PATH_KEYS);
/** GCP LogEntry: the record's own keys first, then the same lists inside `jsonPayload`; the logger from `resource`. */
const S_PAYLOAD = node(TOP, 'jsonPayload');
const P_TIME = keyList(S_PAYLOAD, TIME_KEYS);
const P_LEVEL = keyList(S_PAYLOAD, LEVEL_KEYS);
const P_MESSAGE = keyList(S_PAYLOAD, MESSAGE_KEYS);
const P_LOGGER = keyList(S_PAYLOAD, LOGGER_KEYS);
const P_EXTRA = keyList(S_PAYLOAD, EXTRA_KEYS);
const GCP_LOGGER = keyList(TOP, GCP_LOGGER_KEYS);
/** Any of these (or a jsonPayload object) makes the logger come from GCP_LOGGER when the record names none. */
const GCP_MARKS = topNodes(['textPayload', 'protoPayload', 'insertId', 'logName']);
const SUBJECT = topNodes(SUBJECT_KEYS);
const SUBJECT_INNER_TEXT = topNodes(INNER_TEXT);
const SUBJECT_INNER_OBJECT = topNodes(INNER_OBJECT);
/** Inside GCP's jsonPayload and tracing's `fields`: their subject keys, and the envelopes the full parse would look into further. */
const PAYLOAD_SUBJECT = Int32Array.from(SUBJECT_KEYS, (k) => node(S_PAYLOAD, k));
const PAYLOAD_INNER = Int32Array.from([...INNER_OBJECT, ...INNER_TEXT], (k) => node(S_PAYLOAD, k));
const FIELDS_SUBJECT = Int32Array.from(SUBJECT_KEYS, (k) => node(S_FIELDS, k));
const FIELDS_INNER = Int32Array.from([...INNER_OBJECT, ...INNER_TEXT], (k) => node(S_FIELDS, k));
seal();
const FALLBACK_MASK = new Uint8Array(NODES);
for (const n of FALLBACK) FALLBACK_MASK[n] = 1;
/**
 * Bit per key list: NODE_LISTS[n] has the bits of the lists node n is in, and
 * a line's `listsSeen` the bits of the lists with some node present, so the
 * mapping skips a list none of whose keys the line has (most lines hold no
 * status, error or request keys).
 */
const L_TIME = 1;
const L_LEVEL = 2;
const L_MESSAGE = 4;
const L_LOGGER = 8;
const L_EXTRA = 16;
const L_STATUS = 32;
const L_REQUEST = 64;
const L_SUBJECT = 128;
const L_PAYLOAD = 256;
const L_GCP = 512;
const NODE_LISTS = new Uint16Array(NODES);
const inList = (bit: number, nodes: ArrayLike<number>) => {
  for (let k = 0; k < nodes.length; k++) NODE_LISTS[nodes[k]] |= bit;
};
inList(L_TIME, listNodes(TIME));
inList(L_LEVEL, listNodes(LEVEL));
inList(L_MESSAGE, listNodes(MESSAGE));
inList(L_LOGGER, listNodes(LOGGER));
inList(L_EXTRA, listNodes(EXTRA));
inList(L_STATUS, listNodes(STATUS));
for (const l of [REQ_METHOD, REQ_PATH, TOP_METHOD, TOP_PATH]) inList(L_REQUEST, listNodes(l));
inList(L_SUBJECT, [...SUBJECT, ...SUBJECT_INNER_TEXT, ...SUBJECT_INNER_OBJECT, ...PAYLOAD_SUBJECT, ...PAYLOAD_INNER, ...FIELDS_SUBJECT, ...FIELDS_INNER]);
for (const l of [P_TIME, P_LEVEL, P_MESSAGE, P_LOGGER, P_EXTRA]) inList(L_PAYLOAD, listNodes(l));
inList(L_GCP, [...GCP_MARKS, ...listNodes(GCP_LOGGER)]);

// ---- per-line scratch (the scanner is synchronous, so one set is enough)

const T_ABSENT = 0;
const T_STRING = 1;
const T_NUMBER = 2;
const T_TRUE = 3;
const T_FALSE = 4;
const T_NULL = 5;
/** Object or array: a present value that is neither text nor a number (firstOf still stops at it). */
const T_OBJECT = 6;
const T_ARRAY = 7;
const vType = new Uint8Array(NODES);
const vStart = new Int32Array(NODES);
const vEnd = new Int32Array(NODES);
const vEsc = new Uint8Array(NODES);
const touched = new Int32Array(NODES);
let nTouched = 0;
/** Bits of the key lists with a node present in the line (see NODE_LISTS). */
let listsSeen = 0;

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
  for (;;) {
    if (c !== 34) return -1;
    const ke = keyEnd(b, i + 1);
    if (ke < 0) return -1;
    const n = lookupKey(b, i + 1, ke, parent);
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
      ve = stringEnd(b, i + 1);
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
function scan(b: Uint8Array, start: number, end: number): boolean {
  for (let k = 0; k < nTouched; k++) vType[touched[k]] = T_ABSENT;
  nTouched = 0;
  listsSeen = 0;
  scanState.anyHigh = false;
  const i = scanObject(b, start, TOP, 1);
  return i >= 0 && (i === end || ws(b, i) === end);
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

/**
 * The node json-record's firstOf would take from a key list (flattened, see
 * keyList): for each key, the first of its paths present (pick), taken
 * unless null or "". -1 when none.
 */
function firstOf(list: Int32Array, bit: number): number {
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

/**
 * The record from the scanned nodes, exactly as mapJsonRecord would map the
 * parsed object; `inner` when it is the record inside a Docker envelope.
 */
function mapSlots(b: Uint8Array, out: RecordOut, env: ParseEnv, inner = false): LineTypeCode | typeof FAST_FALLBACK {
  // Envelopes carry another record inside: Docker json-file here, Loki (and envelopes in envelopes) on the full path.
  if (vType[S_LOG] === T_STRING && (present(S_STREAM) || present(S_TIME)) && !present(S_MSG) && !present(S_MESSAGE)) return inner ? FAST_FALLBACK : dockerEnvelope(b, out, env);
  if (vType[S_LINE] === T_STRING && present(S_TIMESTAMP) && (present(S_LABELS) || !present(S_MSG))) return FAST_FALLBACK;

  // GCP LogEntry: a key the record lacks is looked for in jsonPayload.
  const payload = vType[S_PAYLOAD] === T_OBJECT;
  // tracing-subscriber's fields.message comes first; then the message keys.
  let ms = vType[S_FIELDS] === T_OBJECT && present(S_FIELDS_MESSAGE) ? S_FIELDS_MESSAGE : firstOf(MESSAGE, L_MESSAGE);
  if (ms < 0 && payload) ms = firstOf(P_MESSAGE, L_PAYLOAD);
  // Templates, compact dumps, non-string and empty messages: the full path builds them.
  if (ms < 0 || vType[ms] !== T_STRING || vEnd[ms] === vStart[ms]) return FAST_FALLBACK;
  const message = text(b, ms);

  // No known time key that parses: the full path guesses from time-like keys.
  let ts = firstOf(TIME, L_TIME);
  if (ts < 0 && payload) ts = firstOf(P_TIME, L_PAYLOAD);
  if (ts < 0 || !timeOf(b, ts, env)) return FAST_FALLBACK;
  out.tMs = env.time.ms;
  out.subNs = env.time.subNs;
  out.zoned = env.time.zoned;
  out.yearless = env.time.yearless;

  let ls = firstOf(LEVEL, L_LEVEL);
  if (ls < 0 && payload) ls = firstOf(P_LEVEL, L_PAYLOAD);
  let level = ls < 0 ? 0 : levelOf(value(b, ls));
  if (level === 0 && (present(S_MT) || present(S_M))) level = 3; // CLEF: absent @l means Information

  const ss = firstOf(STATUS, L_STATUS);
  const status = ss < 0 ? 0 : statusOf(b, ss);
  if (status >= 100 && status < 600) {
    out.status = status;
    level = Math.max(level, levelFromHttpStatus(status)); // a 503 logged at "info" still reads as an error
  }
  // Caddy logs "handled request" for traffic and "received request" on its admin API: the request says what happened.
  out.message = message === 'handled request' || message === 'received request' ? describeRequest(b, message, status) : message;
  out.level = level;
  out.logger = loggerOf(b, payload);
  let extra = (listsSeen & L_EXTRA) === 0 ? '' : extraText(b, message);
  if (payload) extra += payloadExtra(b);
  out.extra = extra === '' ? '' : extra.trim();
  return LineType.record;
}

/** json-record's loggerOf: the record's logger, else jsonPayload's, else pino's `name`, else GCP's resource labels. */
function loggerOf(b: Uint8Array, payload: boolean): string {
  const lg = firstOf(LOGGER, L_LOGGER);
  const direct = lg < 0 ? '' : str(value(b, lg));
  if (direct) return direct;
  if (payload) {
    const pl = firstOf(P_LOGGER, L_PAYLOAD);
    const inner = pl < 0 ? '' : str(value(b, pl));
    if (inner) return inner;
  }
  // pino, bunyan and python-json-logger name their logger `name`, next to `pid`, `hostname` or `levelname`.
  if ((present(S_PID) || present(S_HOSTNAME) || present(S_LEVELNAME)) && vType[S_NAME] === T_STRING) return text(b, S_NAME);
  if (payload || ((listsSeen & L_GCP) !== 0 && GCP_MARKS.some(present))) {
    const g = firstOf(GCP_LOGGER, L_GCP);
    return g < 0 ? '' : str(value(b, g));
  }
  return '';
}

/** json-record adds every extra key of jsonPayload as it comes (no filter): ' ' + its text, '' for none, null or an object. */
function payloadExtra(b: Uint8Array): string {
  let extra = '';
  for (let k = 0; k < P_EXTRA.length; k += 1 + P_EXTRA[k]) {
    let v: Scalar = null;
    for (let j = k + 1, end = k + 1 + P_EXTRA[k]; j < end; j++) {
      if (vType[P_EXTRA[j]] === T_ABSENT) continue;
      v = value(b, P_EXTRA[j]);
      break;
    }
    extra += ' ' + str(v);
  }
  return extra;
}

/** json-record's extra: every extra key's scalar value (pick, then not null and not an object) other than the message. */
function extraText(b: Uint8Array, message: string): string {
  let extra = '';
  for (let k = 0; k < EXTRA.length; k += 1 + EXTRA[k]) {
    for (let j = k + 1, end = k + 1 + EXTRA[k]; j < end; j++) {
      const n = EXTRA[j];
      const t = vType[n];
      if (t === T_ABSENT) continue;
      if (t !== T_NULL && t < T_OBJECT) {
        const v = value(b, n);
        if (v !== message) extra += ' ' + str(v);
      }
      break;
    }
  }
  return extra;
}

let innerScratch = new Uint8Array(4096);

/**
 * A Docker json-file line {"log":"<the container's line>\n","stream":"stdout","time":"..."},
 * as mapJsonRecord reads it: the envelope's time, then the inner line as a
 * record when it is JSON (scanned like any line), else as text for the text path.
 */
function dockerEnvelope(b: Uint8Array, out: RecordOut, env: ParseEnv): LineTypeCode | typeof FAST_FALLBACK {
  // Everything the envelope gives is read before the inner scan reuses the nodes.
  if (present(S_TIME) && timeOf(b, S_TIME, env)) {
    out.tMs = env.time.ms;
    out.subNs = env.time.subNs;
    out.zoned = env.time.zoned;
    out.yearless = env.time.yearless;
  }
  // jsonSubject(envelope) reaches the inner record only when the envelope names no subject of its own.
  const innerSubject = !SUBJECT.some(present) && !SUBJECT_INNER_OBJECT.some(present) && vType[S_LINE] !== T_STRING;
  lastLineBytes = Infinity; // until the inner record is scanned: ask lineSubject
  // The container's line, unescaped from the JSON string straight into bytes (no decode, no re-encode).
  const start = vStart[S_LOG];
  const end = vEnd[S_LOG];
  if (innerScratch.length < end - start + 1) innerScratch = new Uint8Array(end - start + 1024);
  let n = vEsc[S_LOG] ? unescapeInto(b, start, end, innerScratch) : copyInto(b, start, end, innerScratch);
  if (n < 0) return FAST_FALLBACK; // a lone surrogate escape: the full path keeps it as JavaScript does
  // log.replace(/\r?\n$/, ''), then trimStart() to see whether it is JSON.
  if (n > 0 && innerScratch[n - 1] === 10) n -= innerScratch[n - 2] === 13 && n > 1 ? 2 : 1;
  let i = 0;
  while (i < n && (innerScratch[i] === 32 || (innerScratch[i] >= 9 && innerScratch[i] <= 13))) i++;
  if (innerScratch[i] >= 128) return FAST_FALLBACK; // maybe a Unicode space trimStart() would skip
  if (i === n || innerScratch[i] !== 123) {
    out.text = decode(innerScratch, 0, n);
    return LineType.text;
  }
  innerScratch[n] = 10;
  // Anything the scan cannot settle (invalid JSON reads as text there, keys it cannot look up...) goes to the full path.
  if (!scan(innerScratch, i, n)) return FAST_FALLBACK;
  if (innerSubject) {
    lastLine = innerScratch;
    lastLineBytes = n;
  }
  return mapSlots(innerScratch, out, env, true);
}

function copyInto(b: Uint8Array, start: number, end: number, dst: Uint8Array): number {
  dst.set(b.subarray(start, end));
  return end - start;
}

const hexValue = (c: number) => (c <= 57 ? c - 48 : (c | 32) - 87);

/**
 * The UTF-8 bytes of the JSON string b[start..end) (its escapes already
 * validated by the scanner) into dst; returns their length, or -1 for a lone
 * surrogate escape (not representable in UTF-8).
 */
function unescapeInto(b: Uint8Array, start: number, end: number, dst: Uint8Array): number {
  let o = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c !== 92) {
      dst[o++] = c;
      continue;
    }
    const e = b[++i];
    if (e !== 117) {
      dst[o++] = e === 110 ? 10 : e === 116 ? 9 : e === 114 ? 13 : e === 98 ? 8 : e === 102 ? 12 : e; // \n \t \r \b \f, else \" \\ \/
      continue;
    }
    let cp = (hexValue(b[i + 1]) << 12) | (hexValue(b[i + 2]) << 8) | (hexValue(b[i + 3]) << 4) | hexValue(b[i + 4]);
    i += 4;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      // A high surrogate must be followed by an escaped low one.
      if (cp >= 0xdc00 || b[i + 1] !== 92 || b[i + 2] !== 117) return -1;
      const lo = (hexValue(b[i + 3]) << 12) | (hexValue(b[i + 4]) << 8) | (hexValue(b[i + 5]) << 4) | hexValue(b[i + 6]);
      if (lo < 0xdc00 || lo > 0xdfff) return -1;
      cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
      i += 6;
    }
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
  }
  return o;
}

/** json-record's describeRequest: "<msg>: METHOD path status [flags]" from `request` (when an object) or the record. */
function describeRequest(b: Uint8Array, message: string, status: number): string {
  const inRequest = vType[S_REQUEST] === T_OBJECT;
  const mn = firstOf(inRequest ? REQ_METHOD : TOP_METHOD, L_REQUEST);
  const pn = firstOf(inRequest ? REQ_PATH : TOP_PATH, L_REQUEST);
  const method = mn < 0 ? '' : str(value(b, mn));
  const path = pn < 0 ? '' : str(value(b, pn));
  if (!method && !path) return message;
  const flags = present(S_RESPONSE_FLAGS) ? str(value(b, S_RESPONSE_FLAGS)) : '';
  // [method, path, status || '', flags unless "-"].filter(Boolean).join(' '), without the array.
  let req = method;
  if (path) req = req ? `${req} ${path}` : path;
  if (status) req = req ? `${req} ${status}` : String(status);
  if (flags && flags !== '-') req = req ? `${req} ${flags}` : flags;
  return `${message}: ${req}`;
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
  if ((listsSeen & L_SUBJECT) === 0) return '';
  const top = subjectIn(SUBJECT);
  if (top !== '') return top;
  // jsonSubject then looks into jsonPayload and tracing's fields, in that order (deeper envelopes: the full parse).
  for (const [parent, keys, inner] of INNER_SUBJECTS) {
    if (vType[parent] !== T_OBJECT) continue;
    const found = subjectIn(keys);
    if (found !== '') return found;
    for (const n of inner) if (vType[n] === T_OBJECT || vType[n] === T_STRING) return null;
  }
  for (const n of SUBJECT_INNER_TEXT) if (vType[n] === T_STRING) return null;
  return '';
}

const INNER_SUBJECTS: [number, Int32Array, Int32Array][] = [
  [S_PAYLOAD, PAYLOAD_SUBJECT, PAYLOAD_INNER],
  [S_FIELDS, FIELDS_SUBJECT, FIELDS_INNER],
];

/** jsonSubject's loop over the subject keys of one object: the first that names something, '' for none, null when an array must be read. */
function subjectIn(keys: Int32Array): string | null {
  for (const n of keys) {
    switch (vType[n]) {
      case T_STRING: {
        const v = text(lastLine, n).trim();
        if (v) return v.slice(0, MAX_SUBJECT);
        break;
      }
      case T_NUMBER: {
        const v = numberValue(lastLine, vStart[n], vEnd[n]);
        if (Number.isFinite(v)) return String(v).slice(0, MAX_SUBJECT);
        break;
      }
      case T_ARRAY:
        return null; // an array of names is joined: the full parse decides
    }
  }
  return '';
}
