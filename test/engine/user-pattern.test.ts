// User patterns (the /regex/ filter, vocabulary entries, rules, custom
// redaction, anything a link carries) run on the linear-time engine: the shapes that
// backtrack forever in JavaScript finish at once, and what that engine cannot
// run is refused with the construct named. The hostile cases run in a child
// process with a deadline: on a backtracking engine it would never return.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileUserPattern, userPatternOrThrow } from '../../src/engine/user-pattern.ts';
import { compilePlan } from '../../src/engine/query/evaluate.ts';
import { parseQuery } from '../../src/engine/query/parse.ts';
import { queryRegex } from '../../src/share/query-regex.ts';

/** A query as the filter box runs it: parsed, then compiled with the query's pattern factory. */
function compileQuery(query: string): (message: string) => boolean {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(parsed.error);
  const c = compilePlan(parsed.plan, queryRegex);
  if (!c.ok) throw new Error(c.error);
  return (message) => c.test({ message: () => message, level: 0, kind: 0, file: 'f.log', logger: '', rawLower: () => message.toLowerCase(), fields: () => null });
}

const PROBE = fileURLToPath(new URL('../fixtures/hostile/pattern-probe.ts', import.meta.url));
/** A generous ceiling for a shared 2-core machine: the probe takes about a second; a backtracking engine takes forever. */
const CEILING_MS = 60_000;

describe('hostile patterns', () => {
  it('filter, vocabulary, rule and redaction patterns that backtrack forever in JavaScript finish and answer correctly', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', PROBE], { timeout: CEILING_MS, encoding: 'utf8' });
    expect(r.signal, 'the probe was killed at the deadline: a pattern hung the engine').toBeNull();
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { events: number; searches: Record<string, number>; findings: string[]; redacted: string; redactionProblems: number };
    // Rules: only the control rule (a{3}!$) matches the lines; the hostile ones ran and found nothing.
    expect(out.findings).toEqual(['hostile-5']);
    // Redaction: the hostile patterns were accepted and ran; only the word at the end of the text matches.
    expect(out.redactionProblems).toBe(0);
    expect(out.redacted).toBe('aaaa! <p4-1>');
    expect(out.events).toBe(20);
    // Each message ends in "!", so none of the $-anchored shapes match it and (a*)*b does not either;
    // a free /regex/ also searches field values, and each line's level field ("ERROR") ends in a word.
    expect(out.searches).toEqual({ '(a+)+$': 0, '((a)+)+$': 0, '(a|a)+$': 0, '(a*)*b': 0, '(\\w+\\s?)+$': 20 });
  }, CEILING_MS + 5_000);
});

describe('what user patterns refuse, and why', () => {
  it.each([
    ['(a)\\1', /backreference \(\\1\)/],
    ['(?<x>a)\\k<x>', /named backreference/],
    ['foo(?=bar)', /lookahead/],
    ['foo(?!bar)', /negative lookahead/],
    ['(?<=a)b', /lookbehind/],
    ['(?<!a)b', /negative lookbehind/],
    ['(unclosed', /not a valid regular expression: missing closing \)/],
    ['x*', /matches empty text/],
    ['a'.repeat(501), /longer than 500/],
  ])('refuses %s', (source, why) => {
    const r = compileUserPattern(source);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });

  it('takes (?= inside a character class as text', () => {
    expect(compileUserPattern('[(?=]x').ok).toBe(true);
  });

  it('matches like JavaScript for ordinary patterns, case-insensitive by default', () => {
    const p = userPatternOrThrow('time(d )?out after \\d+ ?ms');
    expect(p.test('request TIMED OUT after 30 ms')).toBe(true);
    expect(p.test('timeout after 5ms')).toBe(true);
    expect(p.test('time after 5 ms')).toBe(false);
    expect(userPatternOrThrow('Exact', { flags: '' }).test('exact')).toBe(false);
    expect([...userPatternOrThrow('id=(\\d+)').spans('id=12 and id=345')].map((s) => [s.groupStart, s.groupEnd])).toEqual([[3, 5], [13, 16]]);
  });

  it('the text filter says which pattern was refused', () => {
    expect(() => compileQuery('/(a)\\1/')).toThrow(/pattern \/\(a\)\\1\/ refused: it uses a backreference/);
    expect(compileQuery('/(a+)+$/')(`${'a'.repeat(4000)}!`)).toBe(false);
    expect(compileQuery('/ERR(OR)?/')('an ERROR here')).toBe(true);
  });
});
