// Runs a rule's own test cases: each case's small logs are ingested and
// analysed with all built-in rules plus the rule under test (so supersession
// works as in real use), and that rule's findings are compared with what the
// case expects. One harness for data rules, code rules and user rules; the
// Rules dialog and `--rules` report the same results.

import { bytesSource } from '../ingest/byte-source.ts';
import { ingestSources } from '../ingest/ingest.ts';
import { analyze } from '../analysis/analyze.ts';

import type { Finding, Rule } from '../rules/types.ts';
import type { ExpectedFinding, RuleCase } from '../rules/spec.ts';

export interface CaseResult {
  name: string;
  ok: boolean;
  problems: string[];
  findings: Finding[];
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

function compare(f: Finding, e: ExpectedFinding, tolerance: number, i: number): string[] {
  const out: string[] = [];
  const at = `finding ${i + 1}`;
  if (e.severity && f.severity !== e.severity) out.push(`${at}: severity ${f.severity}, expected ${e.severity}`);
  for (const k of ['start', 'end'] as const) {
    const want = e[k];
    if (want === undefined) continue;
    const t = Date.parse(want);
    if (!(Math.abs(f[k] - t) <= tolerance)) out.push(`${at}: ${k} ${iso(f[k])}, expected ${want}`);
  }
  if (e.count !== undefined && f.count !== e.count) out.push(`${at}: count ${f.count}, expected ${e.count}`);
  if (e.title !== undefined && !new RegExp(e.title, 'i').test(f.title)) out.push(`${at}: title "${f.title}" does not match /${e.title}/`);
  if (e.top) {
    const top = f.hypotheses?.[0];
    if (!top || top.id !== e.top.id) out.push(`${at}: first hypothesis ${top?.id ?? 'none'}, expected ${e.top.id}`);
    else if (e.top.likelihood && top.likelihood !== e.top.likelihood) out.push(`${at}: ${top.id} is ${top.likelihood}, expected ${e.top.likelihood}`);
  }
  return out;
}

export async function runCase(ruleId: string, rules: readonly Rule[], c: RuleCase): Promise<CaseResult> {
  const result = await ingestSources(c.files.map((f) => bytesSource(f.name, f.lines.join('\n') + '\n')), { year: 2024 });
  const findings = analyze(result, undefined, rules).findings.filter((f) => f.rule === ruleId).sort((a, b) => a.start - b.start);
  const problems: string[] = [];
  if (findings.length !== c.expect.length) problems.push(`${findings.length} finding(s), expected ${c.expect.length}${findings.length ? `: ${findings.map((f) => f.title).join(' | ')}` : ''}`);
  else findings.forEach((f, i) => problems.push(...compare(f, c.expect[i], c.toleranceMs ?? 2000, i)));
  return { name: c.name, ok: problems.length === 0, problems, findings };
}

export async function runCases(ruleId: string, rules: readonly Rule[], cases: readonly RuleCase[]): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const c of cases) out.push(await runCase(ruleId, rules, c));
  return out;
}
