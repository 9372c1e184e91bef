// A loopback HTTP endpoint in front of chDB (the ClickHouse engine embedded
// in-process), speaking the subset of ClickHouse's HTTP interface the source
// uses: the query in the `query` parameter and/or the POST body, the format
// from `default_format`, any other parameter as a setting (readonly,
// max_execution_time, max_result_rows, result_overflow_mode…, appended as a
// SETTINGS clause — which ClickHouse itself enforces), credentials from
// X-ClickHouse-User/Key, Basic auth or user/password parameters, errors as
// ClickHouse's own text with its HTTP status, CORS for the browser tests.
// The SQL is real ClickHouse SQL; only the HTTP framing is written here.
// Tests start it on 127.0.0.1 and close it; it counts the rows it returns.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

interface StreamChunk { readonly numRows: number; raw(): Uint8Array }
interface ChdbStream extends AsyncIterable<StreamChunk> { cancel(): void }
export interface ChdbSession {
  queryAsync(sql: string, opts?: { format?: string }): Promise<{ text(): string }>;
  queryStream(sql: string, opts?: { format?: string }): ChdbStream;
  close(): void;
}
interface ChdbModule { Session: new (path?: string) => ChdbSession }

const HERE = dirname(fileURLToPath(import.meta.url));
const CHDB_DIR = join(HERE, 'node_modules', 'chdb');

/** chDB is installed by `npm ci --prefix test/clickhouse` (.ci/run does it). */
export function chdbAvailable(): boolean {
  return existsSync(join(CHDB_DIR, 'package.json'));
}

export function openChdb(): ChdbSession {
  const mod = createRequire(import.meta.url)(CHDB_DIR) as ChdbModule;
  return new mod.Session();
}

/** Parameters that are not settings (ClickHouse's HTTP handler reserves these). */
const NOT_SETTINGS = new Set(['query', 'default_format', 'database', 'user', 'password', 'query_id', 'session_id', 'session_timeout', 'compress', 'decompress', 'buffer_size', 'wait_end_of_query']);

export interface ServerStats {
  requests: number;
  rowsReturned: number;
  /** Per request: the SQL, the rows it returned and how long it took (ms, from its turn to its end). */
  log: { sql: string; rows: number; status: number; ms: number }[];
}

export interface ChdbServer {
  url: string;
  stats: ServerStats;
  resetStats(): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  user: string;
  password: string;
}

function httpStatus(code: number | undefined): number {
  if (code === 516 || code === 194) return 401;
  if (code === 164 || code === 497) return 403;
  if (code === 60 || code === 81 || code === 47 || code === 16) return 404;
  if (code === 62 || code === 27 || code === 6 || code === 36 || code === 43 || code === 115) return 400;
  return 500;
}

function chCode(message: string): number | undefined {
  const m = /Code: (\d+)\./.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** ClickHouse's own text ("Code: 60. DB::Exception: …"), without chDB's class-name prefix. */
function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const at = msg.indexOf('Code: ');
  return at > 0 ? msg.slice(at) : msg;
}

function settingValue(v: string): string {
  return /^-?\d+(?:\.\d+)?$/.test(v) ? v : "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/** As ClickHouse does: the preflight is answered as its default http_options_response says; a query's answer carries Access-Control-Allow-Origin only when it asked with add_http_cors_header=1. */
function cors(req: IncomingMessage, res: ServerResponse, asked: boolean): void {
  if (req.method !== 'OPTIONS' && !asked) return;
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-ClickHouse-User, X-ClickHouse-Key, X-ClickHouse-Format');
  res.setHeader('Access-Control-Expose-Headers', 'X-ClickHouse-Exception-Code, X-ClickHouse-Summary');
}

function credentials(req: IncomingMessage, params: URLSearchParams): { user: string; password: string } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    const [user, ...rest] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
    return { user, password: rest.join(':') };
  }
  const h = (k: string) => { const v = req.headers[k]; return Array.isArray(v) ? v[0] : v; };
  return { user: h('x-clickhouse-user') ?? params.get('user') ?? 'default', password: h('x-clickhouse-key') ?? params.get('password') ?? '' };
}

async function body(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export async function startChdbServer(session: ChdbSession, options: ServerOptions): Promise<ChdbServer> {
  const stats: ServerStats = { requests: 0, rowsReturned: 0, log: [] };
  // One chDB session runs one stream at a time: requests take turns.
  let queue: Promise<void> = Promise.resolve();
  const fail = (res: ServerResponse, status: number, text: string, code?: number) => {
    if (code !== undefined) res.setHeader('X-ClickHouse-Exception-Code', String(code));
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=UTF-8' });
    res.end(text.endsWith('\n') ? text : text + '\n');
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    cors(req, res, url.searchParams.get('add_http_cors_header') === '1');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/ping') {
      res.writeHead(200).end('Ok.\n');
      return;
    }
    const params = url.searchParams;
    const sql = [params.get('query'), req.method === 'POST' ? await body(req) : ''].filter((s) => s && s.trim()).join('\n').trim();
    stats.requests++;
    const entry = { sql, rows: 0, status: 200, ms: 0 };
    stats.log.push(entry);
    const who = credentials(req, params);
    if (who.user !== options.user || who.password !== options.password) {
      entry.status = 401;
      fail(res, 401, `Code: 516. DB::Exception: ${who.user}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)`, 516);
      return;
    }
    if (!sql) {
      entry.status = 400;
      fail(res, 400, 'Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)', 62);
      return;
    }
    const settings: string[] = [];
    for (const [k, v] of params) {
      if (NOT_SETTINGS.has(k)) continue;
      if (!/^\w+$/.test(k)) return fail(res, 400, `Code: 115. DB::Exception: Unknown setting ${k}. (UNKNOWN_SETTING)`, 115);
      settings.push(`${k} = ${settingValue(v)}`);
    }
    const format = params.get('default_format') ?? 'TabSeparated';
    if (!/^\w+$/.test(format)) return fail(res, 400, `Code: 73. DB::Exception: Unknown format ${format}. (UNKNOWN_FORMAT)`, 73);
    const full = sql.replace(/;\s*$/, '') + (settings.length ? `\nSETTINGS ${settings.join(', ')}` : '');
    // chDB streams only queries that return rows; anything else (an INSERT a
    // read-only request must refuse, a DDL) runs whole, and chDB applies the
    // same settings to it, readonly included.
    if (!/^\s*(?:\(|select\b|with\b|show\b|describe\b|desc\b|explain\b|exists\b)/i.test(sql)) {
      try {
        const text = (await session.queryAsync(full, { format })).text();
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Format': format });
        res.end(text);
      } catch (e) {
        const msg = errorText(e);
        const code = chCode(msg);
        entry.status = httpStatus(code);
        fail(res, entry.status, msg, code);
      }
      return;
    }
    const stream = session.queryStream(full, { format });
    let closed = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        stream.cancel();
      }
    });
    let started = false;
    try {
      for await (const chunk of stream) {
        if (closed) break;
        if (!started) {
          started = true;
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Format': format });
        }
        entry.rows += chunk.numRows;
        stats.rowsReturned += chunk.numRows;
        const bytes = chunk.raw();
        // Wait for the client to take the bytes, or to go away (then no 'drain' ever comes).
        if (!res.write(Buffer.from(bytes))) {
          await new Promise<void>((r) => {
            const done = () => {
              res.off('drain', done);
              res.off('close', done);
              r();
            };
            res.on('drain', done);
            res.on('close', done);
          });
        }
      }
      if (!started) res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Format': format });
      res.end();
    } catch (e) {
      const msg = errorText(e);
      const code = chCode(msg);
      entry.status = started ? 200 : httpStatus(code);
      // Like ClickHouse: an error after the answer started is written into the stream.
      if (started) res.end('\n' + msg + '\n');
      else fail(res, entry.status, msg, code);
    }
  }

  const server = createServer((req, res) => {
    const turn = queue.then(async () => {
      const t0 = performance.now();
      const n = stats.log.length;
      await handle(req, res);
      if (stats.log.length > n) stats.log[n].ms = performance.now() - t0;
    }).catch((e) => {
      if (!res.headersSent) fail(res, 500, String(e));
      else res.end();
    });
    queue = turn;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    stats,
    resetStats() {
      stats.requests = 0;
      stats.rowsReturned = 0;
      stats.log.length = 0;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
