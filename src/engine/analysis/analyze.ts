// Runs the analysis on an ingested table: marks first (rules read them), then
// every registered rule, then drops findings that a more specific rule
// already explains. Pure and synchronous: the worker, the CLI and tests call
// it alike. A rule that throws is reported as an info finding, never fatal.

import type { IngestResult } from '../ingest/ingest.ts';
import type { Mark } from '../marks/types.ts';
import { computeMarks } from '../marks/index.ts';
import { buildSourceIndex, type SourceIndex } from '../marks/sources.ts';
import { RULES } from '../rules/index.ts';
import type { Finding, Rule, RuleContext, Severity } from '../rules/types.ts';
import { templateTimes } from '../templates/template-stats.ts';
import { textIds } from '../rules/text-ids.ts';
import { readCauses } from './cause-lines.ts';
import { Flag } from '../model/kinds.ts';
import { codeOrder } from '../model/code-order.ts';

export interface Analysis {
  marks: Mark[];
  findings: Finding[];
}

/** `missing` hears of every row whose message was asked for but is not in memory (its template stands in). */
export function makeContext(r: IngestResult, marks: Mark[], sources?: SourceIndex, missing?: (row: number) => void): RuleContext {
  const message = (row: number) => {
    const m = r.messages[row];
    if (m !== undefined) return m;
    missing?.(row);
    return r.templates[r.table.template[row]]?.pattern ?? '';
  };
  const peek = (row: number) => r.messages[row] ?? r.templates[r.table.template[row]]?.pattern ?? '';
  // Rules ask for the cause lines of nearly every row (the signature scan, for each row no signature named),
  // and only a few hundred have any: a byte per row answers most without a Map lookup.
  const causeMap = r.causes;
  let causes: (row: number) => string[] | undefined = () => undefined;
  if (causeMap && causeMap.size > 0) {
    const has = new Uint8Array(r.table.length);
    for (const row of causeMap.keys()) if (row >= 0 && row < has.length) has[row] = 1;
    causes = (row) => (has[row] === 1 ? causeMap.get(row) : undefined);
  }
  return {
    table: r.table,
    files: r.files,
    templates: r.templates,
    marks,
    message,
    peek,
    causes,
    sources: sources ?? buildSourceIndex(r.table, r.files.length),
    templateTimes: templateTimes(r.table, r.templates.length),
  };
}

/** Evidence lines that all lacked a time (a log with no timestamps): the finding's window is not a time. */
function untimedEvidence(r: IngestResult, rows: readonly number[]): boolean {
  if (rows.length === 0) return false;
  const flags = r.table.flags;
  for (const row of rows) if ((flags[row] & Flag.untimed) === 0) return false;
  return true;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
/** Findings this close in time are about the same minutes. */
const SUPERSEDE_SLACK_MS = 30_000;

/** Drop a finding when a more specific rule's finding, at least as severe, overlaps it. */
export function supersede(found: { finding: Finding; specificity: number }[]): Finding[] {
  return found
    .filter(({ finding: f, specificity: s }) => !found.some(({ finding: g, specificity: gs }) =>
      gs > s && RANK[g.severity] >= RANK[f.severity] && g.start <= f.end + SUPERSEDE_SLACK_MS && f.start <= g.end + SUPERSEDE_SLACK_MS))
    .map((x) => x.finding);
}

export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  const found: { finding: Finding; specificity: number }[] = [];
  collect(ctx, rules.filter((r) => !r.fallback), found);
  if (!found.some(({ finding }) => RANK[finding.severity] >= RANK.warning)) collect(ctx, rules.filter((r) => r.fallback), found);
  return supersede(found).sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.start - b.start || codeOrder(a.rule, b.rule));
}

function collect(ctx: RuleContext, rules: readonly Rule[], found: { finding: Finding; specificity: number }[]): void {
  for (const rule of rules) {
    let list: Finding[];
    try {
      list = rule.run(ctx);
    } catch (e) {
      list = [{
        rule: rule.id, severity: 'info', start: NaN, end: NaN, title: `Rule ${rule.id} failed`,
        detail: `The rule threw: ${e instanceof Error ? e.message : String(e)}. Other rules ran normally.`, confidence: 0, evidence: [],
      }];
    }
    for (const finding of list) found.push({ finding, specificity: rule.specificity ?? 2 });
  }
}

export function analyze(r: IngestResult, missing?: (row: number) => void, rules: readonly Rule[] = RULES): Analysis {
  const sources = buildSourceIndex(r.table, r.files.length);
  const base = makeContext(r, [], sources, missing);
  const marks = computeMarks({ table: r.table, fileCount: r.files.length, message: base.message, sources, texts: textIds(base) });
  const findings = runRules({ ...base, marks }, rules);
  for (const f of findings) if (untimedEvidence(r, f.evidence)) f.untimed = true;
  return { marks, findings };
}

/** Rows analysis may read back at most; past that their templates stand in. */
export const READ_BACK_ROWS = 5000;

/**
 * analyze(), and when it asked for messages a big file did not keep in memory
 * (one-off plain messages past the budget), read those few back from the
 * files with `read` and analyse again, so marks and findings quote the real
 * lines ("deployed version 2.4.1", not "deployed version <*>"). With `raws`,
 * the failure lines inside multi-line events are read back first (cause-lines.ts).
 */
export async function analyzeReading(
  r: IngestResult,
  read: (rows: number[]) => Promise<string[]>,
  rules: readonly Rule[] = RULES,
  raws?: (rows: number[]) => Promise<string[]>,
): Promise<Analysis> {
  // The continuation lines of failure events, for the signatures ("Caused by: ..."): read once per load.
  if (raws && !r.causes) await readCauses(r, raws);
  const missed = new Set<number>();
  const first = analyze(r, (row) => {
    if (missed.size <= READ_BACK_ROWS) missed.add(row);
  }, rules);
  if (missed.size === 0 || missed.size > READ_BACK_ROWS) return first;
  const rows = [...missed];
  const texts = await read(rows);
  rows.forEach((row, i) => {
    if (texts[i]) r.messages[row] = texts[i];
  });
  return analyze(r, undefined, rules);
}
