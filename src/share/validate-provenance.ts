// The provenance a link made from a pulled window carries (payload.ts
// SharedProvenance), checked like the rest of a link: every field narrowed,
// capped and rebuilt, unknown keys dropped. Names must be plain identifiers,
// times real times, the mapping one the schema module reads, the host a bare
// http(s) origin, so no user or password can ride in it. The `where` text is
// only ever shown, never run: the receiver has no connection to run it on.

import { decodeMapping, encodeMapping } from '../engine/sources/clickhouse/schema.ts';
import { field, NarrowError, obj, oneOf, optional, str, strList } from './narrow.ts';
import type { SharedProvenance } from './payload.ts';

/** Caps on what a provenance may hold (a real one is a few hundred characters). */
export const PROVENANCE_CAPS = { name: 200, time: 64, sources: 200, source: 200, where: 4000, mapping: 2000, host: 300 } as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Epoch ms between 1900 and 2400, as for every other time in a link. */
const TIME_MIN = -2_208_988_800_000;
const TIME_MAX = 13_569_465_600_000;

function name(v: unknown, path: string): string {
  const s = str(v, path, PROVENANCE_CAPS.name);
  if (!NAME.test(s)) throw new NarrowError(path, 'is not a plain table or database name');
  return s;
}

function isoTime(v: unknown, path: string): string {
  const t = Date.parse(str(v, path, PROVENANCE_CAPS.time));
  if (!Number.isFinite(t) || t < TIME_MIN || t > TIME_MAX) throw new NarrowError(path, 'is not a time');
  return new Date(t).toISOString();
}

function mapping(v: unknown, path: string): string {
  const s = str(v, path, PROVENANCE_CAPS.mapping);
  try {
    return encodeMapping(decodeMapping(s));
  } catch (e) {
    throw new NarrowError(path, `is not a column mapping (${e instanceof Error ? e.message.slice(0, 200) : 'unreadable'})`);
  }
}

function host(v: unknown, path: string): string {
  const s = str(v, path, PROVENANCE_CAPS.host);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new NarrowError(path, 'is not a server address');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new NarrowError(path, 'is not an http(s) address');
  if (u.username || u.password) throw new NarrowError(path, 'carries credentials');
  if (u.origin !== s) throw new NarrowError(path, 'is not a bare server origin (scheme, host and port only)');
  return s;
}

/** A link's `provenance` field (undefined when absent); throws NarrowError when it is not a valid one. */
export function provenanceField(v: unknown, path = 'provenance'): SharedProvenance | undefined {
  if (v === undefined) return undefined;
  const o = obj(v, path);
  const from = isoTime(field(o, 'from'), `${path}.from`);
  const to = isoTime(field(o, 'to'), `${path}.to`);
  if (Date.parse(to) <= Date.parse(from)) throw new NarrowError(path, 'window ends before it starts');
  const p: SharedProvenance = { kind: oneOf(field(o, 'kind'), `${path}.kind`, ['clickhouse'] as const), table: name(field(o, 'table'), `${path}.table`), from, to };
  const database = optional(field(o, 'database'), (x) => name(x, `${path}.database`));
  const sources = optional(field(o, 'sources'), (x) => strList(x, `${path}.sources`, PROVENANCE_CAPS.sources, PROVENANCE_CAPS.source));
  const where = optional(field(o, 'where'), (x) => str(x, `${path}.where`, PROVENANCE_CAPS.where));
  const map = optional(field(o, 'mapping'), (x) => mapping(x, `${path}.mapping`));
  const origin = optional(field(o, 'host'), (x) => host(x, `${path}.host`));
  if (database) p.database = database;
  if (sources?.length) p.sources = sources;
  if (where?.trim()) p.where = where;
  if (map) p.mapping = map;
  if (origin) p.host = origin;
  return p;
}

/** The provenance without the server's address (the default: the sender must opt in to name the server). */
export function withoutHost(p: SharedProvenance): SharedProvenance {
  const { host: _host, ...rest } = p;
  return rest;
}
