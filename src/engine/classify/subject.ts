// What an operation or a signal is about, read from the fields of its record:
// Caddy / certmagic log `{"msg":"renewing certificate","identifier":"a.example.com"}`
// and later `{"msg":"certificate obtained successfully","identifier":"a.example.com"}`,
// so the renewal of a.example.com pairs with its own completion even when a
// dozen run at once and the message text names nothing.
//
// It runs only for events already classified as op-start / op-end / signal
// (a few per thousand lines), on the raw line, so ordinary lines pay nothing
// and every format gets it alike: a JSON object (possibly inside a Docker or
// Loki envelope, or after a prefix such as a compose service name) is parsed
// and its subject keys read; other lines are scanned for `key=value`.

import { isObject, own, type JsonObject } from '../model/json-value.ts';

/** Keys that name what an operation is about, most specific first. */
export const SUBJECT_KEYS = [
  'identifier', 'identifiers', 'subject', 'subjects', 'domain', 'domains', 'names', 'server_name', 'sni', 'certificate',
  'migration', 'migration_id', 'backup', 'backup_id', 'snapshot', 'snapshot_id', 'job', 'job_id', 'job_name', 'jobName',
  'task', 'task_id', 'taskId', 'database', 'table', 'id',
];
// Not 'target' (tracing-subscriber's module path) nor 'host' (the request's host on every access line).

/** Lines longer than this are not parsed again for a subject (a dump, not a log line). */
export const MAX_SUBJECT_LINE = 64 * 1024;
const MAX_LINE = MAX_SUBJECT_LINE;
export const MAX_SUBJECT = 200;
/** Envelopes that carry the record inside: Docker json-file, Loki, GCP, tracing-subscriber. */
export const INNER_TEXT = ['log', 'line'];
export const INNER_OBJECT = ['jsonPayload', 'fields'];

function scalar(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) {
    const parts = v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String);
    return parts.length === v.length ? parts.join(',') : '';
  }
  return '';
}

/** The subject of a parsed record (own properties only), '' when it names none. */
export function jsonSubject(o: JsonObject, depth = 0): string {
  for (const k of SUBJECT_KEYS) {
    const s = scalar(own(o, k));
    if (s) return s.slice(0, MAX_SUBJECT);
  }
  if (depth >= 2) return '';
  for (const k of INNER_OBJECT) {
    const inner = own(o, k);
    if (isObject(inner)) {
      const s = jsonSubject(inner, depth + 1);
      if (s) return s;
    }
  }
  for (const k of INNER_TEXT) {
    const inner = own(o, k);
    if (typeof inner === 'string') {
      const s = lineSubject(inner, depth + 1);
      if (s) return s;
    }
  }
  return '';
}

// key=value / key="value" / key: value, for the same keys (logfmt, text with fields).
const KV = new RegExp(String.raw`(?:^|[\s,;{(])(${SUBJECT_KEYS.join('|')})=("(?:[^"\\]|\\.){1,${MAX_SUBJECT}}"|[^\s,;)}"]{1,${MAX_SUBJECT}})`);

function kvSubject(line: string): string {
  const m = KV.exec(line);
  if (!m) return '';
  const v = m[2];
  if (v.charCodeAt(0) !== 34) return v;
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'string' ? parsed.trim() : '';
  } catch {
    return v.slice(1, -1);
  }
}

/** The subject named by a raw log line's fields, '' when none. */
export function lineSubject(line: string, depth = 0): string {
  if (line.length > MAX_LINE) return '';
  const brace = line.indexOf('{');
  const end = line.lastIndexOf('}');
  if (brace >= 0 && end > brace) {
    try {
      const parsed: unknown = JSON.parse(line.slice(brace, end + 1));
      if (isObject(parsed)) return jsonSubject(parsed, depth);
    } catch {
      // Braces in text ("{}" in a Go struct dump): read it as text.
    }
  }
  return kvSubject(line);
}
