// The JSON-lines fast path: reads time, level, message, logger and
// the classifying fields straight out of the line's bytes, without building
// the record object. `JSON.parse` allocates every key and value of every
// line; this scanner validates the whole line (so invalid JSON is never
// accepted) but only materialises the few values the mapping needs, looking
// into nested objects only where the mapping does (`err.message`, ECS
// `log.level`, tracing's `fields.message`, Caddy's `request.method`, GCP's
// `jsonPayload`) and unwrapping Docker json-file envelopes. The parts:
// json-keys.ts (how dotted keys are found), json-lists.ts (which keys),
// json-values.ts (the scan and the value readers), json-scan.ts (JSON
// grammar), json-time.ts (times and numbers from bytes); this file maps.
//
// It must give exactly what `mapJsonRecord(JSON.parse(line))` gives. Anything
// it does not handle the same way returns FAST_FALLBACK and the caller takes
// the full path: escaped keys, duplicate keys, Loki envelopes, envelopes in
// envelopes, `httpRequest`, GCP audit logs, journald, records without a known
// time key or without a message, Serilog templates without `@m`, control
// characters, deep nesting. The key lists are json-record.ts's own;
// test/perf/json-fast.test.ts compares both paths over generated, corpus and
// fuzzed lines using every key json-record.ts names.

import { levelFromHttpStatus, levelFromNumber, levelFromWord } from '../model/levels.ts';
import { parseTimeValue } from '../model/time.ts';
import { detachString } from '../model/table-builder.ts';
import { MAX_SUBJECT, MAX_SUBJECT_LINE } from '../classify/subject.ts';
import {
  EXTRA, FIELDS_INNER, FIELDS_SUBJECT, GCP_LOGGER, GCP_MARKS, L_EXTRA, L_GCP, L_GCP_LOGGER, L_INNER_SUBJECT, L_LEVEL, L_LOGGER, L_MESSAGE, L_OWN_SUBJECT, L_P_EXTRA, L_P_LOGGER, L_PAYLOAD, L_STATUS, L_SUBJECT, L_TIME, L_TOP_SUBJECT,
  LEVEL, LOGGER, MESSAGE, P_EXTRA, P_LEVEL, P_LOGGER, P_MESSAGE, P_TIME, PAYLOAD_INNER, PAYLOAD_SUBJECT, S_FIELDS, S_FIELDS_MESSAGE,
  S_HOSTNAME, S_LABELS, S_LEVELNAME, S_LINE, S_LOG, S_M, S_MESSAGE, S_MSG, S_MT, S_NAME, S_PAYLOAD, S_PID, S_STREAM, S_TIME,
  S_TIMESTAMP, STATUS, SUBJECT, SUBJECT_INNER_TEXT, TIME,
} from './json-lists.ts';
import { decode, firstOf, firstOfRanked, logBytes, numberValue, present, rankOf, scan, scanFrom, scanInner, seen, slicesOut, T_ABSENT, T_ARRAY, T_NULL, T_NUMBER, T_OBJECT, T_STRING, text, value, vEnd, vEsc, vStart, vType, type Scalar } from './json-values.ts';
import { scanState } from './json-scan.ts';
import { rfc3339Bytes } from './json-time.ts';
import { describeRequest, requestLine } from './json-request.ts';
import { DECODE_LINE, LineType, type LineTypeCode, type ParseEnv, type RecordOut } from './types.ts';

/** Returned when the line needs the full JSON.parse path. */
export const FAST_FALLBACK = DECODE_LINE;

// ---- mapping, mirroring mapJsonRecord for the records that get here (values: json-values.ts)

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
    if (levelWords.size < 512) levelWords.set(detachString(v), l);
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
/**
 * parseJsonBytes for a line whose end is not known yet: the scan finds it.
 * Returns the index of the line's '\n' (the line is b[start..end) with end
 * that index, or one less before a CR) with `out` filled and the line type in
 * `scanned.type`; or -1 when the line is not one JSON object followed by its
 * newline in `b`, or needs the full path: the caller then finds the end itself
 * and reads the line the usual way. Saves a search for the newline per line.
 */
export function scanJsonLine(b: Uint8Array, start: number, out: RecordOut, env: ParseEnv): number {
  if (b[start] !== 123 || isPayload(b, start, b.length)) return -1;
  const i = scanFrom(b, start);
  if (i < 0) return -1;
  let nl: number;
  if (b[i] === 10) nl = i;
  else if (b[i] === 13 && b[i + 1] === 10) nl = i + 1;
  else return -1;
  // FAST_FALLBACK here still says where the line ends: the caller decodes it without searching again.
  scanned.type = mapLine(b, start, i, out, env);
  return nl;
}

/** The line type of the last line scanJsonLine read (FAST_FALLBACK: decode it and take the full path). */
export const scanned: { type: LineTypeCode | typeof FAST_FALLBACK } = { type: LineType.record };

export function parseJsonBytes(b: Uint8Array, start: number, end: number, out: RecordOut, env: ParseEnv): LineTypeCode | typeof FAST_FALLBACK {
  if (b[start] !== 123 || isPayload(b, start, end) || !scan(b, start, end)) return FAST_FALLBACK;
  return mapLine(b, start, end, out, env);
}

/** CloudWatch / OTLP payloads pack several records in one line: the full path hands each out. */
function isPayload(b: Uint8Array, start: number, limit: number): boolean {
  return (b[start + 2] === 109 || b[start + 2] === 114) && (startsWithBytes(b, start, limit, CLOUDWATCH) || startsWithBytes(b, start, limit, OTLP));
}

/** The record of the scanned line b[start..end); invalid UTF-8 goes to the text path, which counts it. */
function mapLine(b: Uint8Array, start: number, end: number, out: RecordOut, env: ParseEnv): LineTypeCode | typeof FAST_FALLBACK {
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
  const slices = slicesOut;
  const message = text(b, ms);
  const messageSliced = slicesOut !== slices;

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
  out.sliced = slicesOut !== slices;
  // A slice of the window is ASCII and unescaped: its bytes are its characters (see RecordOut.messageBytes).
  if (messageSliced && out.message === message) {
    out.messageBytes = b;
    out.messageStart = vStart[ms];
    out.messageEnd = vEnd[ms];
  } else if (out.message !== message && requestLine.length >= 0) {
    // A request line written out as bytes too (json-request.ts).
    out.messageBytes = requestLine.bytes;
    out.messageStart = 0;
    out.messageEnd = requestLine.length;
  }
  out.level = level;
  out.logger = loggerOf(b, payload);
  let extra = !seen(L_EXTRA) ? '' : extraText(b, message);
  // With none of its extra keys, jsonPayload adds only spaces, which the trim below drops.
  if (payload && seen(L_P_EXTRA)) extra += payloadExtra(b);
  out.extra = extra === '' ? '' : extra.trim();
  return LineType.record;
}

const LOGGER_RANK = rankOf(LOGGER);

/** json-record's loggerOf: the record's logger, else jsonPayload's, else pino's `name`, else GCP's resource labels. */
function loggerOf(b: Uint8Array, payload: boolean): string {
  const lg = firstOfRanked(LOGGER, LOGGER_RANK, L_LOGGER);
  const direct = lg < 0 ? '' : str(value(b, lg));
  if (direct) return direct;
  if (payload) {
    const pl = firstOf(P_LOGGER, L_P_LOGGER);
    const inner = pl < 0 ? '' : str(value(b, pl));
    if (inner) return inner;
  }
  // pino, bunyan and python-json-logger name their logger `name`, next to `pid`, `hostname` or `levelname`.
  if ((present(S_PID) || present(S_HOSTNAME) || present(S_LEVELNAME)) && vType[S_NAME] === T_STRING) return text(b, S_NAME);
  if (payload || (seen(L_GCP) && GCP_MARKS.some(present))) {
    const g = firstOf(GCP_LOGGER, L_GCP_LOGGER);
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
  // The first value without the space before it (the caller trims it off anyway): a record with one error
  // field then gets that very string, interned when it repeats, instead of a fresh one per line.
  let first = true;
  for (let k = 0; k < EXTRA.length; k += 1 + EXTRA[k]) {
    for (let j = k + 1, end = k + 1 + EXTRA[k]; j < end; j++) {
      const n = EXTRA[j];
      const t = vType[n];
      if (t === T_ABSENT) continue;
      if (t !== T_NULL && t < T_OBJECT) {
        const v = value(b, n);
        if (v !== message) {
          extra = first ? str(v) : extra + ' ' + str(v);
          first = false;
        }
      }
      break;
    }
  }
  return extra;
}

/**
 * A Docker json-file line {"log":"<the container's line>\n","stream":"stdout","time":"..."},
 * as mapJsonRecord reads it: the envelope's time, then the inner line as a
 * record when it is JSON (scanned like any line), else as text for the text path.
 */
function dockerEnvelope(b: Uint8Array, out: RecordOut, env: ParseEnv): LineTypeCode | typeof FAST_FALLBACK {
  // Everything the envelope gives is read before the inner scan reuses the nodes. Its time only counts
  // for a line of text: a record inside always has a time of its own (else it takes the full path).
  // jsonSubject(envelope) reaches the inner record only when the envelope names no subject of its own.
  // (The list bit answers without a look at each key.)
  const innerSubject = !seen(L_OWN_SUBJECT) && vType[S_LINE] !== T_STRING;
  lastLineBytes = Infinity; // until the inner record is scanned: ask lineSubject
  // The container's line, unescaped from the JSON string straight into bytes by the scan (no decode, no re-encode).
  const innerScratch = logBytes.bytes;
  let n = logBytes.length;
  if (n < 0) return FAST_FALLBACK; // a lone surrogate escape: the full path keeps it as JavaScript does
  // log.replace(/\r?\n$/, ''), then trimStart() to see whether it is JSON.
  if (n > 0 && innerScratch[n - 1] === 10) n -= innerScratch[n - 2] === 13 && n > 1 ? 2 : 1;
  let i = 0;
  while (i < n && (innerScratch[i] === 32 || (innerScratch[i] >= 9 && innerScratch[i] <= 13))) i++;
  if (innerScratch[i] >= 128) return FAST_FALLBACK; // maybe a Unicode space trimStart() would skip
  if (i === n || innerScratch[i] !== 123) {
    if (present(S_TIME) && timeOf(b, S_TIME, env)) {
      out.tMs = env.time.ms;
      out.subNs = env.time.subNs;
      out.zoned = env.time.zoned;
      out.yearless = env.time.yearless;
    }
    out.text = decode(innerScratch, 0, n);
    return LineType.text;
  }
  innerScratch[n] = 10;
  // Anything the scan cannot settle (invalid JSON reads as text there, keys it cannot look up...) goes to the full path.
  if (!scanInner(innerScratch, i, n)) return FAST_FALLBACK;
  if (innerSubject) {
    lastLine = innerScratch;
    lastLineBytes = n;
  }
  return mapSlots(innerScratch, out, env, true);
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
  if (!seen(L_SUBJECT)) return '';
  // (A list none of whose keys the line holds answers '': its bit says so without a look at each key.)
  const top = seen(L_TOP_SUBJECT) ? subjectIn(SUBJECT) : '';
  if (top !== '') return top;
  // jsonSubject then looks into jsonPayload and tracing's fields, in that order (deeper envelopes: the full parse).
  if (seen(L_INNER_SUBJECT)) for (const [parent, keys, inner] of INNER_SUBJECTS) {
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
