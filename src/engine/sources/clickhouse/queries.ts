// The SQL the ClickHouse source sends, built from a window, a column mapping
// and the vocabulary. Three steps push the work to the cluster:
//   1. density: counts per source and time bucket (errors and warnings among them);
//   2. classes: the vocabulary's required literals (required-literals.ts,
//      lower-case ASCII) looked for in the message and the error attributes,
//      lower-cased once per row, with one RE2 alternation of all of them: a
//      single pass per row, where one multiSearchAnyCaseInsensitive per entry
//      made ten and cost five times as much; the same test (or an error
//      severity) selects the candidate events the marks and rules run on —
//      the exact JavaScript patterns then decide, so the server-side test
//      only has to be a sound superset — and, on those rows only, one
//      alternation per entry names the class for the summary;
//   3. raw: every line of a (zoomed) range, ordered by time, with a LIMIT.
// Every query is a plain SELECT; the client adds readonly and the limits.
// https://clickhouse.com/docs/sql-reference/functions/string-search-functions#match
// https://github.com/google/re2/wiki/Syntax

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

/**
 * Message plus the error attributes, as the classifier sees "message + extra
 * fields", lower-cased once (lowerUTF8 folds every ASCII letter, so a
 * lower-case literal is found whatever its case, as the `i` flag finds it).
 */
function subjectExpr(m: ColumnMapping): string {
  const parts = [`toString(${ident(m.message)})`];
  for (const f of m.fields) for (const k of m.errorKeys) parts.push(`${ident(f)}[${strLit(k)}]`);
  return `lowerUTF8(${parts.length === 1 ? parts[0] : `concat(${parts.join(", ' ', ")})`})`;
}

/** A literal inside an RE2 pattern: letters, digits and spaces as they are, other ASCII escaped, anything else as \x{…}. */
export function reLiteral(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (/[A-Za-z0-9 ]/.test(ch)) out += ch;
    else if (c > 0x20 && c < 0x7f) out += '\\' + ch;
    else out += `\\x{${c.toString(16)}}`;
  }
  return out;
}

/** One RE2 test for "any of these literals occurs" (null for none). */
function anyLiteral(subject: string, lits: readonly string[]): string | null {
  const unique = [...new Set(lits)];
  return unique.length === 0 ? null : `match(${subject}, ${strLit(unique.map(reLiteral).join('|'))})`;
}

/** The literals an entry's matches must contain, or null when it requires none (it cannot be pushed down). */
function entryLiterals(e: VocabularyEntry): string[] | null {
  let lits: string[] | null;
  try {
    lits = requiredLiterals(e.pattern);
  } catch {
    lits = null;
  }
  return !lits || lits.length === 0 || lits.includes('') ? null : lits;
}

export interface ClassPlan {
  /** multiIf over the entries: the first entry whose literals occur names the row's candidate class ('' for none). */
  classExpr: string;
  /**
   * Any entry may match, or the row is an error: the rows the rules need,
   * exactly those whose classExpr is not '', in one pass over each row.
   */
  candidate: string;
  /** Entries that could not be pushed down (no required literal): their matches arrive only through the raw stream. */
  notPushed: VocabularyEntry[];
}

export function classPlan(m: ColumnMapping, custom: readonly VocabularyEntry[] = []): ClassPlan {
  const subject = subjectExpr(m);
  const arms: string[] = [];
  const notPushed: VocabularyEntry[] = [];
  const all: string[] = [];
  for (const e of [...custom, ...BUILTIN_VOCABULARY]) {
    const lits = entryLiterals(e);
    if (!lits) {
      notPushed.push(e);
      continue;
    }
    all.push(...lits);
    arms.push(`${anyLiteral(subject, lits)}, ${strLit(e.kind + (e.failed ? ':failed' : ''))}`);
  }
  const isError = `${severityClass(m)} = 'error'`;
  const classExpr = `multiIf(${[...arms, `${isError}, 'error'`].join(',\n    ')},\n    '')`;
  const any = anyLiteral(subject, all);
  return { classExpr, candidate: any ? `(${any} OR ${isError})` : `(${isError})`, notPushed };
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
    AND ${plan.candidate}
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
