// Strict validation of a (migrated) version-1 payload parsed as `unknown`.
// Every field is narrowed and range-checked, every index checked against the
// list it points into, and every list capped before it is walked, so a hand-
// made link cannot crash the page, point outside the events, or make the
// app allocate from a number it claims. Unknown keys are dropped: the result
// is built fresh, never copied from the input.

import { KIND_NAMES } from '../engine/model/kinds.ts';
import { LEVEL_NAMES } from '../engine/model/levels.ts';
import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import * as L from './limits.ts';
import { TEXT_CAPS as C } from './limits.ts';
import { arr, bool, field, int, NarrowError, nullable, num, obj, oneOf, optional, str, strList, type Obj } from './narrow.ts';
import { EVENT_COLUMNS, SHARE_VERSION, type JsonValue, type SharedEvents, type SharedFile, type SharedFinding, type SharedMark, type SharePayload, type ShareView, type TimeRange } from './payload.ts';
import { checkUserRegex } from './regex-safety.ts';
import { provenanceField } from './validate-provenance.ts';
import { MAX_CLOCK_OFFSET_MS } from '../engine/model/clock-limit.ts';
import { loadRuleText, MAX_RULE_FILE_BYTES, userPatternCheck } from '../engine/knowledge/rule-loader.ts';

/** Epoch ms between 1900 and 2400: anything else is not a log time. */
const TIME_MIN = -2_208_988_800_000;
const TIME_MAX = 13_569_465_600_000;
const MARK_KINDS = ['signal', 'operation', 'gap', 'timeout-burst', 'error-burst', 'restart', 'crash'] as const;
const SPAN_ENDS = ['ended', 'failed', 'inferred', 'open'] as const;
const SEVERITIES = ['critical', 'warning', 'info'] as const;
const VOCAB_KINDS = KIND_NAMES.filter((k) => k !== 'plain') as Exclude<(typeof KIND_NAMES)[number], 'plain'>[];

export type Validated = { ok: true; value: SharePayload } | { ok: false; error: string };

export function validatePayload(input: unknown): Validated {
  try {
    return { ok: true, value: payload(input) };
  } catch (e) {
    if (e instanceof NarrowError) return { ok: false, error: e.message };
    throw e;
  }
}

const time = (v: unknown, path: string) => num(v, path, TIME_MIN, TIME_MAX);

function range(v: unknown, path: string): TimeRange {
  const o = obj(v, path);
  const start = time(field(o, 'start'), `${path}.start`);
  const end = time(field(o, 'end'), `${path}.end`);
  if (end < start) throw new NarrowError(path, 'ends before it starts');
  return { start, end };
}

function payload(input: unknown): SharePayload {
  const o = obj(input, 'payload');
  if (field(o, 'v') !== SHARE_VERSION) throw new NarrowError('payload.v', `is not ${SHARE_VERSION}`);
  const files = arr(field(o, 'files'), 'files', L.MAX_FILES).map((f, i) => file(f, `files[${i}]`));
  const loggers = strList(field(o, 'loggers'), 'loggers', C.loggers, C.logger);
  if (loggers.length === 0 || loggers[0] !== '') loggers.unshift('');
  const events = eventColumns(field(o, 'events'), files.length, loggers.length);
  const n = events.t.length;
  checkClaimedCounts(files, events.file);
  const findings = arr(field(o, 'findings'), 'findings', L.MAX_FINDINGS).map((f, i) => finding(f, `findings[${i}]`, n));
  return {
    v: SHARE_VERSION,
    created: str(field(o, 'created'), 'created', 64),
    window: range(field(o, 'window'), 'window'),
    t0: time(field(o, 't0'), 't0'),
    files,
    loggers,
    events,
    marks: arr(field(o, 'marks'), 'marks', L.MAX_MARKS).map((m, i) => mark(m, `marks[${i}]`, n, files.length, loggers.length)),
    findings,
    view: view(field(o, 'view'), findings.length),
    vocabulary: arr(field(o, 'vocabulary'), 'vocabulary', L.MAX_VOCABULARY).map((e, i) => vocabularyEntry(e, `vocabulary[${i}]`)),
    ...optionalRules(field(o, 'rules')),
    redaction: redaction(field(o, 'redaction')),
    reductions: strList(field(o, 'reductions') ?? [], 'reductions', C.reductions, C.reduction),
    ...optionalProvenance(field(o, 'provenance')),
  };
}

function optionalProvenance(v: unknown): Pick<SharePayload, 'provenance'> {
  const provenance = provenanceField(v);
  return provenance ? { provenance } : {};
}

/** No file Timberline reads has more rows than its 32-bit row numbers can count. */
const MAX_CLAIMED_EVENTS = 0xffffffff;

/**
 * What a link says about its files must fit what it carries: at least the
 * events it holds, at most what a table can (per file and all together, as
 * the header shows the sum), and no more lines than bytes.
 */
function checkClaimedCounts(files: readonly SharedFile[], eventFile: readonly number[]): void {
  const carried = new Array<number>(files.length).fill(0);
  for (const f of eventFile) carried[f]++;
  let total = 0;
  files.forEach((f, i) => {
    if (f.events > MAX_CLAIMED_EVENTS) throw new NarrowError(`files[${i}].events`, `claims ${f.events.toLocaleString('en')} events, more than any file Timberline can read`);
    total += f.events;
    if (total > MAX_CLAIMED_EVENTS) throw new NarrowError('files', `claim ${total.toLocaleString('en')} events together, more than Timberline can load at once`);
    if (f.lines > MAX_CLAIMED_EVENTS) throw new NarrowError(`files[${i}].lines`, `claims ${f.lines.toLocaleString('en')} lines, more than any file Timberline can read`);
    if (f.bytes > 0 && f.lines > f.bytes) throw new NarrowError(`files[${i}].lines`, `claims ${f.lines.toLocaleString('en')} lines in ${f.bytes.toLocaleString('en')} bytes`);
    if (f.events < carried[i]) throw new NarrowError(`files[${i}].events`, `claims ${f.events} events but the link carries ${carried[i]} of that file`);
    if (f.lines > 0 && f.events > f.lines * 1000) throw new NarrowError(`files[${i}].events`, `claims ${f.events.toLocaleString('en')} events from ${f.lines} lines`);
  });
}

function file(v: unknown, path: string): SharedFile {
  const o = obj(v, path);
  return {
    name: str(field(o, 'name'), `${path}.name`, C.fileName),
    format: str(field(o, 'format'), `${path}.format`, C.format),
    formatLabel: str(field(o, 'formatLabel') ?? '', `${path}.formatLabel`, C.formatLabel),
    bytes: int(field(o, 'bytes') ?? 0, `${path}.bytes`, 0, Number.MAX_SAFE_INTEGER),
    lines: int(field(o, 'lines'), `${path}.lines`, 0, Number.MAX_SAFE_INTEGER),
    events: int(field(o, 'events'), `${path}.events`, 0, Number.MAX_SAFE_INTEGER),
    firstTime: nullable(field(o, 'firstTime'), (x) => time(x, `${path}.firstTime`)),
    lastTime: nullable(field(o, 'lastTime'), (x) => time(x, `${path}.lastTime`)),
    zoneAssumed: bool(field(o, 'zoneAssumed') ?? false, `${path}.zoneAssumed`),
    ...clockOffset(field(o, 'clockOffsetMs'), `${path}.clockOffsetMs`),
    error: nullable(field(o, 'error'), (x) => str(x, `${path}.error`, C.error)),
    notices: strList(field(o, 'notices') ?? [], `${path}.notices`, C.notices, C.notice),
  };
}

/** A clock correction the sender applied: whole ms within a week (ingest's own bound), or nothing. */
function clockOffset(v: unknown, path: string): { clockOffsetMs?: number } {
  if (v === undefined || v === null) return {};
  const ms = int(v, path, -MAX_CLOCK_OFFSET_MS, MAX_CLOCK_OFFSET_MS);
  return ms === 0 ? {} : { clockOffsetMs: ms };
}

function eventColumns(v: unknown, nFiles: number, nLoggers: number): SharedEvents {
  const o = obj(v, 'events');
  const cols = new Map<string, unknown[]>();
  for (const c of EVENT_COLUMNS) cols.set(c, arr(field(o, c), `events.${c}`, L.MAX_EVENTS));
  const n = (cols.get('t') as unknown[]).length;
  if (n > 0 && nFiles === 0) throw new NarrowError('events', 'refer to files but the link lists none');
  for (const [c, list] of cols) if (list.length !== n) throw new NarrowError(`events.${c}`, `has ${list.length} entries but events.t has ${n}`);
  const ints = (c: string, min: number, max: number) => (cols.get(c) as unknown[]).map((x, i) => int(x, `events.${c}[${i}]`, min, max));
  return {
    t: (cols.get('t') as unknown[]).map((x, i) => num(x, `events.t[${i}]`, TIME_MIN - TIME_MAX, TIME_MAX - TIME_MIN)),
    ns: ints('ns', 0, 999_999),
    level: ints('level', 0, LEVEL_NAMES.length - 1),
    kind: ints('kind', 0, KIND_NAMES.length - 1),
    flags: ints('flags', 0, 255),
    file: ints('file', 0, Math.max(0, nFiles - 1)),
    logger: ints('logger', 0, Math.max(0, nLoggers - 1)),
    line: ints('line', 0, 0xffffffff),
    lines: ints('lines', 1, 0xffffffff),
    msg: (cols.get('msg') as unknown[]).map((x, i) => str(x, `events.msg[${i}]`, C.msg)),
    raw: (cols.get('raw') as unknown[]).map((x, i) => nullable(x, (y) => str(y, `events.raw[${i}]`, C.raw))),
  };
}

function indices(v: unknown, path: string, n: number, max: number): number[] {
  return arr(v, path, max).map((x, i) => int(x, `${path}[${i}]`, 0, n - 1));
}

function mark(v: unknown, path: string, n: number, nFiles: number, nLoggers: number): SharedMark {
  const o = obj(v, path);
  if (nFiles === 0) throw new NarrowError(path, 'refers to a file but the link lists none');
  const start = time(field(o, 'start'), `${path}.start`);
  const end = time(field(o, 'end'), `${path}.end`);
  if (end < start) throw new NarrowError(path, 'ends before it starts');
  const spanEnd = optional(field(o, 'spanEnd'), (x) => oneOf(x, `${path}.spanEnd`, SPAN_ENDS));
  const m: SharedMark = {
    kind: oneOf(field(o, 'kind'), `${path}.kind`, MARK_KINDS),
    start,
    end,
    label: str(field(o, 'label'), `${path}.label`, C.label),
    file: int(field(o, 'file'), `${path}.file`, 0, Math.max(0, nFiles - 1)),
    logger: int(field(o, 'logger') ?? 0, `${path}.logger`, 0, Math.max(0, nLoggers - 1)),
    events: indices(field(o, 'events'), `${path}.events`, n, C.refs),
    count: int(field(o, 'count'), `${path}.count`, 0, Number.MAX_SAFE_INTEGER),
  };
  if (spanEnd) m.spanEnd = spanEnd;
  return m;
}

function finding(v: unknown, path: string, n: number): SharedFinding {
  const o = obj(v, path);
  const start = time(field(o, 'start'), `${path}.start`);
  const end = time(field(o, 'end'), `${path}.end`);
  if (end < start) throw new NarrowError(path, 'ends before it starts');
  const evidence = indices(field(o, 'evidence'), `${path}.evidence`, n, C.refs);
  const f: SharedFinding = {
    rule: str(field(o, 'rule'), `${path}.rule`, C.rule),
    severity: oneOf(field(o, 'severity'), `${path}.severity`, SEVERITIES),
    start,
    end,
    title: str(field(o, 'title'), `${path}.title`, C.title),
    detail: str(field(o, 'detail'), `${path}.detail`, C.detail),
    confidence: num(field(o, 'confidence'), `${path}.confidence`, 0, 1),
    evidence,
    evidenceTotal: int(field(o, 'evidenceTotal') ?? evidence.length, `${path}.evidenceTotal`, evidence.length, Number.MAX_SAFE_INTEGER),
  };
  const count = optional(field(o, 'count'), (x) => int(x, `${path}.count`, 0, Number.MAX_SAFE_INTEGER));
  if (count !== undefined) f.count = count;
  if (optional(field(o, 'userRule'), (x) => bool(x, `${path}.userRule`))) f.userRule = true;
  const data = field(o, 'data');
  if (data !== undefined) {
    const budget = { nodes: 2000 };
    const d = json(data, `${path}.data`, 0, budget);
    if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new NarrowError(`${path}.data`, 'is not an object');
    f.data = d;
  }
  return f;
}

/** Finding data as a link may carry it, or undefined when it is not plain, small JSON. */
export function sanitizeData(v: unknown): { [key: string]: JsonValue } | undefined {
  try {
    const d = json(JSON.parse(JSON.stringify(v ?? null)) as unknown, 'data', 0, { nodes: 2000 });
    return typeof d === 'object' && d !== null && !Array.isArray(d) ? d : undefined;
  } catch {
    return undefined;
  }
}

/** Any JSON value, depth- and size-capped, rebuilt into null-prototype objects. */
function json(v: unknown, path: string, depth: number, budget: { nodes: number }): JsonValue {
  if (--budget.nodes < 0) throw new NarrowError(path, 'holds too many values');
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return num(v, path);
  if (typeof v === 'string') return str(v, path, 2000);
  if (depth >= 4) throw new NarrowError(path, 'is nested too deeply');
  if (Array.isArray(v)) return arr(v, path, 500).map((x, i) => json(x, `${path}[${i}]`, depth + 1, budget));
  const o = obj(v, path);
  const out = Object.create(null) as { [key: string]: JsonValue };
  for (const k of Object.keys(o)) {
    Object.defineProperty(out, k, { value: json(o[k], `${path}.${k.slice(0, 40)}`, depth + 1, budget), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function view(v: unknown, nFindings: number): ShareView {
  const o = obj(v, 'view');
  const filters = obj(field(o, 'filters') ?? {}, 'view.filters');
  return {
    window: range(field(o, 'window'), 'view.window'),
    brush: nullable(field(o, 'brush'), (x) => range(x, 'view.brush')),
    lanes: oneOf(field(o, 'lanes') ?? 'file', 'view.lanes', ['file', 'logger'] as const),
    filters: {
      text: str(field(filters, 'text') ?? '', 'view.filters.text', C.filterText),
      levels: arr(field(filters, 'levels') ?? [], 'view.filters.levels', LEVEL_NAMES.length).map((x, i) => oneOf(x, `view.filters.levels[${i}]`, LEVEL_NAMES)),
      kinds: arr(field(filters, 'kinds') ?? [], 'view.filters.kinds', KIND_NAMES.length).map((x, i) => oneOf(x, `view.filters.kinds[${i}]`, KIND_NAMES)),
      sources: strList(field(filters, 'sources') ?? [], 'view.filters.sources', C.sources, C.source),
      ...(field(filters, 'patterns') === undefined ? {} : { patterns: strList(field(filters, 'patterns'), 'view.filters.patterns', C.patterns, C.pattern) }),
    },
    selectedFinding: nFindings === 0 ? null : nullable(field(o, 'selectedFinding'), (x) => int(x, 'view.selectedFinding', 0, nFindings - 1)),
    timeZone: oneOf(field(o, 'timeZone') ?? 'utc', 'view.timeZone', ['utc', 'local'] as const),
    ...(field(o, 'columns') === undefined ? {} : { columns: strList(field(o, 'columns'), 'view.columns', C.columns, C.column) }),
  };
}

/**
 * The sender's rule files: each capped, then checked by the rule loader with
 * the linear-time pattern check, exactly as a file pasted into the Rules
 * dialog. A file that does not load refuses the link, naming its line.
 */
function optionalRules(v: unknown): Pick<SharePayload, 'rules'> {
  if (v === undefined) return {};
  const rules = arr(v, 'rules', L.MAX_RULE_FILES).map((f, i) => {
    const o = obj(f, `rules[${i}]`);
    const name = str(field(o, 'name'), `rules[${i}].name`, C.ruleFileName);
    const text = str(field(o, 'text'), `rules[${i}].text`, MAX_RULE_FILE_BYTES);
    const r = loadRuleText(text, userPatternCheck);
    if (r.errors.length) throw new NarrowError(`rules[${i}]`, `(${name}) line ${r.errors[0].line}: ${r.errors[0].message}`);
    return { name, text };
  });
  return { rules };
}

function vocabularyEntry(v: unknown, path: string): VocabularyEntry {
  const o: Obj = obj(v, path);
  const pattern = str(field(o, 'pattern'), `${path}.pattern`, C.pattern);
  const check = checkUserRegex(pattern);
  if (!check.ok) throw new NarrowError(`${path}.pattern`, `is refused: ${check.error}`);
  const e: VocabularyEntry = {
    kind: oneOf(field(o, 'kind'), `${path}.kind`, VOCAB_KINDS),
    pattern,
    note: str(field(o, 'note') ?? '', `${path}.note`, C.note),
    samples: strList(field(o, 'samples') ?? [], `${path}.samples`, C.samples, C.sample),
  };
  const failed = optional(field(o, 'failed'), (x) => bool(x, `${path}.failed`));
  if (failed !== undefined) e.failed = failed;
  return e;
}

function redaction(v: unknown): SharePayload['redaction'] {
  const o = obj(v ?? { categories: [], replaced: 0 }, 'redaction');
  return {
    categories: strList(field(o, 'categories'), 'redaction.categories', 50, 40),
    replaced: int(field(o, 'replaced'), 'redaction.replaced', 0, Number.MAX_SAFE_INTEGER),
  };
}
