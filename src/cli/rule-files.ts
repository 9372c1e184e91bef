// `--rules FILE`: the user's rule files for the CLI. Each is read and checked
// by the same loader as the app's Rules dialog (same caps, same linear-time
// pattern check), errors print as FILE:LINE: message like a compiler's, and
// each rule's own cases run through the one case harness so a rule author
// sees at once whether the rule still does what its file says.

import { readFileSync } from 'node:fs';
import { loadRuleText, MAX_RULE_FILE_BYTES, userPatternCheck } from '../engine/knowledge/rule-loader.ts';
import { runCases } from '../engine/knowledge/run-cases.ts';
import type { Rule } from '../engine/rules/types.ts';
import type { RuleSpec } from '../engine/rules/spec.ts';

export interface LoadedRuleFiles {
  specs: { file: string; spec: RuleSpec }[];
  /** "FILE:LINE: message", one per problem; empty when every file loaded. */
  errors: string[];
}

export function loadRuleFiles(paths: readonly string[]): LoadedRuleFiles {
  const out: LoadedRuleFiles = { specs: [], errors: [] };
  const ids = new Map<string, string>();
  for (const path of paths) {
    let text: string;
    try {
      const bytes = readFileSync(path);
      // Refuse before decoding: a rule file is small, whatever the path points at.
      if (bytes.length > MAX_RULE_FILE_BYTES) {
        out.errors.push(`${path}:1: the rule file is larger than ${MAX_RULE_FILE_BYTES / 1024} KB`);
        continue;
      }
      text = bytes.toString('utf8');
    } catch (e) {
      out.errors.push(`${path}: cannot read it: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const r = loadRuleText(text, userPatternCheck);
    for (const e of r.errors) out.errors.push(`${path}:${e.line}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
    for (const spec of r.rules) {
      const other = ids.get(spec.id);
      if (other !== undefined) out.errors.push(`${path}:1: the rule id "${spec.id}" is also used in ${other}`);
      ids.set(spec.id, path);
      out.specs.push({ file: path, spec });
    }
  }
  return out;
}

export interface RuleCaseReport {
  file: string;
  rule: string;
  cases: { name: string; ok: boolean; problems: string[] }[];
}

/** Each user rule's own cases, run with the rules the analysis used. */
export async function runUserCases(specs: LoadedRuleFiles['specs'], rules: readonly Rule[]): Promise<RuleCaseReport[]> {
  const out: RuleCaseReport[] = [];
  for (const { file, spec } of specs) {
    const results = await runCases(spec.id, rules, spec.cases);
    out.push({ file, rule: spec.id, cases: results.map((c) => ({ name: c.name, ok: c.ok, problems: c.problems })) });
  }
  return out;
}

/** "rule slow-upstream (rules.json): 2 of 2 cases pass" and a line per failing case. */
export function casesText(reports: readonly RuleCaseReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const pass = r.cases.filter((c) => c.ok).length;
    lines.push(`rule ${r.rule} (${r.file}): ${pass} of ${r.cases.length} case${r.cases.length === 1 ? '' : 's'} pass${r.cases.length ? '' : ' (it has none)'}`);
    for (const c of r.cases) {
      lines.push(`  ${c.ok ? 'pass' : 'FAIL'}: ${c.name}`);
      for (const p of c.problems) lines.push(`    ${p}`);
    }
  }
  return lines.join('\n');
}
