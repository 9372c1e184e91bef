// The CLI's JSON report (version 1), also what tests assert on. Times are
// ISO 8601 UTC, or a time of day ("22:40:53.187Z") for files whose dates are
// unknown; evidence lines are 1-based lines in their own file.

import type { Analysis } from './analysis/analyze.ts';
import type { IngestResult } from './ingest/ingest.ts';
import { toIso } from './model/time.ts';
import { clockIso } from './model/time-of-day.ts';

export interface ReportFile {
  name: string;
  format: string;
  lines: number;
  events: number;
  continuations: number;
  blank: number;
  malformed: number;
  /** Hand-edited lines read up to their cut (counted among the events). */
  recovered: number;
  /** Lines that only mark a cut ("..."), counted among the blank lines. */
  elided: number;
  untimed: number;
  /** Of the untimed events, those that took a neighbour's time (inferred, not read from their line). */
  timeInferred: number;
  outOfOrder: number;
  firstTime: string | null;
  lastTime: string | null;
  zoneAssumed: boolean;
  /** The file's times are times of day without a date: its times read "22:40:53.187Z". */
  dateUnknown: boolean;
  /** The file's clock counts from its program's start (JVM unified logging, dmesg): its times read "00:00:27.223Z" from that start. */
  uptimeClock: boolean;
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
    /** The finding comes from a rule file the user loaded (--rules), not a built-in rule. */
    userRule?: boolean;
    /** Its lines carry no time: start and end read "untimed". */
    untimed?: boolean;
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

/** ISO 8601 UTC; a time on the unknown day (a time of day without a date) is its time of day alone. */
const when = (ms: number) => clockIso(ms, 0, toIso);
/** The window of a finding whose lines carry no time. */
export const UNTIMED = 'untimed';
const iso = (ms: number) => (Number.isFinite(ms) ? when(ms) : null);

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
      recovered: f.recovered,
      elided: f.elided,
      untimed: f.untimed,
      timeInferred: f.timeInferred,
      outOfOrder: f.outOfOrder,
      firstTime: iso(f.firstTime),
      lastTime: iso(f.lastTime),
      zoneAssumed: f.zoneAssumed,
      dateUnknown: f.dateUnknown,
      uptimeClock: f.uptimeClock,
      error: f.error,
      notices: f.notices,
    })),
    marks: a.marks.map((m) => ({
      kind: m.kind,
      start: when(m.start),
      end: when(m.end),
      label: m.label,
      source: sourceName(m.file, m.logger),
      events: m.count,
    })),
    findings: a.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      // Lines without a time get no invented one: the window reads "untimed".
      start: f.untimed ? UNTIMED : when(f.start),
      end: f.untimed ? UNTIMED : when(f.end),
      ...(f.untimed ? { untimed: true } : {}),
      title: f.title,
      detail: f.detail,
      ...(f.count !== undefined ? { count: f.count } : {}),
      evidence: f.evidence.map(where),
      ...(f.family ? { family: f.family } : {}),
      ...(f.userRule ? { userRule: true } : {}),
      ...(f.facts?.length ? { facts: f.facts.map(fact) } : {}),
      ...(f.hypotheses?.length ? { hypotheses: f.hypotheses.map((h) => ({ id: h.id, statement: h.statement, likelihood: h.likelihood, supports: h.supports.map(fact), against: h.against.map(fact), check: h.check })) } : {}),
      ...(f.whatIf?.length ? { whatIf: f.whatIf } : {}),
    })),
    // (A template whose rows were all rolled back, from a file that failed to read, has none left.)
    templates: r.templates.filter((x) => x.count > 0).map((x) => ({ id: x.id, pattern: x.pattern, count: x.count })),
  };
}
