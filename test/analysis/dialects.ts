// Test support: renders abstract events in the log dialects people drop on
// the page (Go slog and zap JSON, Caddy access JSON, logfmt, plain text, Go's
// standard logger, Rust tracing JSON, syslog, Apache/nginx access lines), then
// ingests and analyses them exactly as the CLI does. Rule tests describe an
// incident once and check it in several dialects and wordings.

import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources, type IngestResult } from '../../src/engine/ingest/ingest.ts';
import { analyze, type Analysis } from '../../src/engine/analysis/analyze.ts';
import { buildReport, type Report } from '../../src/engine/report.ts';
import { rng } from '../fixtures/rng.ts';
export { rng };

export type Dialect = 'slog' | 'zap' | 'caddy' | 'logfmt' | 'text' | 'gostd' | 'tracing' | 'syslog' | 'clf';
export const APP_DIALECTS: Dialect[] = ['slog', 'zap', 'logfmt', 'text', 'tracing', 'syslog'];

export type LevelName = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface Ev {
  t: number;
  level: LevelName;
  msg: string;
  fields?: Record<string, string | number>;
  /** Raw lines written as they are (a Go trace between JSON lines). */
  raw?: string[];
}

/** 2024-05-01 10:00:00 UTC, the start of every test incident. */
export const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
export const sec = (s: number) => T0 + Math.round(s * 1000);


const iso = (t: number) => new Date(t).toISOString();
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function logfmtValue(v: string | number): string {
  const s = String(v);
  return /^[\w./:@-]+$/.test(s) ? s : JSON.stringify(s);
}

function kv(fields: Record<string, string | number> | undefined): string {
  return fields ? Object.entries(fields).map(([k, v]) => `${k}=${logfmtValue(v)}`).join(' ') : '';
}

function accessFields(e: Ev): { method: string; path: string; status: number } {
  const f = e.fields ?? {};
  return { method: String(f.method ?? 'GET'), path: String(f.path ?? '/'), status: Number(f.status ?? 200) };
}

export function renderLine(d: Dialect, e: Ev, logger = 'app'): string {
  const f = e.fields ?? {};
  switch (d) {
    case 'slog':
      return JSON.stringify({ time: iso(e.t), level: e.level.toUpperCase(), msg: e.msg, ...f });
    case 'zap':
      return JSON.stringify({ level: e.level, ts: e.t / 1000, logger, msg: e.msg, ...f });
    case 'caddy': {
      const a = accessFields(e);
      return JSON.stringify({ level: a.status >= 500 ? 'error' : 'info', ts: e.t / 1000, logger: 'http.log.access', msg: 'handled request', request: { method: a.method, uri: a.path, proto: 'HTTP/2.0' }, status: a.status, duration: 0.012, size: 512 });
    }
    case 'logfmt':
      return `time=${iso(e.t)} level=${e.level} msg=${JSON.stringify(e.msg)} ${kv(f)}`.trim();
    case 'text':
      return `${iso(e.t)} ${e.level.toUpperCase().padEnd(5)} ${e.msg} ${kv(f)}`.trim();
    case 'gostd':
      return `${iso(e.t).slice(0, 19).replace('T', ' ').replace(/-/g, '/')} ${e.msg} ${kv(f)}`.trim();
    case 'tracing':
      return JSON.stringify({ timestamp: iso(e.t), level: e.level.toUpperCase(), fields: { message: e.msg, ...f }, target: logger });
    case 'syslog': {
      const dt = new Date(e.t);
      const day = String(dt.getUTCDate()).padStart(2, ' ');
      return `${MONTHS[dt.getUTCMonth()]} ${day} ${iso(e.t).slice(11, 19)} host01 ${logger}[4242]: ${e.level === 'info' ? '' : e.level.toUpperCase() + ': '}${e.msg} ${kv(f)}`.trim();
    }
    case 'clf': {
      const a = accessFields(e);
      const dt = new Date(e.t);
      const stamp = `${String(dt.getUTCDate()).padStart(2, '0')}/${MONTHS[dt.getUTCMonth()]}/${dt.getUTCFullYear()}:${iso(e.t).slice(11, 19)} +0000`;
      return `10.0.0.${(e.t / 7) % 200 | 0} - - [${stamp}] "${a.method} ${a.path} HTTP/1.1" ${a.status} ${512 + ((e.t / 3) % 900 | 0)}`;
    }
  }
}

export function render(d: Dialect, events: readonly Ev[], logger = 'app'): string {
  const out: string[] = [];
  for (const e of [...events].sort((a, b) => a.t - b.t)) {
    if (e.msg || !e.raw) out.push(renderLine(d, e, logger));
    if (e.raw) out.push(...e.raw);
  }
  return out.join('\n') + '\n';
}

export interface LogFile {
  name: string;
  text: string;
}

export interface Analysed {
  result: IngestResult;
  analysis: Analysis;
  report: Report;
  /** Findings of one rule. */
  of(rule: string): Report['findings'];
  /** Findings of severity warning or critical. */
  serious(): Report['findings'];
}

export async function analyzeLogs(files: readonly LogFile[]): Promise<Analysed> {
  const result = await ingestSources(files.map((f) => bytesSource(f.name, f.text)), { year: 2024 });
  const analysis = analyze(result);
  const report = buildReport(result, analysis);
  return {
    result,
    analysis,
    report,
    of: (rule) => report.findings.filter((f) => f.rule === rule),
    serious: () => report.findings.filter((f) => f.severity !== 'info'),
  };
}

/** Steady traffic: one event every `everyMs` (with jitter) between two times. */
export function steady(from: number, to: number, everyMs: number, make: (t: number, i: number) => Ev, seed = 7): Ev[] {
  const r = rng(seed);
  const out: Ev[] = [];
  let i = 0;
  for (let t = from; t < to; t += everyMs * (0.5 + r())) out.push(make(Math.round(t), i++));
  return out;
}

/** Requests for an access log; `status` may vary by time. */
export function requests(from: number, to: number, everyMs: number, status: (t: number) => number = () => 200, seed = 11): Ev[] {
  const paths = ['/api/orders', '/api/users/42', '/healthz', '/static/app.js', '/api/cart'];
  return steady(from, to, everyMs, (t, i) => {
    const s = status(t);
    return { t, level: s >= 500 ? 'error' : s >= 400 ? 'warn' : 'info', msg: `GET ${paths[i % paths.length]} ${s}`, fields: { method: i % 4 ? 'GET' : 'POST', path: paths[i % paths.length], status: s } };
  }, seed);
}

export const iso8601 = iso;
