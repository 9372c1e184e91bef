// ClickHouse's HTTP interface, the subset the source uses: a SELECT in the
// POST body, the answer as JSONEachRow read line by line as it streams, and
// every query sent read-only with a time limit and a row limit. Credentials
// go in the X-ClickHouse-User / X-ClickHouse-Key headers, never in the URL.
// A server error is passed on as its own text ("Code: 60. DB::Exception: …").
// https://clickhouse.com/docs/interfaces/http

export interface Connection {
  /** Base URL of the HTTP interface, e.g. http://127.0.0.1:8123 (no credentials in it). */
  url: string;
  user?: string;
  password?: string;
}

export interface QueryLimits {
  /** Seconds the server may spend (max_execution_time). */
  maxExecutionTime: number;
  /** Rows the answer may hold (max_result_rows, result_overflow_mode=throw). */
  maxRows: number;
}

export const DEFAULT_TIMEOUT_S = 30;

export class ClickHouseError extends Error {
  constructor(
    message: string,
    /** HTTP status (0: the request never got an answer). */
    readonly status: number,
    /** ClickHouse's error code when it sent one (60 unknown table, 516 authentication, 159 timeout, 396 too many rows). */
    readonly code?: number,
  ) {
    super(message);
    this.name = 'ClickHouseError';
  }
}

export interface QueryProgress {
  rows: number;
  bytes: number;
}

export interface RunOptions {
  limits: QueryLimits;
  signal?: AbortSignal;
  onProgress?: (p: QueryProgress) => void;
  /** The fetch to use (tests count requests; default: the global one). */
  fetch?: typeof fetch;
}

/** The request for a query: URL with the settings, headers with the credentials, body with the SQL. */
export function buildRequest(conn: Connection, sql: string, limits: QueryLimits): { url: string; init: RequestInit } {
  const u = new URL(conn.url);
  if (u.username || u.password) throw new ClickHouseError('Put the user and password in their own fields, not in the URL.', 0);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ClickHouseError(`Not an HTTP(S) URL: ${u.protocol}`, 0);
  const p = u.searchParams;
  p.set('default_format', 'JSONEachRow');
  // readonly=2: read queries only, yet the limits below may still be set (readonly=1 would refuse them).
  p.set('readonly', '2');
  p.set('max_execution_time', String(Math.max(1, Math.round(limits.maxExecutionTime))));
  p.set('max_result_rows', String(Math.max(1, Math.floor(limits.maxRows))));
  p.set('result_overflow_mode', 'throw');
  p.set('output_format_json_quote_64bit_integers', '1');
  // A page on another origin can read the answer only with CORS headers: ask for them (the server's
  // http_options_response answers the preflight; see docs/clickhouse.md). Harmless outside a browser.
  p.set('add_http_cors_header', '1');
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (conn.user) headers['X-ClickHouse-User'] = conn.user;
  if (conn.password) headers['X-ClickHouse-Key'] = conn.password;
  return { url: u.toString(), init: { method: 'POST', headers, body: sql, credentials: 'omit', cache: 'no-store' } };
}

function errorCode(text: string): number | undefined {
  const m = /^Code: (\d+)\./m.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Run a query and hand each JSONEachRow row to `onRow` as it arrives. Resolves
 * with the number of rows. An exception ClickHouse writes into a stream it
 * already started (status 200) is detected and thrown like any other error.
 */
export async function queryRows(conn: Connection, sql: string, onRow: (row: Record<string, unknown>) => void, options: RunOptions): Promise<number> {
  const { url, init } = buildRequest(conn, sql, options.limits);
  const doFetch = options.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, { ...init, signal: options.signal });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    throw new ClickHouseError(`Could not reach ${new URL(conn.url).origin}: ${e instanceof Error ? e.message : String(e)} (is the server up, and does it send CORS headers for this page?)`, 0);
  }
  if (!res.ok) {
    const text = (await res.text()).trim();
    throw new ClickHouseError(text || `HTTP ${res.status} ${res.statusText}`, res.status, errorCode(text) ?? (Number(res.headers.get('X-ClickHouse-Exception-Code')) || undefined));
  }
  if (!res.body) return 0;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  let rows = 0;
  let bytes = 0;
  const line = (s: string) => {
    if (!s) return;
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch {
      throw new ClickHouseError(s.trim(), res.status, errorCode(s));
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ClickHouseError(`Unexpected answer: ${s.slice(0, 200)}`, res.status);
    rows++;
    onRow(v as Record<string, unknown>);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    rest += decoder.decode(value, { stream: true });
    let nl = rest.indexOf('\n');
    let start = 0;
    while (nl >= 0) {
      line(rest.slice(start, nl));
      start = nl + 1;
      nl = rest.indexOf('\n', start);
    }
    rest = rest.slice(start);
    options.onProgress?.({ rows, bytes });
  }
  rest += decoder.decode();
  // A mid-stream exception arrives as text after the last row, without a newline of its own sometimes.
  if (rest.trim()) line(rest.trim());
  options.onProgress?.({ rows, bytes });
  return rows;
}

/** All rows of a small answer (density, classes). */
export async function queryAll(conn: Connection, sql: string, options: RunOptions): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  await queryRows(conn, sql, (r) => out.push(r), options);
  return out;
}
