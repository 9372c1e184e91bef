// Where a pulled window came from, without the secrets: the source kind,
// table, window, filters and column mapping — the host only when the user
// opts in, credentials never. It is written beside a CLI bundle and carried
// by share links made from a pulled window. `clickhouse://host:port/db/table?
// from=…&to=…` names the same things for `timberline analyze`.

import type { Connection } from './client.ts';
import { decodeMapping, encodeMapping, OTEL_MAPPING, sameMapping, type ColumnMapping } from './schema.ts';
import type { PullWindow } from './queries.ts';

export interface Provenance {
  kind: 'clickhouse';
  database?: string;
  table: string;
  from: string;
  to: string;
  sources?: string[];
  where?: string;
  /** Column mapping (encodeMapping), absent for otel_logs' own columns. */
  mapping?: string;
  /** Server origin, only when the user chose to include it. */
  host?: string;
}

export function provenanceOf(w: PullWindow, conn?: Connection, includeHost = false): Provenance {
  const p: Provenance = { kind: 'clickhouse', table: w.table, from: new Date(w.fromMs).toISOString(), to: new Date(w.toMs).toISOString() };
  if (w.database) p.database = w.database;
  if (w.sources?.length) p.sources = [...w.sources];
  if (w.where) p.where = w.where;
  if (!sameMapping(w.mapping, OTEL_MAPPING)) p.mapping = encodeMapping(w.mapping);
  if (includeHost && conn) p.host = new URL(conn.url).origin;
  return p;
}

/** Parse unknown JSON (a manifest, a share link's field) as provenance, or null. */
export function narrowProvenance(v: unknown): Provenance | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const table = s('table'), from = s('from'), to = s('to');
  if (o.kind !== 'clickhouse' || !table || !from || !to) return null;
  const p: Provenance = { kind: 'clickhouse', table, from, to };
  const db = s('database'), where = s('where'), mapping = s('mapping'), host = s('host');
  if (db) p.database = db;
  if (where) p.where = where;
  if (mapping) p.mapping = mapping;
  if (host) p.host = host;
  if (Array.isArray(o.sources)) p.sources = o.sources.filter((x): x is string => typeof x === 'string');
  return p;
}

export function parseTime(s: string): number {
  const t = Date.parse(s);
  if (!Number.isFinite(t)) throw new Error(`Not a time: ${JSON.stringify(s)} (use ISO 8601, e.g. 2024-05-14T02:00:00Z)`);
  return t;
}

export interface ParsedSourceUrl {
  conn: Connection;
  window: PullWindow;
}

/**
 * `clickhouse://host:8123/database/table?from=ISO&to=ISO&service=a,b&where=SQL&mapping=…&secure=1`.
 * Credentials come from the caller (environment, prompt), never from the URL.
 */
export function parseClickHouseUrl(s: string, creds: { user?: string; password?: string } = {}): ParsedSourceUrl {
  const u = new URL(s);
  if (u.protocol !== 'clickhouse:') throw new Error(`Not a clickhouse:// URL: ${s}`);
  if (u.username || u.password) throw new Error('Credentials do not belong in the URL: set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD.');
  const path = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [database, table] = path.length >= 2 ? [path[0], path[1]] : [undefined, path[0]];
  if (!table) throw new Error('The URL names no table: clickhouse://host:8123/[database/]table?from=…&to=…');
  const q = u.searchParams;
  const from = q.get('from'), to = q.get('to');
  if (!from || !to) throw new Error('The URL needs from= and to= (ISO 8601 times).');
  const mapping: ColumnMapping = q.get('mapping') ? decodeMapping(q.get('mapping') as string) : OTEL_MAPPING;
  const scheme = q.get('secure') === '1' ? 'https' : 'http';
  const conn: Connection = { url: `${scheme}://${u.host || '127.0.0.1:8123'}/`, user: creds.user, password: creds.password };
  const service = q.get('service');
  return {
    conn,
    window: {
      database, table, mapping, fromMs: parseTime(from), toMs: parseTime(to),
      sources: service ? service.split(',').filter(Boolean) : undefined, where: q.get('where') ?? undefined,
    },
  };
}
