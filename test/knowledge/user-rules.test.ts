// User rules as the loader and the engine take them: a hostile or broken file
// is refused with the line that caused it, patterns run on the linear-time
// engine, a user rule adds findings marked as the user's (or replaces the
// built-in rule of the same id), and its own cases run through the same harness.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleText, userPatternCheck } from '../../src/engine/knowledge/rule-loader.ts';
import { runCases } from '../../src/engine/knowledge/run-cases.ts';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { analyze } from '../../src/engine/analysis/analyze.ts';
import { withUserRules } from '../../src/engine/rules/index.ts';
import type { RuleSpec } from '../../src/engine/rules/spec.ts';

const example = readFileSync(join(import.meta.dirname, '../fixtures/rules/slow-upstream.json'), 'utf8');
const spec = (): RuleSpec => loadRuleText(example, userPatternCheck).rules[0];
const withMatch = (match: string) => example.replace('"upstream responded slowly"', JSON.stringify(match));

async function findingsOf(lines: string[], specs: RuleSpec[]) {
  const r = await ingestSources([bytesSource('proxy.log', lines.join('\n') + '\n')], { year: 2024 });
  return analyze(r, undefined, withUserRules(specs)).findings;
}

describe('user rules', () => {
  it('refuses patterns the linear-time engine cannot run, against their line', () => {
    const r = loadRuleText(withMatch('(?<=x)slow'), userPatternCheck);
    expect(r.rules).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 11, path: 'detector.of.match', message: expect.stringMatching(/lookbehind/) })]);
    expect(loadRuleText(withMatch('.*'), userPatternCheck).errors[0].message).toMatch(/matches empty text/);
  });

  it('refuses an expected title a backtracking engine would choke on, and hostile JSON, with a message', () => {
    const bad = example.replace('"count": 3 }]', '"count": 3, "title": "(a)\\\\1" }]');
    expect(loadRuleText(bad, userPatternCheck).errors[0].message).toMatch(/backreference/);
    expect(loadRuleText('['.repeat(5000), userPatternCheck).errors[0].message).toMatch(/nested more than/);
    const proto = loadRuleText(example.replace('"id": "slow-upstream",', '"__proto__": { "polluted": 1 }, "id": "slow-upstream",'), userPatternCheck);
    expect(proto.errors[0].message).toMatch(/unknown field "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(loadRuleText('{ "id": 1, }', userPatternCheck).errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(/not valid JSON/) });
  });

  it('runs a nested-quantifier pattern in linear time (it would hang a backtracking engine)', async () => {
    const s = loadRuleText(withMatch('^(a+)+$'), userPatternCheck).rules[0];
    const line = `2024-05-01T10:00:00Z WARN ${'a'.repeat(40)}!`;
    const found = await findingsOf([line, line, line], [s]);
    expect(found.filter((f) => f.rule === 'slow-upstream')).toEqual([]);
  });

  it('adds its findings, marked as the user\'s, beside the built-in ones', async () => {
    const found = await findingsOf([
      '2024-05-01T10:00:00Z WARN Upstream responded slowly took=1.8s',
      '2024-05-01T10:04:00Z WARN Upstream responded slowly took=1.5s',
      '2024-05-01T10:09:00Z WARN Upstream responded slowly took=1.7s',
      '2024-05-01T10:30:00Z WARN Upstream responded slowly took=1.7s',
    ], [spec()]);
    const mine = found.filter((f) => f.rule === 'slow-upstream');
    expect(mine).toEqual([expect.objectContaining({ userRule: true, severity: 'warning', count: 3, start: Date.UTC(2024, 4, 1, 10), end: Date.UTC(2024, 4, 1, 10, 9), title: 'proxy.log: upstream slow 3 times in 9 min 00 s' })]);
    expect(found.filter((f) => f.rule !== 'slow-upstream').every((f) => !f.userRule)).toBe(true);
  });

  it('replaces the built-in rule of the same id', () => {
    const ids = withUserRules([{ ...spec(), id: 'restart-loop' }]).filter((r) => r.id === 'restart-loop');
    expect(ids).toHaveLength(1);
    expect(ids[0].title).toBe('Upstream slow again and again');
  });

  it('runs its own cases, and says what a failing case found instead', async () => {
    const s = spec();
    const ok = await runCases(s.id, withUserRules([s]), s.cases);
    expect(ok.map((c) => c.ok)).toEqual([true, true]);
    const wrong = { ...s, cases: [{ ...s.cases[0], expect: [{ count: 4 }] }] };
    const failed = await runCases(s.id, withUserRules([wrong]), wrong.cases);
    expect(failed[0]).toMatchObject({ ok: false, problems: ['finding 1: count 3, expected 4'] });
  });
});

describe('which engine runs a rule pattern', () => {
  it("runs the built-in rules' patterns natively (vetted at load) and a user pattern on the linear-time engine", async () => {
    const { BUILTIN_RULE_FILES } = await import('../../src/engine/knowledge/rules/index.ts');
    const { isVetted, selectorPattern } = await import('../../src/engine/rules/detectors/pattern.ts');
    const roleFlap = BUILTIN_RULE_FILES['role-flap.json'] as { detector: { of: { match: string }; between: { of: { match: string } } } };
    expect(isVetted(roleFlap.detector.of.match)).toBe(true);
    expect(isVetted(roleFlap.detector.between.of.match)).toBe(true);
    expect(selectorPattern(roleFlap.detector.of.match)('VRRP_Instance(VI_1) Entering BACKUP STATE')).toBe(true);
    expect(isVetted('upstream responded slowly')).toBe(false);
  });
});
