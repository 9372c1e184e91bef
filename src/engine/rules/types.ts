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
  /** The incident family this finding names (see FAMILIES). */
  family?: Family;
  /** What the logs show, measured, each citing its rows. */
  facts?: Fact[];
  /** Mechanisms to suspect, ranked best first by the evidence present. */
  hypotheses?: Hypothesis[];
  /** Figures that are not measured but assumed ("what if a 64 KiB pipe..."), labelled as such. */
  whatIf?: string[];
  /** Set on findings of a rule the user loaded (a rule file), not a built-in one. */
  userRule?: boolean;
  /**
   * Every evidence line carries no time of its own: `start` and `end` are only
   * where the timeline put them, and are shown as "untimed", never as a date.
   */
  untimed?: boolean;
}

export interface RuleContext {
  table: EventTable;
  files: readonly FileStats[];
  templates: readonly TemplateInfo[];
  marks: readonly Mark[];
  /** Message text of a row (from memory or, failing that, its template pattern). */
  message(row: number): string;
  /**
   * The same text for scanning many rows: a message not kept in memory gives
   * its template pattern without being read back (a selector tested on every
   * row must not ask for every one-off message of a big file).
   */
  peek(row: number): string;
  /** The failure lines among a multi-line event's continuation lines ("Caused by: ..."), when they were read back. */
  causes?(row: number): readonly string[] | undefined;
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
  /**
   * A fallback rule runs only when no other rule raised a warning or worse:
   * it speaks when the named patterns are silent (the first failure of a log
   * that matched none of them), never on top of them.
   */
  fallback?: boolean;
  run(ctx: RuleContext): Finding[];
}

/**
 * Incident families: the names a finding gives to what happened, shared by
 * failure signatures, rules and the accuracy corpus's expected verdicts
 * (test/incidents/). A finding names one `family`; the list is closed so that
 * a verdict written before the engine ran can be checked against it.
 */
export const FAMILIES = [
  'stall-after-reload', 'periodic-freeze', 'restart-loop', 'crash', 'oom',
  'fd-exhaustion', 'disk-full', 'connection-refused', 'connection-reset',
  'upstream-5xx', 'dns-failure', 'tls-failure', 'acme-failure', 'probe-failure',
  'watchdog-kill', 'worker-timeout', 'pool-exhaustion', 'db-unreachable',
  'db-starting', 'lock-wait', 'deadlock', 'leader-election-lost', 'restart-limit',
  'segfault', 'permission-denied', 'config-error', 'backend-down', 'timeout-burst',
  'error-burst', 'error-burst-after-deploy', 'operation-never-finished',
  'replication-failure', 'rate-limited', 'auth-failure', 'io-error', 'clock-skew', 'first-failure',
] as const;
export type Family = (typeof FAMILIES)[number];

/** A fact measured from the logs, with the rows it was read from. */
export interface Fact {
  text: string;
  rows: number[];
}

/**
 * One mechanism a finding suggests. `likelihood` is earned by evidence in the
 * loaded logs: 'likely' only when supporting evidence is present and nothing
 * present argues against it; 'open' when the logs cannot tell.
 */
export interface Hypothesis {
  id: string;
  /** The mechanism, stated as a hypothesis ("Lock held across renewals..."). */
  statement: string;
  likelihood: 'likely' | 'possible' | 'unlikely' | 'open';
  /** Evidence present in the logs that supports it (each cites rows when it can). */
  supports: Fact[];
  /** Evidence present in the logs that argues against it. */
  against: Fact[];
  /** What to check (outside the logs) to confirm or rule it out. */
  check: string;
}
