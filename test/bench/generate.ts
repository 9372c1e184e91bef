// Deterministic JSON-lines logs for the benchmark: several services, each
// writing in its own dialect (slog, zap, pino, logrus, zerolog, Serilog CLEF,
// ECS), interleaved the way `kubectl logs` of a namespace or a log shipper's
// export looks. Messages are mostly constant strings with variables in fields
// (structured logging), some carry ids in the text, and a few raw Go traces sit
// between the JSON lines, so every stage of ingest does real work. The same
// seed and size always give the same bytes.

import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { rng } from '../fixtures/rng.ts';
export { rng };


type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const hex = (r: Rand, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
};

const PATHS = ['/api/users', '/api/orders', '/api/cart', '/healthz', '/api/payments/charge', '/static/app.js', '/api/search?q=boots', '/login'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const INFO_MSGS = ['request completed', 'incoming request', 'cache hit', 'cache miss', 'connection established', 'query executed', 'served request', 'session refreshed', 'message published', 'job scheduled', 'user authenticated', 'rate limit checked'];
const WARN_MSGS = ['slow response detected', 'retrying request', 'high memory usage', 'deprecated API used', 'pool exhausted, waiting'];
const ERR_MSGS = ['request failed', 'Failed to connect to upstream', 'database query failed', 'could not renew certificate', 'write failed'];
const ERRORS = ['context canceled', 'context deadline exceeded', 'dial tcp 10.0.3.4:443: i/o timeout', 'connection refused', 'EOF', 'tls: handshake failure'];
const LEVEL_WORDS = ['debug', 'info', 'info', 'info', 'info', 'info', 'info', 'warn', 'error'];

interface Ctx {
  r: Rand;
  ms: number;
  service: string;
}

function message(c: Ctx, level: string): string {
  const r = c.r;
  if (level === 'error') return pick(r, ERR_MSGS);
  if (level === 'warn') return pick(r, WARN_MSGS);
  const x = r();
  // A minority of messages carry variables in the text, as real logs do.
  if (x < 0.04) return `Renewing certificate for host-${Math.floor(r() * 500)}.example.com`;
  if (x < 0.08) return `processed batch ${Math.floor(r() * 1e6)} in ${Math.floor(r() * 900)}ms`;
  if (x < 0.1) return `user ${hex(r, 8)} logged in from 10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.7`;
  return pick(r, INFO_MSGS);
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoMicro = (ms: number, r: Rand) => iso(ms).slice(0, -1) + String(Math.floor(r() * 1000)).padStart(3, '0') + 'Z';
const isoOffset = (ms: number) => new Date(ms + 9 * 3600e3).toISOString().slice(0, -1) + '+09:00';

type Dialect = (c: Ctx, level: string) => string;

const DIALECTS: Record<string, Dialect> = {
  slog: (c, level) => {
    const r = c.r;
    const base: Record<string, unknown> = { time: isoMicro(c.ms, r), level: level.toUpperCase(), msg: message(c, level) };
    base.method = pick(r, METHODS);
    base.path = pick(r, PATHS);
    base.status = level === 'error' ? 502 : 200;
    base.duration = `${(r() * 300).toFixed(3)}ms`;
    base.request_id = hex(r, 16);
    if (level === 'error') base.error = pick(r, ERRORS);
    return JSON.stringify(base);
  },
  zap: (c, level) => {
    const r = c.r;
    const o: Record<string, unknown> = { level, ts: c.ms / 1000 + Math.floor(r() * 1000) / 1e6, logger: `${c.service}.http`, caller: `server/handler.go:${100 + Math.floor(r() * 300)}`, msg: message(c, level) };
    o.trace_id = hex(r, 32);
    o.latency = Math.floor(r() * 1e6) / 1e3;
    if (level === 'error') {
      o.error = pick(r, ERRORS);
      o.stacktrace = 'main.handler\n\t/app/server/handler.go:92\nnet/http.HandlerFunc.ServeHTTP\n\t/usr/local/go/src/net/http/server.go:2136';
    }
    return JSON.stringify(o);
  },
  pino: (c, level) => {
    const r = c.r;
    const n = { debug: 20, info: 30, warn: 40, error: 50 }[level] ?? 30;
    const o: Record<string, unknown> = { level: n, time: c.ms, pid: 843, hostname: `${c.service}-7d9f8c6b5-x2x9z`, reqId: `req-${Math.floor(r() * 1e6)}` };
    o.req = { method: pick(r, METHODS), url: pick(r, PATHS), headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)', accept: 'application/json' }, remoteAddress: '10.1.2.3', remotePort: 40000 + Math.floor(r() * 20000) };
    o.responseTime = Math.floor(r() * 900);
    if (level === 'error') o.err = { type: 'Error', message: pick(r, ERRORS), stack: 'Error: boom\n    at handler (/app/index.js:10:5)' };
    o.msg = message(c, level);
    return JSON.stringify(o);
  },
  logrus: (c, level) => {
    const r = c.r;
    const o: Record<string, unknown> = { component: pick(r, ['queue', 'db', 'cache', 'http']), duration_ms: Math.floor(r() * 500), level: level === 'warn' ? 'warning' : level, msg: message(c, level), request_id: hex(r, 16) };
    if (level === 'error') o.error = pick(r, ERRORS);
    o.time = isoOffset(c.ms);
    return JSON.stringify(o);
  },
  zerolog: (c, level) => {
    const r = c.r;
    const o: Record<string, unknown> = { level, method: pick(r, METHODS), endpoint: pick(r, PATHS), status: level === 'error' ? 500 : 200, user_id: `user${Math.floor(r() * 1000)}`, response_time_ms: Math.floor(r() * 400) };
    if (level === 'error') o.error = pick(r, ERRORS);
    o.time = iso(c.ms).slice(0, 19) + 'Z';
    o.caller = `/src/app/main.go:${50 + Math.floor(r() * 50)}`;
    o.message = message(c, level);
    return JSON.stringify(o);
  },
  clef: (c, level) => {
    const r = c.r;
    const l = { debug: 'Debug', info: 'Information', warn: 'Warning', error: 'Error' }[level] ?? 'Information';
    const id = hex(r, 16);
    const o: Record<string, unknown> = { '@t': isoMicro(c.ms, r), '@mt': 'Processed request {RequestId} in {Elapsed} ms', '@m': `Processed request ${id} in ${Math.floor(r() * 300)} ms`, RequestId: id, Elapsed: Math.floor(r() * 300), MachineName: 'PROD-WEB09' };
    if (level !== 'info') o['@l'] = l;
    return JSON.stringify(o);
  },
  ecs: (c, level) => {
    const r = c.r;
    return JSON.stringify({ '@timestamp': iso(c.ms), 'log.level': level, message: message(c, level), 'ecs.version': '1.6.0', 'service.name': c.service, 'http.request.method': pick(r, METHODS), 'url.path': pick(r, PATHS), 'event.duration': Math.floor(r() * 1e9) });
  },
};

const GO_TRACE = [
  'fatal error: concurrent map writes',
  '',
  'goroutine 112 [running]:',
  'main.(*routeCache).put(0xc000123400, {0xc0001a2b40, 0x12}, 0xc0002c4000)',
  '\t/app/cache.go:42 +0x65',
  'main.(*server).reload(0xc00008e000)',
  '\t/app/server.go:201 +0x1f4',
  'created by main.main in goroutine 1',
  '\t/app/main.go:88 +0x3a5',
];

export const DIALECT_NAMES = Object.keys(DIALECTS);

/** Yields the log's lines (a Go trace counts as several) in order; deterministic for a seed. */
export function* logLines(seed = 1): Generator<string> {
  const r = rng(seed);
  const services = DIALECT_NAMES.map((d, i) => ({ dialect: DIALECTS[d], service: `svc-${d}-${i}` }));
  const c: Ctx = { r, ms: Date.UTC(2024, 4, 1, 0, 0, 0), service: '' };
  for (;;) {
    c.ms += Math.floor(r() * 4);
    if (r() < 0.00005) {
      yield* GO_TRACE;
      continue;
    }
    const s = pick(r, services);
    c.service = s.service;
    yield s.dialect(c, pick(r, LEVEL_WORDS));
  }
}

/**
 * Write about `bytes` bytes of interleaved JSON lines to `path` (via a temp
 * file, so an interrupted run never leaves a truncated file behind).
 */
export async function generate(path: string, bytes: number, seed = 1): Promise<{ lines: number; bytes: number }> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp, { highWaterMark: 1 << 22 });
  let written = 0;
  let lines = 0;
  let buf: string[] = [];
  let bufLen = 0;
  const flush = async () => {
    const s = buf.join('');
    buf = [];
    bufLen = 0;
    if (!out.write(s)) await new Promise<void>((res) => out.once('drain', () => res()));
  };
  for (const line of logLines(seed)) {
    if (written >= bytes) break;
    const text = line + '\n';
    written += Buffer.byteLength(text);
    lines++;
    buf.push(text);
    bufLen += text.length;
    if (bufLen > 1 << 20) await flush();
  }
  await flush();
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  await rename(tmp, path);
  return { lines, bytes: written };
}

/** Generate unless a file of this size and seed is already there. */
export async function ensureFile(path: string, bytes: number, seed = 1): Promise<void> {
  try {
    const st = await stat(path);
    if (st.size >= bytes) return;
  } catch {
    // missing: generate below
  }
  await generate(path, bytes, seed);
}
