// One harness for every rule's own test cases: the built-in data rules
// (src/engine/knowledge/rules/*.json) and the rules that stay code, whose
// cases live in the same format under src/engine/knowledge/rules/cases/. A
// case fails with what the rule found instead of what it expected.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_SPECS } from '../../src/engine/knowledge/rules/index.ts';
import { runCase } from '../../src/engine/knowledge/run-cases.ts';
import { CODE_RULES, RULES } from '../../src/engine/rules/index.ts';
import type { RuleCases } from '../../src/engine/rules/spec.ts';

const CASES_DIR = join(import.meta.dirname, '../../src/engine/knowledge/rules/cases');
const codeCases: RuleCases[] = readdirSync(CASES_DIR).filter((f) => f.endsWith('.cases.json')).map((f) => JSON.parse(readFileSync(join(CASES_DIR, f), 'utf8')) as RuleCases);

const all: [string, RuleCases['cases'][number]][] = [
  ...BUILTIN_RULE_SPECS.flatMap((s) => s.cases.map((c) => [s.id, c] as [string, typeof c])),
  ...codeCases.flatMap((s) => s.cases.map((c) => [s.rule, c] as [string, typeof c])),
];

describe('rule cases', () => {
  it('every rule carries cases that fire and cases that must stay quiet', () => {
    for (const s of BUILTIN_RULE_SPECS) {
      expect(s.cases.some((c) => c.expect.length > 0), s.id).toBe(true);
      expect(s.cases.some((c) => c.expect.length === 0), s.id).toBe(true);
    }
    expect(codeCases.map((c) => c.rule).sort()).toEqual(CODE_RULES.filter((r) => r.id !== 'crash').map((r) => r.id).sort());
  });

  it.each(all.map(([id, c]) => [`${id}: ${c.name}`, id, c] as const))('%s', async (_name, id, c) => {
    const r = await runCase(id, RULES, c);
    expect(r.problems).toEqual([]);
    for (const f of r.findings) expect(f.family).toBeTruthy();
  });
});
