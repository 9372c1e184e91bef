// The Rules dialog's preview and the user rules a load runs, where the engine
// session lives (the worker, or the main-thread fallback). Rules cross the
// worker boundary as rule specs (plain JSON data, never functions) and are
// checked again here with the same loader and linear-time pattern check as
// a rule file, whoever sent them; only then are they built into rules
// (dataRule via withUserRules) and run over the loaded logs.

import { loadRuleValue, userPatternCheck } from '../engine/knowledge/rule-loader.ts';
import { runCases } from '../engine/knowledge/run-cases.ts';
import type { EngineSession } from '../engine/session/session.ts';
import { withUserRules } from '../engine/rules/index.ts';
import type { RuleSpec } from '../engine/rules/spec.ts';
import type { Rule, Severity } from '../engine/rules/types.ts';
import { unlessAborted } from './abortable.ts';

/** A finding of a previewed rule, as the dialog lists it. */
export interface PreviewFinding {
  severity: Severity;
  title: string;
  start: number;
  end: number;
  count?: number;
  detail: string;
  evidence: number;
}

export interface RulePreview {
  id: string;
  /** Why the spec was refused here, or null. */
  error: string | null;
  /** Its findings in the loaded logs (none when nothing is loaded). */
  findings: PreviewFinding[];
  /** Its own test cases. */
  cases: { name: string; ok: boolean; problems: string[] }[];
}

const MAX_PREVIEW_FINDINGS = 50;

/** Specs from another thread, checked as a rule file would be; refused ones come back with the reason. */
export function checkedSpecs(specs: readonly unknown[]): { ok: RuleSpec[]; refused: Map<number, string> } {
  const ok: RuleSpec[] = [];
  const refused = new Map<number, string>();
  specs.forEach((s, i) => {
    const r = loadRuleValue(s, userPatternCheck);
    if (r.errors.length || r.rules.length !== 1) refused.set(i, r.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ') || 'not one rule');
    else ok.push(r.rules[0]);
  });
  return { ok, refused };
}

/** The rules a load runs: the built-in ones plus the user's checked specs (undefined: the built-in ones). */
export function userRulesOf(specs: readonly unknown[] | undefined): Rule[] | undefined {
  if (!specs || specs.length === 0) return undefined;
  return withUserRules(checkedSpecs(specs).ok);
}

export function rulesPreviewApi(session: EngineSession) {
  return {
    /** What each draft rule finds in the loaded logs, and whether its own cases pass. */
    async previewRules(specs: unknown[], signal?: AbortSignal): Promise<RulePreview[]> {
      const { ok, refused } = checkedSpecs(specs);
      const rules = withUserRules(ok);
      const analysis = ok.length ? await unlessAborted(signal, () => session.reanalyze(rules)) : null;
      const out: RulePreview[] = [];
      let k = 0;
      for (let i = 0; i < specs.length; i++) {
        const error = refused.get(i);
        const id = error === undefined ? ok[k++].id : '';
        if (error !== undefined) {
          out.push({ id, error, findings: [], cases: [] });
          continue;
        }
        const spec = ok.find((s) => s.id === id) as RuleSpec;
        const findings = (analysis?.findings ?? []).filter((f) => f.rule === id && f.userRule).sort((a, b) => a.start - b.start);
        const cases = await unlessAborted(signal, () => runCases(id, rules, spec.cases));
        out.push({
          id,
          error: null,
          findings: findings.slice(0, MAX_PREVIEW_FINDINGS).map((f) => ({ severity: f.severity, title: f.title, start: f.start, end: f.end, count: f.count, detail: f.detail, evidence: f.evidence.length })),
          cases: cases.map((c) => ({ name: c.name, ok: c.ok, problems: c.problems })),
        });
      }
      return out;
    },
  };
}
