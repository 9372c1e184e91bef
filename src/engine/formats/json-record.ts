// Maps one parsed JSON record of any common dialect onto time / level /
// message / logger, and unwraps the envelopes that carry another record
// inside (Docker json-file `log`, Loki `line`, GCP `jsonPayload`/`textPayload`).
// Field names per dialect: slog, zap/Caddy, logrus, zerolog, go-kit, pino,
// bunyan, tracing-subscriber, Serilog CLEF, ECS, GCP LogEntry, journald.

import { levelFromHttpStatus, levelFromNumber, levelFromSyslog, levelFromWord } from '../model/levels.ts';
import { fromEpochString, parseTimeValue } from '../model/time.ts';
import { LineType, type LineTypeCode, type ParseEnv, type RecordOut } from './types.ts';
import { isObject, own, type JsonObject } from '../model/json-value.ts';

// The narrowing helpers live in the model (the classifier reads records too); the formats import them from here.
export { isObject, own, type JsonObject };

// Field names per dialect, most specific first: the first present key wins.
// Exported so other readers of the same records (json-fast.ts) share one list.
export const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', '@t', 't', 'Timestamp', 'TIMESTAMP', 'datetime', 'date', 'Time', 'eventTime', 'EventTime', 'asctime', 'logtime', 'log_time', 'created_at', 'start_time', 'StartUTC', 'EdgeStartTimestamp', 'receiveTimestamp', 'ingestionTime', 'timeMillis', 'timeUnixNano', 'observedTimeUnixNano'];
export const LEVEL_KEYS = ['level', 'lvl', 'severity', '@l', 'log.level', 'levelname', 'loglevel', 'log_level', 'Level', 'Severity', 'level_name', 'SeverityText', 'severity_text', 'severityText'];
export const MESSAGE_KEYS = ['msg', 'message', '@m', 'MESSAGE', 'Message', 'textPayload', 'event', 'body.stringValue', 'body', 'Body', 'log', 'text', 'description', 'error', 'err'];
export const LOGGER_KEYS = ['logger', 'logger_name', 'loggerName', 'log.logger', 'SourceContext', 'target', 'component', 'module', 'SYSLOG_IDENTIFIER', '_SYSTEMD_UNIT', 'service', 'app', 'source', 'Logger'];
export const EXTRA_KEYS = ['error', 'err', 'error.message', 'err.message', 'reason', 'exception', 'errorVerbose', 'response_flags', 'response_code_details', 'upstream_error', 'status_text', 'error_message', 'cause', '@x', '@x.Message', 'fields.error'];
/** A request's method and path (access logs, Caddy's `request`, GCP's `httpRequest`). */
export const REQUEST_METHOD_KEYS = ['method', 'requestMethod', 'RequestMethod', 'ClientRequestMethod', 'http.request.method'];
export const REQUEST_PATH_KEYS = ['uri', 'path', 'url', 'requestUrl', 'RequestPath', 'ClientRequestURI', 'url.original'];
export const STATUS_KEYS = ['status', 'response_code', 'status_code', 'statusCode', 'DownstreamStatus', 'EdgeResponseStatus', 'OriginStatus', 'http.response.status_code', 'code'];
/**
 * pino / bunyan and python-json-logger name their logger `name`; elsewhere
 * `name` is ordinary data, so it counts only next to their other fields.
 */
const NAME_IS_LOGGER_WITH = ['pid', 'hostname', 'levelname'];
/** GCP LogEntry: the lane is the workload the entry came from. */
export const GCP_LOGGER_KEYS = ['resource.labels.container_name', 'resource.labels.service_name', 'resource.labels.function_name', 'resource.labels.module_id', 'resource.type'];

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** Dotted lookup: "log.level" as a flat key (ECS) or as nested objects. */
function pick(o: JsonObject, key: string): unknown {
  const v = own(o, key);
  if (v !== undefined) return v;
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  const head = own(o, key.slice(0, dot));
  return isObject(head) ? pick(head, key.slice(dot + 1)) : undefined;
}

function firstOf(o: JsonObject, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = pick(o, k);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** Does the record carry a message of its own (not one built from its fields)? */
export function hasMessage(o: JsonObject): boolean {
  if (firstOf(o, MESSAGE_KEYS) !== undefined || own(o, '@mt') !== undefined) return true;
  const f = own(o, 'fields');
  return isObject(f) && own(f, 'message') !== undefined;
}

function levelOf(v: unknown): number {
  if (typeof v === 'number') return levelFromNumber(v);
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) return levelFromNumber(+v);
    return levelFromWord(v);
  }
  return 0;
}

/** Serilog message template "{Name} did {Thing}" rendered with the record's properties. */
function renderTemplate(mt: string, o: JsonObject): string {
  return mt.replace(/\{@?\$?([\w.]+)(?::[^}]*)?\}/g, (all, name: string) => {
    const v = own(o, name);
    return v === undefined ? all : typeof v === 'string' ? v : JSON.stringify(v);
  });
}

function isDockerEnvelope(o: JsonObject): boolean {
  return typeof own(o, 'log') === 'string' && (own(o, 'stream') !== undefined || own(o, 'time') !== undefined) && own(o, 'msg') === undefined && own(o, 'message') === undefined;
}

function isLokiEnvelope(o: JsonObject): boolean {
  return typeof own(o, 'line') === 'string' && own(o, 'timestamp') !== undefined && (own(o, 'labels') !== undefined || own(o, 'msg') === undefined);
}

const MAX_INNER_DEPTH = 3;

/**
 * Fill `out` from a parsed record. Returns LineType.record, or LineType.text
 * when the record is an envelope around plain text (out.text is the inner
 * text, out.tMs the envelope's time to fall back on).
 */
export function mapJsonRecord(o: JsonObject, out: RecordOut, env: ParseEnv, depth = 0): LineTypeCode {
  // Envelopes first: Docker json-file {"log","stream","time"} and Loki {"timestamp","line","labels"}.
  const docker = isDockerEnvelope(o);
  const loki = !docker && isLokiEnvelope(o);
  if ((docker || loki) && depth < MAX_INNER_DEPTH) {
    const inner = (str(own(o, docker ? 'log' : 'line'))).replace(/\r?\n$/, '');
    const outerTime = own(o, docker ? 'time' : 'timestamp');
    setTime(outerTime, out, env);
    const labels = own(o, 'labels');
    if (isObject(labels)) out.logger = str(firstOf(labels, ['service_name', 'app', 'container', 'job', 'pod']));
    const trimmed = inner.trimStart();
    if (trimmed.charCodeAt(0) === 123) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (isObject(parsed)) {
          const fallback = { ms: out.tMs, ns: out.subNs, zoned: out.zoned, logger: out.logger };
          const type = mapJsonRecord(parsed, out, env, depth + 1);
          if (Number.isNaN(out.tMs)) {
            out.tMs = fallback.ms;
            out.subNs = fallback.ns;
            out.zoned = fallback.zoned;
          }
          if (!out.logger) out.logger = fallback.logger;
          return type;
        }
      } catch {
        // Inner text that merely starts with "{" is text.
      }
    }
    out.text = inner;
    if (docker && own(o, 'stream') === 'stderr') out.extra = '';
    return LineType.text;
  }

  // GCP LogEntry: payload is nested.
  const jsonPayload = own(o, 'jsonPayload');
  const payload = isObject(jsonPayload) ? jsonPayload : null;

  setTime(firstOf(o, TIME_KEYS) ?? (payload ? firstOf(payload, TIME_KEYS) : undefined), out, env);
  if (Number.isNaN(out.tMs)) {
    const rt = own(o, '__REALTIME_TIMESTAMP');
    const instant = own(o, 'instant'); // log4j2 JsonTemplateLayout: {epochSecond, nanoOfSecond}
    if (typeof rt === 'string' && fromEpochString(rt, env.time)) copyTime(out, env);
    else if (isObject(instant) && typeof own(instant, 'epochSecond') === 'number') {
      const ns = String(own(instant, 'nanoOfSecond') ?? 0).padStart(9, '0');
      if (fromEpochString(`${String(own(instant, 'epochSecond'))}.${ns}`, env.time)) copyTime(out, env);
    } else guessTime(o, out, env);
  }

  let level = levelOf(firstOf(o, LEVEL_KEYS) ?? (payload ? firstOf(payload, LEVEL_KEYS) : undefined));
  if (!level) {
    const p = own(o, 'PRIORITY');
    if (p !== undefined) level = levelFromSyslog(Number(p));
  }

  let message: unknown;
  const fields = own(o, 'fields');
  if (isObject(fields)) message = own(fields, 'message'); // tracing-subscriber
  if (message === undefined) message = firstOf(o, MESSAGE_KEYS);
  if (message === undefined && payload) message = firstOf(payload, MESSAGE_KEYS);
  if (message === undefined) {
    const mt = own(o, '@mt');
    if (typeof mt === 'string') message = renderTemplate(mt, o);
  }
  // journald writes MESSAGE as an array of bytes when it is not valid UTF-8.
  if (Array.isArray(message) && message.every((b) => typeof b === 'number')) message = bytesToText(message as number[]);
  if (message === undefined) {
    const proto = own(o, 'protoPayload'); // GCP audit logs
    if (isObject(proto)) message = [str(own(proto, 'methodName')), str(own(proto, 'resourceName'))].filter(Boolean).join(' ') || undefined;
  }
  if (level === 0 && (own(o, '@mt') !== undefined || own(o, '@m') !== undefined)) level = 3; // CLEF: absent @l means Information

  // Requests (access logs): status gives level when the dialect has none, and a readable message.
  const statusV = firstOf(o, STATUS_KEYS) ?? (isObject(own(o, 'httpRequest')) ? own(own(o, 'httpRequest') as JsonObject, 'status') : undefined);
  const status = typeof statusV === 'number' ? statusV : typeof statusV === 'string' && /^\d{3}$/.test(statusV) ? +statusV : 0;
  if (status >= 100 && status < 600) {
    out.status = status;
    // Access logs write every request at "info": a 503 still reads as an error.
    level = Math.max(level, levelFromHttpStatus(status));
  }
  let msg = typeof message === 'string' ? message : message !== undefined ? JSON.stringify(message) : '';
  // Caddy logs "handled request" for traffic and "received request" on its admin API
  // (a POST /load there is a config reload): the request itself says what happened.
  if (!msg || msg === 'handled request' || msg === 'received request') {
    const req = describeRequest(o, status);
    if (req) msg = msg ? `${msg}: ${req}` : req;
  }
  if (!msg) msg = compact(o);
  out.message = msg;
  out.level = level;
  out.logger = loggerOf(o, payload);

  let extra = '';
  for (const k of EXTRA_KEYS) {
    const v = pick(o, k);
    if (v !== undefined && v !== null && typeof v !== 'object' && v !== message) extra += ' ' + str(v);
  }
  if (payload) for (const k of EXTRA_KEYS) extra += ' ' + str(pick(payload, k));
  out.extra = extra.trim();
  return LineType.record;
}

function loggerOf(o: JsonObject, payload: JsonObject | null): string {
  const direct = str(firstOf(o, LOGGER_KEYS));
  if (direct) return direct;
  if (payload) {
    const inner = str(firstOf(payload, LOGGER_KEYS));
    if (inner) return inner;
  }
  if (NAME_IS_LOGGER_WITH.some((k) => own(o, k) !== undefined)) {
    const name = own(o, 'name');
    if (typeof name === 'string') return name;
  }
  if (payload || own(o, 'textPayload') !== undefined || own(o, 'protoPayload') !== undefined || own(o, 'insertId') !== undefined || own(o, 'logName') !== undefined) return str(firstOf(o, GCP_LOGGER_KEYS));
  return '';
}

/** Keys that name a time in records of no known dialect ("inject_time", "requestTimestamp", "created_at"). */
const TIME_LIKE_KEY = /(?:^|[_.-])(?:time|timestamp|date|datetime)$|[a-z](?:Time|Timestamp|Date)$|_at$/;

/** Last resort for records without a known time key: the first time-like key whose value is a time. */
function guessTime(o: JsonObject, out: RecordOut, env: ParseEnv): void {
  let n = 0;
  for (const k in o) {
    if (++n > 50) return;
    if (!Object.prototype.hasOwnProperty.call(o, k) || !TIME_LIKE_KEY.test(k)) continue;
    const v = o[k];
    if ((typeof v === 'string' || typeof v === 'number') && parseTimeValue(v, env.time)) {
      copyTime(out, env);
      return;
    }
  }
}

function setTime(v: unknown, out: RecordOut, env: ParseEnv): void {
  if (v === undefined || v === null) return;
  if (parseTimeValue(v, env.time)) copyTime(out, env);
}

function copyTime(out: RecordOut, env: ParseEnv): void {
  out.tMs = env.time.ms;
  out.subNs = env.time.subNs;
  out.zoned = env.time.zoned;
  out.yearless = env.time.yearless;
}

function describeRequest(o: JsonObject, status: number): string {
  const req = own(o, 'request');
  const r = isObject(req) ? req : isObject(own(o, 'httpRequest')) ? (own(o, 'httpRequest') as JsonObject) : o;
  const method = str(firstOf(r, REQUEST_METHOD_KEYS));
  const path = str(firstOf(r, REQUEST_PATH_KEYS));
  if (!method && !path) return '';
  const flags = str(own(o, 'response_flags'));
  return [method, path, status || '', flags && flags !== '-' ? flags : ''].filter(Boolean).join(' ');
}

function bytesToText(bytes: number[]): string {
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes, (b) => b & 255));
}

/** Fields that already have a column of their own: not repeated in a built message. */
const SUMMARY_SKIP = new Set([...TIME_KEYS, ...LEVEL_KEYS, 'v', 'pid', 'hostname', 'caller']);
const SUMMARY_CHARS = 300;

/**
 * A record without a message reads as its fields: "k=v k=v" for the scalar
 * top-level fields (nested objects as compact JSON), skipping time and level.
 */
function compact(o: JsonObject): string {
  let s = '';
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k) || SUMMARY_SKIP.has(k) || TIME_LIKE_KEY.test(k)) continue;
    const v = o[k];
    if (v === null || v === '' || v === undefined) continue;
    const text = typeof v === 'string' ? (/[\s"=]/.test(v) ? JSON.stringify(v) : v) : typeof v === 'object' ? JSON.stringify(v) : String(v);
    s += (s ? ' ' : '') + k + '=' + text;
    if (s.length > SUMMARY_CHARS) return s.slice(0, SUMMARY_CHARS) + '…';
  }
  return s || JSON.stringify(o).slice(0, SUMMARY_CHARS);
}
