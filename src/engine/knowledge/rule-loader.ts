// Reads rule files (the built-in ones and the user's) into checked RuleSpecs.
// Input is untrusted JSON: every field is narrowed from `unknown`, unknown
// keys are refused (a typo would otherwise silently do nothing), regexes go
// through the caller's safety check, sizes are capped, and each error names
// the line of the file it comes from. The JSON Schema beside this
// (schema/rule.schema.json) publishes the same format for editors.

import { FAMILIES, type Family, type Severity } from '../rules/types.ts';
import { parseDuration, type DetectorSpec, type RuleSpec, type Selector } from '../rules/spec.ts';
import { DETECTOR_TYPES } from '../rules/detectors/index.ts';
import { vocabularyClassNames } from '../rules/detectors/vocabulary-classes.ts';
import { KIND_NAMES } from '../model/kinds.ts';
import { JsonSyntaxError, lineOf, parseLocated } from './json-lines-of.ts';

/** A rule file is small: a few rules with their cases. Links carry them too. */
export const MAX_RULE_FILE_BYTES = 64 * 1024;
export const MAX_RULES_PER_FILE = 20;
const MAX_TEXT = 2000;

export interface RuleError {
  line: number;
  path: string;
  message: string;
}

/** A regex check: the user-rule path passes the page's safety check (nested quantifiers, empty matches). */
export type RegexChecker = (source: string) => { ok: true } | { ok: false; error: string };

/** Built-in rules are ours: compiling is enough. */
export const compileOnly: RegexChecker = (source) => {
  try {
    new RegExp(source, 'i');
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
};

export interface LoadedRules {
  rules: RuleSpec[];
  errors: RuleError[];
}

const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];
const LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'];
const MARKS = ['signal', 'operation', 'gap', 'timeout-burst', 'error-burst', 'restart', 'crash'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const SELECTOR_KEYS = ['kind', 'level', 'match', 'vocabulary', 'mark', 'anyOf', 'not'];
const DETECTOR_KEYS: Record<string, { required: string[]; selectors: string[]; durations: string[]; numbers: string[]; other?: string[] }> = {
  series: { required: ['of', 'count', 'within'], selectors: ['of'], durations: ['within'], numbers: ['count'], other: ['chain', 'between', 'untimed'] },
  follows: { required: ['first', 'then', 'within'], selectors: ['first', 'then', 'while'], durations: ['within', 'minHistory'], numbers: ['newShare'] },
  recurs: { required: ['of', 'min', 'episode', 'minPeriod', 'regularity', 'fixedSpread'], selectors: ['of'], durations: ['episode', 'minPeriod'], numbers: ['min', 'regularity', 'fixedSpread'] },
  burst: { required: ['of'], selectors: ['of'], durations: ['join', 'window'], numbers: ['min', 'factor'] },
  overlaps: { required: ['a', 'b'], selectors: ['a', 'b'], durations: ['slack'], numbers: [], other: ['otherFile'] },
  absence: { required: ['after'], selectors: ['after', 'expect'], durations: ['for'], numbers: ['factor'] },
};
const RULE_KEYS = ['$schema', 'id', 'title', 'description', 'family', 'severity', 'grade', 'specificity', 'confidence', 'detector', 'finding', 'hypotheses', 'cases'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  errors: RuleError[] = [];
  constructor(private lines: Map<string, number>, private checkRegex: RegexChecker) {}
  err(path: string, message: string): void {
    this.errors.push({ line: lineOf(this.lines, path), path, message });
  }
  keys(o: Record<string, unknown>, allowed: string[], path: string): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.err(path ? `${path}.${k}` : k, `unknown field "${k}" (allowed: ${allowed.join(', ')})`);
  }
  text(o: Record<string, unknown>, k: string, path: string, required = true): void {
    const v = o[k];
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || v.length === 0) this.err(`${path}${k}`, `"${k}" must be a non-empty string`);
    else if (v.length > MAX_TEXT) this.err(`${path}${k}`, `"${k}" is longer than ${MAX_TEXT} characters`);
  }
  num(v: unknown, path: string, min: number, max: number): void {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) this.err(path, `must be a number from ${min} to ${max}`);
  }
  duration(v: unknown, path: string): void {
    if (typeof v !== 'string' || !(parseDuration(v) > 0)) this.err(path, 'must be a duration like "500ms", "30s", "5m" or "2h"');
  }
  oneOrMany(v: unknown, allowed: readonly string[], path: string, what: string): void {
    const list = Array.isArray(v) ? v : [v];
    for (const x of list) if (typeof x !== 'string' || !allowed.includes(x)) this.err(path, `unknown ${what} ${JSON.stringify(x)} (known: ${allowed.join(', ')})`);
  }
  selector(v: unknown, path: string, depth = 0): void {
    if (!isObj(v)) return this.err(path, 'must be a selector object like { "kind": "timeout" }');
    if (depth > 3) return this.err(path, 'selectors nest at most three deep');
    this.keys(v, SELECTOR_KEYS, path);
    if (Object.keys(v).length === 0) this.err(path, 'an empty selector would match every line');
    if (v.kind !== undefined) this.oneOrMany(v.kind, KIND_NAMES.filter((k) => k !== 'plain'), `${path}.kind`, 'event kind');
    if (v.level !== undefined) this.oneOrMany(v.level, LEVELS, `${path}.level`, 'level');
    if (v.mark !== undefined) this.oneOrMany(v.mark, MARKS, `${path}.mark`, 'mark kind');
    if (v.vocabulary !== undefined) this.oneOrMany(v.vocabulary, vocabularyClassNames(), `${path}.vocabulary`, 'vocabulary class');
    if (v.match !== undefined) {
      if (typeof v.match !== 'string') this.err(`${path}.match`, 'must be a regular expression string');
      else {
        const r = this.checkRegex(v.match);
        if (!r.ok) this.err(`${path}.match`, r.error);
      }
    }
    if (v.anyOf !== undefined) {
      if (!Array.isArray(v.anyOf) || v.anyOf.length === 0) this.err(`${path}.anyOf`, 'must be a non-empty list of selectors');
      else v.anyOf.forEach((s, i) => this.selector(s, `${path}.anyOf.${i}`, depth + 1));
    }
    if (v.not !== undefined) this.selector(v.not, `${path}.not`, depth + 1);
  }
  when(v: unknown, path: string): void {
    if (!isObj(v)) return this.err(path, 'must be an object like { "count": { "min": 20 } }');
    for (const [k, c] of Object.entries(v)) {
      if (!isObj(c)) this.err(`${path}.${k}`, 'must be { "min": n } and/or { "max": n }');
      else {
        this.keys(c, ['min', 'max'], `${path}.${k}`);
        for (const b of ['min', 'max']) if (c[b] !== undefined && typeof c[b] !== 'number') this.err(`${path}.${k}.${b}`, 'must be a number');
      }
    }
  }
  detector(v: unknown, path: string): void {
    if (!isObj(v)) return this.err(path, 'must be an object with a "type"');
    const type = v.type;
    if (typeof type !== 'string' || !DETECTOR_TYPES.includes(type as DetectorSpec['type'])) return this.err(`${path}.type`, `unknown detector ${JSON.stringify(type)} (known: ${DETECTOR_TYPES.join(', ')})`);
    const d = DETECTOR_KEYS[type];
    this.keys(v, ['type', ...d.selectors, ...d.durations, ...d.numbers, ...(d.other ?? [])], path);
    for (const k of d.required) if (v[k] === undefined) this.err(path, `the ${type} detector needs "${k}"`);
    for (const k of d.selectors) if (v[k] !== undefined) this.selector(v[k], `${path}.${k}`);
    for (const k of d.durations) if (v[k] !== undefined) this.duration(v[k], `${path}.${k}`);
    for (const k of d.numbers) if (v[k] !== undefined) this.num(v[k], `${path}.${k}`, 0, 10_000);
    if (v.between !== undefined) {
      if (!isObj(v.between)) this.err(`${path}.between`, 'must be { "of": selector, "share": 0..1 }');
      else {
        this.keys(v.between, ['of', 'share'], `${path}.between`);
        this.selector(v.between.of, `${path}.between.of`);
        this.num(v.between.share, `${path}.between.share`, 0, 1);
      }
    }
    if (v.untimed !== undefined) {
      if (!isObj(v.untimed)) this.err(`${path}.untimed`, 'must be { "death": selector, "min": n }');
      else {
        this.keys(v.untimed, ['death', 'min'], `${path}.untimed`);
        this.selector(v.untimed.death, `${path}.untimed.death`);
        this.num(v.untimed.min, `${path}.untimed.min`, 1, 1000);
      }
    }
  }
  evidence(v: unknown, path: string): void {
    if (!Array.isArray(v)) return this.err(path, 'must be a list');
    v.forEach((e, i) => {
      const p = `${path}.${i}`;
      if (!isObj(e)) return this.err(p, 'must be { "text", "present", "around"? }');
      this.keys(e, ['text', 'present', 'around'], p);
      this.text(e, 'text', `${p}.`);
      this.selector(e.present, `${p}.present`);
      if (e.around !== undefined) this.duration(e.around, `${p}.around`);
    });
  }
  cases(v: unknown, path: string): void {
    if (!Array.isArray(v)) return this.err(path, 'must be a list of test cases');
    v.forEach((c, i) => {
      const p = `${path}.${i}`;
      if (!isObj(c)) return this.err(p, 'must be { "name", "files", "expect" }');
      this.keys(c, ['name', 'files', 'expect', 'toleranceMs'], p);
      this.text(c, 'name', `${p}.`);
      if (!Array.isArray(c.files) || c.files.some((f) => !isObj(f) || typeof f.name !== 'string' || !Array.isArray(f.lines) || f.lines.some((l) => typeof l !== 'string'))) this.err(`${p}.files`, 'must be a list of { "name": "app.log", "lines": ["...", ...] }');
      if (!Array.isArray(c.expect)) this.err(`${p}.expect`, 'must be a list of expected findings ([] = stays quiet)');
    });
  }
  rule(v: unknown, path: string): RuleSpec | null {
    const before = this.errors.length;
    const p = path ? `${path}.` : '';
    if (!isObj(v)) {
      this.err(path, 'a rule must be an object');
      return null;
    }
    this.keys(v, RULE_KEYS, path);
    if (typeof v.id !== 'string' || !ID.test(v.id) || v.id.length > 60) this.err(`${p}id`, '"id" must be kebab-case (a-z, 0-9, -), at most 60 characters');
    this.text(v, 'title', p);
    this.text(v, 'description', p);
    if (!FAMILIES.includes(v.family as Family)) this.err(`${p}family`, `"family" must be one of: ${FAMILIES.join(', ')}`);
    if (!SEVERITIES.includes(v.severity as Severity)) this.err(`${p}severity`, '"severity" must be critical, warning or info');
    if (v.specificity !== undefined) this.num(v.specificity, `${p}specificity`, 0, 5);
    if (v.confidence !== undefined) this.num(v.confidence, `${p}confidence`, 0, 1);
    if (v.grade !== undefined) {
      if (!Array.isArray(v.grade)) this.err(`${p}grade`, 'must be a list');
      else v.grade.forEach((g, i) => {
        const gp = `${p}grade.${i}`;
        if (!isObj(g)) return this.err(gp, 'must be { "when", "severity"?, "confidence"? }');
        this.keys(g, ['when', 'severity', 'confidence'], gp);
        this.when(g.when, `${gp}.when`);
        if (g.severity !== undefined && !SEVERITIES.includes(g.severity as Severity)) this.err(`${gp}.severity`, 'must be critical, warning or info');
        if (g.confidence !== undefined) this.num(g.confidence, `${gp}.confidence`, 0, 1);
      });
    }
    this.detector(v.detector, `${p}detector`);
    if (!isObj(v.finding)) this.err(`${p}finding`, '"finding" must be { "title", "detail": [lines] }');
    else {
      this.keys(v.finding, ['title', 'detail'], `${p}finding`);
      this.text(v.finding, 'title', `${p}finding.`);
      if (!Array.isArray(v.finding.detail)) this.err(`${p}finding.detail`, 'must be a list of lines');
      else v.finding.detail.forEach((l, i) => {
        const lp = `${p}finding.detail.${i}`;
        if (typeof l === 'string') return;
        if (!isObj(l) || typeof l.text !== 'string') return this.err(lp, 'a line is a string or { "text", "when" }');
        this.keys(l, ['text', 'when'], lp);
        this.when(l.when, `${lp}.when`);
      });
    }
    if (v.hypotheses !== undefined) {
      if (!Array.isArray(v.hypotheses)) this.err(`${p}hypotheses`, 'must be a list');
      else v.hypotheses.forEach((h, i) => {
        const hp = `${p}hypotheses.${i}`;
        if (!isObj(h)) return this.err(hp, 'must be { "id", "statement", "check", "supports"?, "against"? }');
        this.keys(h, ['id', 'statement', 'check', 'supports', 'against'], hp);
        for (const k of ['id', 'statement', 'check']) this.text(h, k, `${hp}.`);
        if (h.supports !== undefined) this.evidence(h.supports, `${hp}.supports`);
        if (h.against !== undefined) this.evidence(h.against, `${hp}.against`);
      });
    }
    if (v.cases === undefined) this.err(`${p}cases`, 'a rule carries its test cases: "cases": [{ "name", "files", "expect" }]');
    else this.cases(v.cases, `${p}cases`);
    return this.errors.length === before ? (v as unknown as RuleSpec) : null;
  }
}

/** Parse and check one rule file: a rule object, or a list of them. */
export function loadRuleText(text: string, checkRegex: RegexChecker): LoadedRules {
  if (new TextEncoder().encode(text).length > MAX_RULE_FILE_BYTES) return { rules: [], errors: [{ line: 1, path: '', message: `the rule file is larger than ${MAX_RULE_FILE_BYTES / 1024} KB` }] };
  let located;
  try {
    located = parseLocated(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { rules: [], errors: [{ line: e.line, path: '', message: `not valid JSON: ${e.message}` }] };
    throw e;
  }
  return loadRuleValue(located.value, checkRegex, located.lines);
}

/** Check an already-parsed value (a share link's rules); `lines` maps paths to lines when known. */
export function loadRuleValue(value: unknown, checkRegex: RegexChecker, lines = new Map<string, number>()): LoadedRules {
  const c = new Checker(lines, checkRegex);
  const list = Array.isArray(value) ? value : [value];
  const many = Array.isArray(value);
  if (list.length > MAX_RULES_PER_FILE) return { rules: [], errors: [{ line: 1, path: '', message: `at most ${MAX_RULES_PER_FILE} rules per file` }] };
  const rules: RuleSpec[] = [];
  list.forEach((v, i) => {
    const r = c.rule(v, many ? String(i) : '');
    if (r) rules.push(r);
  });
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) c.err('', `two rules have the id "${r.id}"`);
    ids.add(r.id);
  }
  return { rules: c.errors.length ? [] : rules, errors: c.errors };
}

/** The selectors a spec uses, for callers that need to look at regexes (size of a link, previews). */
export function selectorsOf(spec: RuleSpec): Selector[] {
  const d = spec.detector as unknown as Record<string, unknown>;
  return Object.values(d).filter(isObj) as Selector[];
}
