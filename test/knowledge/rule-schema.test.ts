// The published rule schema (src/engine/knowledge/schema/rule.schema.json)
// and the loader must describe the same format: every built-in rule file and
// the example user rule pass both, a broken file fails both, and the schema's
// keys, required keys and enums are the loader's own lists. An editor that
// checks a file against the schema then tells the truth about what loads.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import schema from '../../src/engine/knowledge/schema/rule.schema.json';
import { validate, type JsonSchema } from '../../src/engine/knowledge/validate.ts';
import { DETECTOR_KEYS, EXPECT_KEYS, LEVELS, LIKELIHOODS, MARKS, RULE_KEYS, SELECTOR_KEYS, SEVERITIES, loadRuleText, userPatternCheck } from '../../src/engine/knowledge/rule-loader.ts';
import { BUILTIN_RULE_FILES } from '../../src/engine/knowledge/rules/index.ts';
import { DETECTOR_TYPES } from '../../src/engine/rules/detectors/index.ts';
import { vocabularyClassNames } from '../../src/engine/rules/detectors/vocabulary-classes.ts';
import { KIND_NAMES } from '../../src/engine/model/kinds.ts';
import { FAMILIES } from '../../src/engine/rules/types.ts';
import { runCases } from '../../src/engine/knowledge/run-cases.ts';
import { withUserRules } from '../../src/engine/rules/index.ts';

const RULES_DIR = join(import.meta.dirname, '../../src/engine/knowledge/rules');
const FIXTURES = join(import.meta.dirname, '../fixtures/rules');
const s = schema as unknown as JsonSchema;
type Def = { properties?: Record<string, Def>; required?: string[]; enum?: string[]; oneOf?: Def[]; items?: Def; const?: string; $ref?: string };
const defs = (schema as unknown as { $defs: Record<string, Def> }).$defs;
const sorted = (xs: readonly string[]) => [...xs].sort();
/** The enum of a one-or-many property ({ oneOf: [string enum, array of enum] }). */
const oneOrMany = (d: Def) => d.oneOf?.[0].enum ?? [];

/** The complete rule the README shows (the first ```json block after "A complete rule:"). */
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const readmeRule = (/A complete rule:\s*```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '').replace(/^ {3}/gm, '');

const files: [string, string][] = [
  ['README.md (the user rule it shows)', readmeRule],
  ...Object.keys(BUILTIN_RULE_FILES).map((f): [string, string] => [f, readFileSync(join(RULES_DIR, f), 'utf8')]),
  ['slow-upstream.json (example user rule)', readFileSync(join(FIXTURES, 'slow-upstream.json'), 'utf8')],
];

describe('rule schema', () => {
  it.each(files)('%s passes the schema and the user-rule loader', (name, text) => {
    expect(validate(JSON.parse(text), s, name)).toEqual([]);
    expect(loadRuleText(text, userPatternCheck).errors).toEqual([]);
  });

  it('the README\'s rule passes its own cases', async () => {
    const spec = loadRuleText(readmeRule, userPatternCheck).rules[0];
    const results = await runCases(spec.id, withUserRules([spec]), spec.cases);
    expect(results.map((r) => [r.name, r.problems])).toEqual(spec.cases.map((c) => [c.name, []]));
  });

  it('a misspelt detector fails both, the loader naming its line', () => {
    const text = readFileSync(join(FIXTURES, 'bad-detector.json'), 'utf8');
    expect(validate(JSON.parse(text), s, 'bad').length).toBeGreaterThan(0);
    const r = loadRuleText(text, userPatternCheck);
    expect(r.rules).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 7, path: 'detector.type', message: expect.stringMatching(/unknown detector "serie"/) })]);
  });

  it('lists the loader\'s rule keys, families and severities', () => {
    expect(sorted(Object.keys(defs.rule.properties ?? {}))).toEqual(sorted(RULE_KEYS));
    expect(sorted(defs.rule.required ?? [])).toEqual(sorted(['id', 'title', 'description', 'family', 'severity', 'detector', 'finding', 'cases']));
    expect(defs.rule.properties?.family.enum).toEqual([...FAMILIES]);
    expect(defs.rule.properties?.severity.enum).toEqual([...SEVERITIES]);
  });

  it('has one definition per detector, with the loader\'s parameters and required ones', () => {
    const refs = (defs.detector.oneOf ?? []).map((d) => String(d.$ref).replace('#/$defs/', ''));
    expect(sorted(refs)).toEqual(sorted(DETECTOR_TYPES));
    for (const t of DETECTOR_TYPES) {
      const d = DETECTOR_KEYS[t];
      expect(defs[t].properties?.type.const, t).toBe(t);
      expect(sorted(Object.keys(defs[t].properties ?? {})), t).toEqual(sorted(['type', ...d.selectors, ...d.durations, ...d.numbers, ...(d.other ?? [])]));
      expect(sorted(defs[t].required ?? []), t).toEqual(sorted(['type', ...d.required]));
    }
  });

  it('selectors name the loader\'s kinds, levels, marks and vocabulary classes', () => {
    const p = defs.selector.properties ?? {};
    expect(sorted(Object.keys(p))).toEqual(sorted(SELECTOR_KEYS));
    expect(oneOrMany(p.kind)).toEqual(KIND_NAMES.filter((k) => k !== 'plain'));
    expect(p.level.enum).toEqual(LEVELS);
    expect(oneOrMany(p.mark)).toEqual(MARKS);
    expect(sorted(oneOrMany(p.vocabulary))).toEqual(vocabularyClassNames());
  });

  it('expected findings have the loader\'s keys', () => {
    expect(sorted(Object.keys(defs.expected.properties ?? {}))).toEqual(sorted(EXPECT_KEYS));
    expect(defs.expected.properties?.top.properties?.likelihood.enum).toEqual(LIKELIHOODS);
  });
});
