// The parts of a ClickHouse connection that may live in the page URL: the
// database, the table and a column mapping for tables other than otel_logs,
// so a reload (or a colleague given the URL) opens the dialog on the same
// schema. Never the server, the user or the password: those stay in memory.
// Parameters read from the URL are untrusted; the mapping is validated by
// decodeMapping (plain column names only) and dropped when it does not parse.

import { decodeMapping, encodeMapping, OTEL_MAPPING } from '../../engine/sources/clickhouse/schema.ts';
import type { ConnectForm } from './connect-store.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,200}$/;

/** What the URL says about the schema (only the fields it names). */
export function readConnectParams(search: string): Partial<ConnectForm> {
  const p = new URLSearchParams(search);
  const out: Partial<ConnectForm> = {};
  const db = p.get('chdb'), table = p.get('chtable'), map = p.get('chmap');
  if (db && NAME.test(db)) out.database = db;
  if (table && NAME.test(table)) out.table = table;
  if (map && map.length <= 2000) {
    try {
      out.mapping = encodeMapping(decodeMapping(map));
    } catch {
      // A mapping that does not parse is ignored: the dialog shows otel_logs' own.
    }
  }
  return out;
}

/** `search` with the schema of `form` in it (the mapping only when it is not otel_logs'). */
export function withConnectParams(search: string, form: Pick<ConnectForm, 'database' | 'table' | 'mapping'>): string {
  const p = new URLSearchParams(search);
  for (const k of ['chdb', 'chtable', 'chmap']) p.delete(k);
  if (form.database) p.set('chdb', form.database);
  if (form.table) p.set('chtable', form.table);
  if (form.mapping && form.mapping !== encodeMapping(OTEL_MAPPING)) p.set('chmap', form.mapping);
  const out = p.toString();
  return out ? `?${out}` : '';
}
