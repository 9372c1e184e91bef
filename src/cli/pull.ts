// `timberline pull clickhouse …`: asks a ClickHouse server for an incident
// window with the work pushed down (density, vocabulary classes, candidate
// events) and writes a bundle the app and `timberline analyze` open like any
// file; `timberline analyze clickhouse://…` runs the same pull and prints the
// findings straight away. Credentials come from CLICKHOUSE_USER and
// CLICKHOUSE_PASSWORD, never from the command line (it shows in `ps`) or a URL.

import { writeFileSync } from 'node:fs';
import { pullIncident, type PullResult } from '../engine/sources/clickhouse/pull.ts';
import { ClickHouseError, type Connection } from '../engine/sources/clickhouse/client.ts';
import { decodeMapping, OTEL_MAPPING } from '../engine/sources/clickhouse/schema.ts';
import { parseClickHouseUrl, parseTime, provenanceOf } from '../engine/sources/clickhouse/provenance.ts';
import type { PullWindow } from '../engine/sources/clickhouse/queries.ts';
import { writeBundle } from '../engine/sources/clickhouse/bundle.ts';
import { bytesSource } from '../engine/ingest/byte-source.ts';
import { EngineSession } from '../engine/session/session.ts';
import { buildReport, type Report } from '../engine/report.ts';
import type { IngestResult } from '../engine/ingest/ingest.ts';
import { terminalSafe } from './terminal-safe.ts';

export const PULL_USAGE = `usage: timberline pull clickhouse --url URL --table NAME --from TIME --to TIME [options] -o BUNDLE.jsonl
       timberline analyze clickhouse://HOST:PORT/[DATABASE/]TABLE?from=TIME&to=TIME[&service=a,b][&where=SQL]

  Pulls an incident window from ClickHouse's HTTP interface with the work done
  by the server: counts per service and minute, the vocabulary's classes, and
  only the candidate events. The bundle opens in the app like any file.
  User and password come from CLICKHOUSE_USER and CLICKHOUSE_PASSWORD.

  --url URL         the HTTP interface, e.g. http://127.0.0.1:8123
  --database NAME   database of the table (default: the user's default)
  --table NAME      table (otel_logs columns need no mapping)
  --from TIME       window start (ISO 8601)
  --to TIME         window end
  --service A,B     only these services
  --where SQL       an extra condition, run read-only like the rest
  --mapping M       columns of another schema: time,timeIndex,source,level,message,fields,errorKeys,severityNumber
  --timeout S       seconds each query may run (default 30)
  --limit N         candidate events at most (default 200000)
  --include-host    name the server in the bundle's manifest
  -o FILE           the bundle to write`;

export interface PullArgs {
  conn: Connection;
  window: PullWindow;
  out: string;
  timeoutS?: number;
  limit?: number;
  includeHost: boolean;
}

export function parsePullArgs(argv: readonly string[], env: Record<string, string | undefined>): PullArgs | string {
  const [kind, ...rest] = argv;
  if (kind !== 'clickhouse') return `pull knows one source: clickhouse${kind ? `, not "${kind}"` : ''}`;
  const v: Record<string, string> = {};
  let includeHost = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--include-host') { includeHost = true; continue; }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!['--url', '--database', '--table', '--from', '--to', '--service', '--where', '--mapping', '--timeout', '--limit', '-o', '--output'].includes(flag)) return `unknown option "${arg}"`;
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined) return `${flag} needs a value`;
    v[flag === '--output' ? '-o' : flag] = value;
  }
  for (const need of ['--url', '--table', '--from', '--to', '-o']) if (!v[need]) return `pull clickhouse needs ${need}`;
  try {
    const u = new URL(v['--url']);
    if (u.username || u.password) return 'credentials do not belong in --url: set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD';
    const window: PullWindow = {
      database: v['--database'], table: v['--table'], mapping: v['--mapping'] ? decodeMapping(v['--mapping']) : OTEL_MAPPING,
      fromMs: parseTime(v['--from']), toMs: parseTime(v['--to']),
      sources: v['--service'] ? v['--service'].split(',').filter(Boolean) : undefined, where: v['--where'],
    };
    if (window.fromMs >= window.toMs) return '--from must be before --to';
    const num = (f: string) => (v[f] === undefined ? undefined : Number(v[f]));
    const timeoutS = num('--timeout'), limit = num('--limit');
    if (timeoutS !== undefined && !(timeoutS > 0)) return '--timeout needs a number of seconds';
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) return '--limit needs a whole number';
    return { conn: { url: u.toString(), user: env.CLICKHOUSE_USER, password: env.CLICKHOUSE_PASSWORD }, window, out: v['-o'], timeoutS, limit, includeHost };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function progress(): (step: string, p: { rows: number }) => void {
  return (step, p) => { if (process.stderr.isTTY) process.stderr.write(`\r${step}: ${p.rows} rows  `); };
}

function bundleOf(a: Pick<PullArgs, 'conn' | 'window' | 'includeHost'>, r: PullResult): string {
  return writeBundle({ provenance: provenanceOf(a.window, a.conn, a.includeHost), density: r.density, rowsFetched: r.stats.rowsReturned, truncated: r.truncated, queries: r.queries }, r.files);
}

/** `timberline pull clickhouse`; exit 0 written, 1 the server said no, 2 bad usage. */
export async function pullMain(argv: readonly string[]): Promise<number> {
  const a = parsePullArgs(argv, process.env);
  if (typeof a === 'string') {
    process.stderr.write(`timberline: ${a}\n\n${PULL_USAGE}\n`);
    return 2;
  }
  try {
    const r = await pullIncident(a.conn, a.window, { timeoutS: a.timeoutS, eventLimit: a.limit, onProgress: progress() });
    writeFileSync(a.out, bundleOf(a, r));
    process.stderr.write(`\rwrote ${a.out}: ${r.events} events in ${r.files.length} services; ${r.stats.rowsReturned} rows fetched of ${r.density.total} in the window, ${r.stats.queries} queries${r.truncated ? ' (event limit reached: later events are missing)' : ''}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(terminalSafe(`\ntimberline: ${e instanceof ClickHouseError ? 'the server answered: ' : ''}${e instanceof Error ? e.message : String(e)}`) + '\n');
    return 1;
  }
}

/** `timberline analyze clickhouse://…`: pull, then the report of the bundle it would have written. */
export async function analyzeClickHouse(url: string, env: Record<string, string | undefined>): Promise<Report & { rowsFetched: number }> {
  const { conn, window } = parseClickHouseUrl(url, { user: env.CLICKHOUSE_USER, password: env.CLICKHOUSE_PASSWORD });
  const r = await pullIncident(conn, window, { onProgress: progress() });
  const session = new EngineSession();
  const summary = await session.load([bytesSource('pulled.jsonl', bundleOf({ conn, window, includeHost: false }, r))]);
  return { ...buildReport(session.loaded as IngestResult, summary.analysis), rowsFetched: r.stats.rowsReturned };
}
