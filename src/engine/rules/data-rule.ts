// Turns a rule written as data (spec.ts) into a Rule: runs its detector,
// words each match through the rule's templates, grades severity and
// confidence on measured figures, and ranks the rule's hypotheses by what is
// present in the loaded logs. Nothing in a rule file is executed: templates
// only substitute {names}, conditions only compare numbers.

import type { Finding, Fact, Hypothesis, Rule, RuleContext } from './types.ts';
import type { DetailLine, EvidenceSpec, HypothesisSpec, RuleSpec, When } from './spec.ts';
import { parseDuration } from './spec.ts';
import { detect } from './detectors/index.ts';
import { linesIn, untimedFile } from './detectors/select.ts';
import type { Match } from './detectors/types.ts';
import { evidence } from './helpers.ts';
import { clock, quote, stamp } from './text.ts';

function figureText(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** "{count} restarts in {duration}" with the match's words and figures; unknown names are left visible. */
export function fill(template: string, m: Pick<Match, 'text' | 'figures' | 'start'>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => {
    if (name === 'stamp') return stamp(m.start);
    if (name in m.text) return m.text[name];
    if (name in m.figures) return figureText(m.figures[name]);
    return all;
  });
}

export function meets(when: When, figures: Record<string, number>): boolean {
  return Object.entries(when).every(([k, c]) => {
    const v = figures[k];
    if (v === undefined) return false;
    return (c.min === undefined || v >= c.min) && (c.max === undefined || v <= c.max);
  });
}

function detailLines(lines: readonly DetailLine[], m: Match): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (typeof l !== 'string' && !meets(l.when, m.figures)) continue;
    const text = typeof l === 'string' ? l : l.text;
    if (text === '{lines}') out.push(...(m.lines ?? []));
    else out.push(fill(text, m));
  }
  return out;
}

function evidenceFacts(ctx: RuleContext, specs: readonly EvidenceSpec[] | undefined, m: Match): Fact[] {
  const out: Fact[] = [];
  for (const e of specs ?? []) {
    const around = e.around ? parseDuration(e.around) : 0;
    const rows = linesIn(ctx, e.present, m.start - around, m.end + around);
    if (rows.length === 0) continue;
    const row = rows[0];
    const first = untimedFile(ctx, ctx.table.file[row]) ? `line ${ctx.table.line[row]}` : clock(ctx.table.tMs[row]);
    const text = fill(e.text, { ...m, text: { ...m.text, n: String(rows.length), first, line: quote(ctx.message(row), 100) } });
    out.push({ text, rows });
  }
  return out;
}

/** Likelihood earned by evidence: likely only with support and nothing against. */
export function likelihoodOf(supports: number, against: number): Hypothesis['likelihood'] {
  if (supports && !against) return 'likely';
  if (supports && against) return 'possible';
  if (against) return 'unlikely';
  return 'open';
}

const ORDER: Record<Hypothesis['likelihood'], number> = { likely: 0, possible: 1, open: 2, unlikely: 3 };

/** Hypotheses best first; ties keep the rule file's order. */
export function rankHypotheses(list: Hypothesis[]): Hypothesis[] {
  return list.map((h, i) => ({ h, i })).sort((a, b) => ORDER[a.h.likelihood] - ORDER[b.h.likelihood] || b.h.supports.length - a.h.supports.length || a.i - b.i).map((x) => x.h);
}

function hypotheses(ctx: RuleContext, specs: readonly HypothesisSpec[] | undefined, m: Match): Hypothesis[] {
  return rankHypotheses((specs ?? []).map((h) => {
    const supports = evidenceFacts(ctx, h.supports, m);
    const against = evidenceFacts(ctx, h.against, m);
    return { id: h.id, statement: fill(h.statement, m), likelihood: likelihoodOf(supports.length, against.length), supports, against, check: fill(h.check, m) };
  }));
}

export function dataRule(spec: RuleSpec): Rule {
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    specificity: spec.specificity,
    run(ctx) {
      const out: Finding[] = [];
      for (const m of detect(ctx, spec.detector)) {
        const grade = spec.grade?.find((g) => meets(g.when, m.figures));
        const hyps = hypotheses(ctx, spec.hypotheses, m);
        out.push({
          rule: spec.id,
          severity: grade?.severity ?? spec.severity,
          start: m.start,
          end: m.end,
          title: fill(spec.finding.title, m),
          detail: detailLines(spec.finding.detail, m).join('\n'),
          count: m.figures.count,
          confidence: grade?.confidence ?? spec.confidence ?? 0.5,
          evidence: evidence(ctx, m.rows),
          family: spec.family,
          ...(hyps.length ? { hypotheses: hyps } : {}),
        });
      }
      return out;
    },
  };
}
