// The rule plugin contract (Perfetto-plugin style): a rule is a plain object
// in its own file; it reads the analysis context and returns findings.

import type { EventTable } from '../model/event-table.ts';
import type { FileStats } from '../ingest/file-stats.ts';
import type { Mark } from '../marks/types.ts';
import type { SourceIndex } from '../marks/sources.ts';
import type { TemplateInfo } from '../templates/templater.ts';
import type { TemplateTimes } from '../templates/template-stats.ts';

export type Severity = 'critical' | 'warning' | 'info';

export interface Finding {
  rule: string;
  severity: Severity;
  /** Epoch ms window of the incident. */
  start: number;
  end: number;
  title: string;
  /** For the on-call engineer: what happened in order, the mechanism, what to check next. */
  detail: string;
  /** Rule-specific count (episodes, crashes...). */
  count?: number;
  /** How sure the rule is, 0..1. */
  confidence: number;
  /** Table rows that are the evidence, in time order. */
  evidence: number[];
  /** Rule-specific figures (interval statistics, signature hint...). */
  data?: Record<string, unknown>;
}

export interface RuleContext {
  table: EventTable;
  files: readonly FileStats[];
  templates: readonly TemplateInfo[];
  marks: readonly Mark[];
  /** Message text of a row (from memory or, failing that, its template pattern). */
  message(row: number): string;
  /** Rows of each file in time order. */
  sources: SourceIndex;
  /** First/last time and count of each template ("never before" questions). */
  templateTimes: TemplateTimes;
}

export interface Rule {
  id: string;
  title: string;
  description: string;
  /**
   * How specific the rule is (default 2). A finding is dropped when a finding
   * of a more specific rule, at least as severe, overlaps it in time: a generic
   * "error burst" (0) gives way to "error burst after deploy" (1), and both to
   * "stall after reload" (2) explaining the same minutes.
   */
  specificity?: number;
  run(ctx: RuleContext): Finding[];
}
