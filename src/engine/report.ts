// The CLI's JSON report (version 1), also what tests assert on. Times are
// ISO 8601 UTC; evidence lines are 1-based lines in their own file.

import type { Analysis } from './analysis/analyze.ts';
import type { IngestResult } from './ingest/ingest.ts';
import { toIso } from './model/time.ts';

export interface ReportFile {
  name: string;
  format: string;
  lines: number;
  events: number;
  continuations: number;
  blank: number;
  malformed: number;
  untimed: number;
  outOfOrder: number;
  firstTime: string | null;
  lastTime: string | null;
  zoneAssumed: boolean;
  error: string | null;
  notices: string[];
}

export interface Report {
  version: 1;
  files: ReportFile[];
  marks: { kind: string; start: string; end: string; label: string; source: string; events: number }[];
  findings: {
    rule: string;
    severity: string;
    start: string;
    end: string;
    title: string;
    detail: string;
    count?: number;
    evidence: { file: string; line: number }[];
    family?: string;
    /** Measured facts, each with the lines it was read from. */
    facts?: ReportFact[];
    /** Hypotheses best first, with what supports and argues against each. */
    hypotheses?: { id: string; statement: string; likelihood: string; supports: ReportFact[]; against: ReportFact[]; check: string }[];
    /** Figures that are assumptions, not measurements. */
    whatIf?: string[];
  }[];
  templates: { id: number; pattern: string; count: number }[];
}

export interface ReportFact {
  text: string;
  lines: { file: string; line: number }[];
}

const iso = (ms: number) => (Number.isFinite(ms) ? toIso(ms) : null);

export function buildReport(r: IngestResult, a: Analysis): Report {
  const t = r.table;
  const sourceName = (file: number, logger: number) => {
    const f = r.files[file]?.name ?? '?';
    return logger ? `${f}:${t.loggers[logger]}` : f;
  };
  const where = (row: number) => ({ file: r.files[t.file[row]]?.name ?? '?', line: t.line[row] });
  const fact = (f: { text: string; rows: number[] }): ReportFact => ({ text: f.text, lines: f.rows.map(where) });
  return {
    version: 1,
    files: r.files.map((f) => ({
      name: f.name,
      format: f.format,
      lines: f.lines,
      events: f.events,
      continuations: f.continuations,
      blank: f.blank,
      malformed: f.malformed,
      untimed: f.untimed,
      outOfOrder: f.outOfOrder,
      firstTime: iso(f.firstTime),
      lastTime: iso(f.lastTime),
      zoneAssumed: f.zoneAssumed,
      error: f.error,
      notices: f.notices,
    })),
    marks: a.marks.map((m) => ({
      kind: m.kind,
      start: toIso(m.start),
      end: toIso(m.end),
      label: m.label,
      source: sourceName(m.file, m.logger),
      events: m.count,
    })),
    findings: a.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      start: toIso(f.start),
      end: toIso(f.end),
      title: f.title,
      detail: f.detail,
      ...(f.count !== undefined ? { count: f.count } : {}),
      evidence: f.evidence.map(where),
      ...(f.family ? { family: f.family } : {}),
      ...(f.facts?.length ? { facts: f.facts.map(fact) } : {}),
      ...(f.hypotheses?.length ? { hypotheses: f.hypotheses.map((h) => ({ id: h.id, statement: h.statement, likelihood: h.likelihood, supports: h.supports.map(fact), against: h.against.map(fact), check: h.check })) } : {}),
      ...(f.whatIf?.length ? { whatIf: f.whatIf } : {}),
    })),
    templates: r.templates.map((x) => ({ id: x.id, pattern: x.pattern, count: x.count })),
  };
}
