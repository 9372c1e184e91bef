// Runs a parsed query plan (parse.ts) against rows. Columns the table already
// has (level, kind, source file, logger, message) are read directly; other
// names are looked up in the record's parsed fields, which are costly (the raw
// line is read back and parsed), so the caller supplies them lazily and the
// plan says whether it needs them at all. Regular expressions come from a
// factory the caller passes in: user patterns run on every line, and which
// engine may run them safely is decided in one place outside the engine.

import { KIND_NAMES } from '../model/kinds.ts';
import { Level, levelFromWord } from '../model/levels.ts';
import type { FieldOp, QueryPlan, Term } from './parse.ts';

export type RegexCheck = { ok: true; test(s: string): boolean } | { ok: false; error: string };
/** Compiles a user pattern, or says why it refuses to (invalid, or unsafe to run on every line). */
export type RegexFactory = (source: string, flags: string) => RegexCheck;

/** A record's fields, keys lower-cased for lookup. */
export interface FlatFields {
  get(key: string): string | undefined;
  values: readonly string[];
}

export interface RowAccess {
  message(): string;
  level: number;
  kind: number;
  file: string;
  logger: string;
  /** The row's message template (`GET <*> status=503`), for `pattern=...`; absent where templates are unknown. */
  pattern?: string;
  /** Lower-cased raw text of the row, to skip parsing fields that cannot contain a word. */
  rawLower(): string;
  fields(): FlatFields | null;
}

export type RowTest = (row: RowAccess) => boolean;
export type CompiledQuery = { ok: true; test: RowTest; needsFields: boolean } | { ok: false; error: string };

const COLUMN_FIELDS = new Set(['level', 'kind', 'source', 'file', 'logger', 'msg', 'message', 'pattern']);
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
const DURATION = /^([-+]?(?:\d+\.?\d*|\.\d+))(ns|us|µs|ms|s|m|h)$/i;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A number, or a duration in ms (`250ms`, `1.5s`) when `durations`. */
function numeric(s: string, durations: boolean): number | null {
  const t = s.trim();
  if (NUMBER.test(t)) return Number(t);
  if (!durations) return null;
  const d = DURATION.exec(t);
  return d ? Number(d[1]) * UNIT_MS[d[2].toLowerCase()] : null;
}

/** Case-insensitive equality with `*` as a wildcard (`host=web-*`). */
function globEquals(value: string, pattern: string): boolean {
  if (!pattern.includes('*')) return value === pattern;
  const parts = pattern.split('*');
  if (!value.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const k = value.indexOf(parts[i], at);
    if (k < 0) return false;
    at = k + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return value.length - last.length >= at && value.endsWith(last);
}

function compare(op: FieldOp, a: number, b: number): boolean {
  switch (op) {
    case '>=': return a >= b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '<': return a < b;
    case '=': return a === b;
    default: return a !== b;
  }
}

/** How one value satisfies `op value`; undefined value = the field is missing. */
function valueTest(op: FieldOp, want: string, regex: RegexFactory): { ok: true; test: (v: string | undefined) => boolean } | { ok: false; error: string } {
  if (op === '=~' || op === '!~') {
    const re = regex(want, 'i');
    if (!re.ok) return re;
    return { ok: true, test: op === '=~' ? (v) => v !== undefined && re.test(v) : (v) => v === undefined || !re.test(v) };
  }
  const wantLower = want.toLowerCase();
  if (op === '=' || op === '!=') {
    const n = numeric(want, false);
    const eq = (v: string) => {
      if (n !== null) {
        const m = numeric(v, false);
        if (m !== null) return m === n;
      }
      return globEquals(v.toLowerCase(), wantLower);
    };
    // A missing field equals only the empty value, and differs from every other.
    return { ok: true, test: op === '=' ? (v) => (v === undefined ? want === '' : eq(v)) : (v) => (v === undefined ? want !== '' : !eq(v)) };
  }
  const n = numeric(want, true);
  if (n === null) {
    return { ok: true, test: (v) => v !== undefined && compareText(op, v.toLowerCase(), wantLower) };
  }
  const durations = DURATION.test(want.trim());
  return {
    ok: true,
    test: (v) => {
      if (v === undefined) return false;
      const m = numeric(v, durations);
      return m !== null && compare(op, m, n);
    },
  };
}

/** Text order for non-numeric values (ISO times, versions of equal width). */
function compareText(op: FieldOp, a: string, b: string): boolean {
  return compare(op, a < b ? -1 : a > b ? 1 : 0, 0);
}

function columnTerm(t: Extract<Term, { kind: 'field' }>, name: string, regex: RegexFactory): { ok: true; test: RowTest } | { ok: false; error: string } {
  if (name === 'level' && t.op !== '=~' && t.op !== '!~') {
    // Levels compare by severity: level>=warn is warn, error and fatal.
    const code = levelFromWord(t.value);
    if (code === Level.none && t.value.toLowerCase() !== 'none') return { ok: false, error: `"${t.value}" is not a level (trace, debug, info, warn, error, fatal)` };
    return { ok: true, test: (r) => compare(t.op, r.level, code) };
  }
  const vt = valueTest(t.op, t.value, regex);
  if (!vt.ok) return vt;
  if (name === 'level') return { ok: true, test: (r) => vt.test(levelName(r.level)) };
  if (name === 'kind') return { ok: true, test: (r) => vt.test(KIND_NAMES[r.kind] ?? 'plain') };
  if (name === 'source' || name === 'file') return { ok: true, test: (r) => vt.test(r.file) };
  if (name === 'logger') return { ok: true, test: (r) => vt.test(r.logger || undefined) };
  // A template's <*> reads as a wildcard, so `pattern="GET <*> status=503"` selects that template's rows.
  if (name === 'pattern') return { ok: true, test: (r) => vt.test(r.pattern) };
  return { ok: true, test: (r) => vt.test(r.message()) };
}

const LEVEL_WORDS = ['none', 'trace', 'debug', 'info', 'warn', 'error', 'fatal'];
function levelName(code: number): string {
  return LEVEL_WORDS[code] ?? 'none';
}

/** Free text: the message, else any field value (the raw line is checked first, parsing only when it could match). */
function textTest(match: (s: string) => boolean, quick: string | null): RowTest {
  return (r) => {
    if (match(r.message())) return true;
    if (quick !== null && !r.rawLower().includes(quick)) return false;
    const f = r.fields();
    return !!f && f.values.some(match);
  };
}

function termTest(t: Term, regex: RegexFactory): { ok: true; test: RowTest; fields: boolean } | { ok: false; error: string } {
  if (t.kind === 'text') {
    const q = t.text.toLowerCase();
    return { ok: true, test: textTest((s) => s.toLowerCase().includes(q), q), fields: true };
  }
  if (t.kind === 'regex') {
    const re = regex(t.source, t.flags);
    if (!re.ok) return re;
    return { ok: true, test: textTest(re.test, null), fields: true };
  }
  const name = t.field.toLowerCase();
  if (COLUMN_FIELDS.has(name)) {
    const c = columnTerm(t, name, regex);
    return c.ok ? { ...c, fields: false } : c;
  }
  const vt = valueTest(t.op, t.value, regex);
  if (!vt.ok) return vt;
  return { ok: true, test: (r) => vt.test(r.fields()?.get(name)), fields: true };
}

export function compilePlan(plan: QueryPlan, regex: RegexFactory): CompiledQuery {
  const tests: RowTest[] = [];
  let needsFields = false;
  for (const t of plan.terms) {
    const c = termTest(t, regex);
    if (!c.ok) return c;
    needsFields ||= c.fields;
    tests.push(t.negate ? (r) => !c.test(r) : c.test);
  }
  return { ok: true, needsFields, test: (r) => tests.every((f) => f(r)) };
}

/** Lower-cased lookup over flattened pairs (the first of duplicate keys wins). */
export function flatFields(pairs: readonly [string, string][]): FlatFields {
  const map = new Map<string, string>();
  for (const [k, v] of pairs) {
    const key = k.toLowerCase();
    if (!map.has(key)) map.set(key, v);
  }
  return { get: (k) => map.get(k), values: pairs.map((p) => p[1]) };
}
