// CSV exports (Kibana / Grafana / Loki / CloudWatch Insights downloads, loghub
// "structured" files, NLog's CsvLayout), parsed with PapaParse
// (https://www.papaparse.com/docs). The delimiter is guessed from the first
// line (, ; tab |); the time, level, message and logger columns are found by
// header name, else by content (a column whose values are times, one whose
// values are level words, the longest text). A header row counts as a
// continuation line; a quoted field with newlines makes its record pending
// until the closing quote. A message column holding JSON (a Docker json-file
// record, an app's JSON log) is mapped like a JSON line.

import Papa from 'papaparse';
import { Flag } from '../model/kinds.ts';
import { levelFromValue } from '../model/levels.ts';
import { parseTimeValue } from '../model/time.ts';
import { isObject, mapJsonRecord } from './json-record.ts';
import { leadingLevel, TextMatch, TextReader } from './text-line.ts';
import { LineType, newRecordOut, resetRecord, type LineParser, type LineTypeCode, type LogFormat, type ParseEnv, type RecordOut } from './types.ts';

const DELIMITERS = [',', ';', '\t', '|'];

const TIME_NAMES = ['@timestamp', 'timestamp', 'time', 'ts', '@t', 'datetime', 'date_time', 'date_and_time', 'date', 'eventtime', 'event_time', 'logtime', 'log_time', '_time', 'timegenerated', 'created_at', 'created'];
const LEVEL_NAMES = ['level', 'severity', 'lvl', 'loglevel', 'log_level', 'levelname', '@l', 'priority', 'detected_level'];
const MESSAGE_NAMES = ['message', 'msg', '@message', '@m', 'content', 'log', 'line', 'text', 'body', 'description', 'event', 'details'];
const LOGGER_NAMES = ['logger', 'logger_name', 'loggername', 'source', 'component', 'service', 'service_name', 'app', 'application', 'module', 'category', 'podname', 'pod_name', 'pod', 'container_name', 'container', 'program', 'process', 'host', 'hostname', 'name'];
const EXTRA_NAMES = /^(exception|error|err|stack|stacktrace|stack_trace|reason|cause|error_message)$/;
const LOGGER_VALUE = /^[A-Za-z_$][\w$-]*(?:\.[\w$-]+)+$/;

export interface CsvRoles {
  time: number;
  level: number;
  message: number;
  logger: number;
  extra: number[];
}

/** The delimiter that occurs most often outside quotes in the line, or '' for none. */
export function guessDelimiter(line: string): string {
  let best = '';
  let bestN = 0;
  for (const d of DELIMITERS) {
    let n = 0;
    let inQ = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"') inQ = !inQ;
      else if (c === d && !inQ) n++;
    }
    if (n > bestN) {
      best = d;
      bestN = n;
    }
  }
  return best;
}

export function splitCsv(text: string, delimiter: string): string[] {
  if (text.indexOf('"') < 0) return text.split(delimiter);
  const r = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false });
  return r.data[0] ?? [];
}

function isTime(v: string): boolean {
  return v.length >= 8 && parseTimeValue(v, { ms: 0, subNs: 0, zoned: false, end: 0, yearless: false });
}

/** A header row: every field a short name, none a time or a number. */
export function looksLikeHeader(fields: readonly string[]): boolean {
  if (fields.length < 2) return false;
  return fields.every((f) => {
    const t = f.trim();
    return t.length > 0 && t.length <= 64 && /^[A-Za-z_@#.$][\w @#.$()/-]*$/.test(t) && !isTime(t);
  });
}

function byName(header: readonly string[], names: readonly string[], taken: Set<number>): number {
  // "Date and Time", "Event Time" and "event_time" are the same name.
  const lower = header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i >= 0 && !taken.has(i)) return i;
  }
  return -1;
}

/** Decide which column is what, from the header (if any) and the first data row. */
export function findRoles(header: readonly string[] | null, row: readonly string[]): CsvRoles {
  const taken = new Set<number>();
  const take = (i: number) => {
    if (i >= 0) taken.add(i);
    return i;
  };
  let time = header ? byName(header, TIME_NAMES, taken) : -1;
  if (time >= 0 && !isTime(row[time] ?? '')) time = -1;
  if (time < 0) time = row.findIndex((v) => isTime(v.trim()));
  take(time);
  let level = header ? byName(header, LEVEL_NAMES, taken) : -1;
  if (level < 0) level = row.findIndex((v, i) => !taken.has(i) && v.length <= 12 && levelFromValue(v.trim()) > 0 && !/^\d+$/.test(v.trim()));
  take(level);
  let message = header ? byName(header, MESSAGE_NAMES, taken) : -1;
  let logger = header ? byName(header, LOGGER_NAMES, taken) : -1;
  take(logger);
  if (logger < 0 && !header) logger = take(row.findIndex((v, i) => !taken.has(i) && LOGGER_VALUE.test(v.trim())));
  if (message < 0) {
    // The longest remaining value reads as the message.
    let best = -1;
    for (let i = 0; i < row.length; i++) if (!taken.has(i) && (best < 0 || row[i].length > row[best].length)) best = i;
    message = best;
  }
  take(message);
  const extra: number[] = [];
  for (let i = 0; i < row.length; i++) {
    if (taken.has(i)) continue;
    if (header ? EXTRA_NAMES.test(header[i].trim().toLowerCase()) : i > message) extra.push(i);
  }
  return { time, level, message, logger, extra };
}

export class CsvParser implements LineParser {
  private delimiter = '';
  private header: string[] | null = null;
  private roles: CsvRoles | null = null;
  private started = false;
  private pendingLines: string[] | null = null;
  private pendingQuotes = 0;
  private readonly inner = newRecordOut();
  private readonly reader: TextReader;

  constructor(private readonly env: ParseEnv) {
    this.reader = new TextReader(env);
  }

  parseLine(line: string, out: RecordOut): LineTypeCode {
    if (this.pendingLines) {
      this.pendingLines.push(line);
      this.pendingQuotes += countQuotes(line);
      if (this.pendingQuotes % 2 === 1) return LineType.continuation;
      const text = this.pendingLines.join('\n');
      this.pendingLines = null;
      if (this.mapRow(splitCsv(text, this.delimiter), out, false) === LineType.malformed) out.flags |= Flag.malformed;
      return LineType.done;
    }
    if (line.trim().length === 0) return LineType.blank;
    if (!this.started) {
      this.started = true;
      this.delimiter = guessDelimiter(line) || ',';
      const fields = splitCsv(line, this.delimiter);
      if (looksLikeHeader(fields)) {
        this.header = fields.map((f) => f.trim());
        return LineType.continuation;
      }
    }
    const quotes = countQuotes(line);
    if (quotes % 2 === 1) {
      this.pendingLines = [line];
      this.pendingQuotes = quotes;
      return LineType.pending;
    }
    return this.mapRow(splitCsv(line, this.delimiter), out, true);
  }

  /** Map one record's fields. `allowText`: a plain-text payload may go through the driver's text path (stack frames). */
  private mapRow(f: string[], out: RecordOut, allowText: boolean): LineTypeCode {
    if (f.length < 2) {
      out.message = f.join('');
      return LineType.malformed;
    }
    if (!this.roles) this.roles = findRoles(this.header, f);
    const r = this.roles;
    const t = this.env.time;
    if (r.time >= 0 && parseTimeValue((f[r.time] ?? '').trim(), t)) {
      out.tMs = t.ms;
      out.subNs = t.subNs;
      out.zoned = t.zoned;
      out.yearless = t.yearless;
    }
    const level = r.level >= 0 ? levelFromValue((f[r.level] ?? '').trim()) : 0;
    const logger = r.logger >= 0 ? (f[r.logger] ?? '').trim() : '';
    const msg = r.message >= 0 ? (f[r.message] ?? '') : '';
    const extra = r.extra.map((i) => f[i] ?? '').filter(Boolean).join(' ');
    out.level = level;
    out.logger = logger;
    out.extra = extra;
    if (msg.charCodeAt(0) === 123 && this.json(msg, out, allowText) === LineType.text) return LineType.text;
    if (out.message || out.text) return LineType.record;
    out.message = msg;
    if (!out.level) out.level = leadingLevel(msg);
    return LineType.record;
  }

  /** A JSON message column: its fields fill what the CSV columns did not. Returns text for a plain-text payload. */
  private json(msg: string, out: RecordOut, allowText: boolean): LineTypeCode | null {
    let v: unknown;
    try {
      v = JSON.parse(msg);
    } catch {
      return null;
    }
    if (!isObject(v)) return null;
    const r = this.inner;
    resetRecord(r);
    const type = mapJsonRecord(v, r, this.env);
    if (Number.isNaN(out.tMs)) {
      out.tMs = r.tMs;
      out.subNs = r.subNs;
      out.zoned = r.zoned;
    }
    if (!out.level) out.level = r.level;
    if (!out.logger) out.logger = r.logger;
    out.status = r.status;
    out.extra = [out.extra, r.extra].filter(Boolean).join(' ');
    if (type !== LineType.text) {
      out.message = r.message;
      return LineType.record;
    }
    if (allowText) {
      out.text = r.text;
      return LineType.text;
    }
    const t = newRecordOut();
    const found = this.reader.read(r.text, t);
    out.message = found === TextMatch.none ? r.text : t.message;
    if (!out.level) out.level = t.level || leadingLevel(r.text);
    return LineType.record;
  }
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

export const csvFormat: LogFormat = {
  id: 'csv',
  label: 'CSV',
  detect(_name, lines) {
    const head = lines.filter((l) => l.trim()).slice(0, 50);
    if (head.length < 2) return 0;
    const c = head[0].trimStart()[0];
    if (c === '{' || c === '[') return 0;
    const delimiter = guessDelimiter(head[0]);
    if (!delimiter) return 0;
    const rows = Papa.parse<string[]>(head.join('\n'), { delimiter, header: false }).data;
    if (rows.length > 2) rows.pop(); // the head may cut the last record short
    const width = rows[0].length;
    if (width < 2) return 0;
    const same = rows.filter((r) => r.length === width).length / rows.length;
    if (same < 0.8) return 0;
    const header = looksLikeHeader(rows[0]) ? rows[0] : null;
    const data = header ? rows[1] : rows[0];
    if (!data) return 0;
    const roles = findRoles(header, data);
    if (header) return roles.time >= 0 ? 0.8 + (width >= 3 ? 0.1 : 0) : 0.35;
    // Without a header, commas inside text lines can look like columns: stay
    // below a text dialect that reads the same lines with their time.
    return roles.time >= 0 && width >= 3 && same >= 0.95 && delimiter !== '|' ? 0.5 : 0;
  },
  createParser(env) {
    return new CsvParser(env);
  },
  fields(raw, _env, head) {
    const delimiter = guessDelimiter(raw.split('\n')[0]) || ',';
    const f = splitCsv(raw, delimiter);
    const out: Record<string, unknown> = { fields: f };
    // Named by the file's header row when it has one (and this row is not the header itself).
    const header = head ? splitCsv(head, delimiter) : null;
    if (header && looksLikeHeader(header) && header.length === f.length && head !== raw.split('\n')[0]) {
      const named: Record<string, string> = Object.create(null) as Record<string, string>;
      header.forEach((name, i) => {
        named[name.trim() || `column ${i + 1}`] = f[i];
      });
      out.fields = named;
    }
    for (const v of f) {
      if (v.charCodeAt(0) !== 123) continue;
      try {
        const j: unknown = JSON.parse(v);
        if (isObject(j)) out.json = j;
      } catch {
        // not JSON
      }
    }
    return out;
  },
};
