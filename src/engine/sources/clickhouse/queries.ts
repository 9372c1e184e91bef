// The SQL the ClickHouse source sends, built from a window, a column mapping
// and the vocabulary. Three steps push the work to the cluster:
//   1. density: counts per source and time bucket (errors and warnings among them);
//   2. classes: the vocabulary's required literals (required-literals.ts)
//      evaluated with multiSearchAnyCaseInsensitive over the message and the
//      error attributes, grouped by class and source with a few samples; the
//      same predicate (or an error severity) selects the candidate events the
//      marks and rules run on — the exact JavaScript patterns then decide, so
//      the server-side test only has to be a sound superset;
//   3. raw: every line of a (zoomed) range, ordered by time, with a LIMIT.
// Every query is a plain SELECT; the client adds readonly and the limits.
// https://clickhouse.com/docs/sql-reference/functions/string-search-functions

import { BUILTIN_VOCABULARY, type VocabularyEntry } from '../../classify/vocabulary.ts';
import { requiredLiterals } from '../../classify/required-literals.ts';
import { ident, strLit, tableRef, type ColumnMapping } from './schema.ts';

export interface PullWindow {
  database?: string;
  table: string;
  mapping: ColumnMapping;
  fromMs: number;
  toMs: number;
  /** Only these sources (services), when given. */
  sources?: string[];
  /** Extra SQL condition, the user's own (CLI `--where`); runs read-only like the rest. */
  where?: string;
}

/** multiSearchAny takes at most this many needles per call. */
const MAX_NEEDLES = 255;
/** OTel SeverityNumber ranges: 13-16 WARN, 17-24 ERROR/FATAL. */
const ERROR_WORDS = ['error', 'err', 'fatal', 'critical', 'crit', 'alert', 'emergency', 'panic', 'severe'];
const WARN_WORDS = ['warn', 'warning'];

function timeExpr(m: ColumnMapping): string {
  return ident(m.time);
}

/** The WHERE clause every step shares: the window (pruned by the primary key's time column when there is one), sources, the user's filter. */
export function windowCondition(w: PullWindow, fromMs = w.fromMs, toMs = w.toMs): string {
  const t = timeExpr(w.mapping);
  const parts = [
    `${t} >= fromUnixTimestamp64Milli(toInt64(${Math.floor(fromMs)}), 'UTC')`,
    `${t} < fromUnixTimestamp64Milli(toInt64(${Math.ceil(toMs)}), 'UTC')`,
  ];
  if (w.mapping.timeIndex) {
    const ti = ident(w.mapping.timeIndex);
    parts.unshift(`${ti} >= toDateTime(${Math.floor(fromMs / 1000)}, 'UTC')`, `${ti} <= toDateTime(${Math.ceil(toMs / 1000)}, 'UTC')`);
  }
  if (w.sources && w.sources.length > 0) parts.push(`${ident(w.mapping.source)} IN (${w.sources.map(strLit).join(', ')})`);
  if (w.where && w.where.trim()) parts.push(`(${w.where})`);
  return parts.join('\n  AND ');
}

function severityClass(m: ColumnMapping): string {
  const lvl = `lower(toString(${ident(m.level)}))`;
  const num = m.severityNumber ? ident(m.severityNumber) : null;
  const isError = `${lvl} IN (${ERROR_WORDS.map(strLit).join(', ')})` + (num ? ` OR ${num} >= 17` : '');
  const isWarn = `${lvl} IN (${WARN_WORDS.map(strLit).join(', ')})` + (num ? ` OR ${num} >= 13` : '');
  return `multiIf(${isError}, 'error', ${isWarn}, 'warn', 'info')`;
}

/** Message plus the error attributes, as the classifier sees "message + extra fields". */
function subjectExpr(m: ColumnMapping): string {
  const parts = [`toString(${ident(m.message)})`];
  for (const f of m.fields) for (const k of m.errorKeys) parts.push(`${ident(f)}[${strLit(k)}]`);
  return parts.length === 1 ? parts[0] : `concat(${parts.join(", ' ', ")})`;
}

/** A vocabulary entry as a server-side test, or null when its pattern requires no literal (it cannot be pushed down). */
function entryPredicate(subject: string, e: VocabularyEntry): string | null {
  let lits: string[] | null;
  try {
    lits = requiredLiterals(e.pattern);
  } catch {
    lits = null;
  }
  if (!lits || lits.length === 0 || lits.includes('')) return null;
  const calls: string[] = [];
  for (let i = 0; i < lits.length; i += MAX_NEEDLES) {
    calls.push(`multiSearchAnyCaseInsensitive(${subject}, [${lits.slice(i, i + MAX_NEEDLES).map(strLit).join(', ')}])`);
  }
  return calls.join(' OR ');
}

export interface ClassPlan {
  /** multiIf over the entries: the first entry whose literals occur names the row's candidate class ('' for none). */
  classExpr: string;
  /** Any entry may match, or the row is an error: the rows the rules need. */
  candidate: string;
  /** Entries that could not be pushed down (no required literal): their matches arrive only through the raw stream. */
  notPushed: VocabularyEntry[];
}

export function classPlan(m: ColumnMapping, custom: readonly VocabularyEntry[] = []): ClassPlan {
  const subject = subjectExpr(m);
  const arms: string[] = [];
  const notPushed: VocabularyEntry[] = [];
  for (const e of [...custom, ...BUILTIN_VOCABULARY]) {
    const p = entryPredicate(subject, e);
    if (p) arms.push(`${p}, ${strLit(e.kind + (e.failed ? ':failed' : ''))}`);
    else notPushed.push(e);
  }
  const sev = severityClass(m);
  const classExpr = `multiIf(${arms.join(',\n    ')},\n    ${sev} = 'error', 'error', '')`;
  return { classExpr, candidate: `(${classExpr}) != ''`, notPushed };
}

export interface BuiltQuery {
  sql: string;
  /** Rows the answer may hold (sent as max_result_rows). */
  maxRows: number;
}

/** Step 1: counts per source and bucket, with how many of them are errors and warnings (one row per bucket keeps the answer small). */
export function densityQuery(w: PullWindow, bucketMs: number): BuiltQuery {
  const t = timeExpr(w.mapping);
  const b = Math.max(1, Math.round(bucketMs));
  const sql = `SELECT source, bucket, count() AS n, countIf(level = 'error') AS errors, countIf(level = 'warn') AS warnings
FROM (
  SELECT toString(${ident(w.mapping.source)}) AS source,
    intDiv(toUnixTimestamp64Milli(toDateTime64(${t}, 3, 'UTC')), ${b}) * ${b} AS bucket,
    ${severityClass(w.mapping)} AS level
  FROM ${tableRef(w.database, w.table)}
  WHERE ${windowCondition(w)}
)
GROUP BY source, bucket
ORDER BY bucket, source`;
  return { sql, maxRows: 500_000 };
}

/** Step 2a: per class and source, how many candidates, when, and a few samples. */
export function classesQuery(w: PullWindow, custom: readonly VocabularyEntry[] = [], samples = 3): BuiltQuery {
  const plan = classPlan(w.mapping, custom);
  const t = timeExpr(w.mapping);
  const sql = `SELECT cls AS class, source, count() AS n,
  toString(toUnixTimestamp64Milli(toDateTime64(min(ts), 3, 'UTC'))) AS first,
  toString(toUnixTimestamp64Milli(toDateTime64(max(ts), 3, 'UTC'))) AS last,
  groupArray(${Math.max(1, Math.floor(samples))})(message) AS samples
FROM (
  SELECT ${plan.classExpr} AS cls, toString(${ident(w.mapping.source)}) AS source, ${t} AS ts, toString(${ident(w.mapping.message)}) AS message
  FROM ${tableRef(w.database, w.table)}
  WHERE ${windowCondition(w)}
)
WHERE cls != ''
GROUP BY class, source
ORDER BY class, source`;
  return { sql, maxRows: 100_000 };
}

function rowColumns(m: ColumnMapping): string {
  const cols = [
    `toString(toUnixTimestamp64Nano(toDateTime64(${timeExpr(m)}, 9, 'UTC'))) AS ns`,
    `toString(${ident(m.source)}) AS source`,
    `toString(${ident(m.level)}) AS level`,
    `toString(${ident(m.message)}) AS message`,
  ];
  m.fields.forEach((f, i) => cols.push(`${ident(f)} AS f${i}`));
  return cols.join(', ');
}

/** Step 2b: the candidate events themselves (classified client-side by the same vocabulary). */
export function candidatesQuery(w: PullWindow, limit: number, custom: readonly VocabularyEntry[] = []): BuiltQuery {
  const plan = classPlan(w.mapping, custom);
  const n = Math.max(1, Math.floor(limit));
  const sql = `SELECT ${rowColumns(w.mapping)}
FROM ${tableRef(w.database, w.table)}
WHERE ${windowCondition(w)}
  AND ${plan.candidate}
ORDER BY ${timeExpr(w.mapping)}
LIMIT ${n}`;
  return { sql, maxRows: n };
}

/** Step 3: every line of a range, ordered by time. */
export function rawQuery(w: PullWindow, fromMs: number, toMs: number, limit: number): BuiltQuery {
  const n = Math.max(1, Math.floor(limit));
  const sql = `SELECT ${rowColumns(w.mapping)}
FROM ${tableRef(w.database, w.table)}
WHERE ${windowCondition(w, fromMs, toMs)}
ORDER BY ${timeExpr(w.mapping)}
LIMIT ${n}`;
  return { sql, maxRows: n };
}

/** Sources in the window with their row counts (the Connect dialog's service list). */
export function sourcesQuery(w: PullWindow): BuiltQuery {
  const sql = `SELECT toString(${ident(w.mapping.source)}) AS source, count() AS n
FROM ${tableRef(w.database, w.table)}
WHERE ${windowCondition({ ...w, sources: undefined })}
GROUP BY source ORDER BY source`;
  return { sql, maxRows: 10_000 };
}
