// The share-link payload: what an incident link carries in its fragment.
// Versioned JSON (this file is version 1; older shapes are migrated in
// migrations.ts). Events are columnar, like the engine's EventTable, because
// parallel arrays of small numbers compress far better than row objects and
// restore straight into a table. Row references (mark events, finding
// evidence) are indices into these columns, never rows of the sender's table.

import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import type { KindName } from '../engine/model/kinds.ts';
import type { LevelName } from '../engine/model/levels.ts';
import type { MarkKind, SpanEnd } from '../engine/marks/types.ts';
import type { Severity } from '../engine/rules/types.ts';

export const SHARE_VERSION = 1;

/** Epoch-ms time range, start <= end. */
export interface TimeRange {
  start: number;
  end: number;
}

export interface SharedFile {
  name: string;
  format: string;
  formatLabel: string;
  /** Totals of the whole original file (the link carries only part of it). */
  bytes: number;
  lines: number;
  events: number;
  firstTime: number | null;
  lastTime: number | null;
  zoneAssumed: boolean;
  /** Ms subtracted from the file's times to correct its clock (the shared times are already corrected); absent: none. */
  clockOffsetMs?: number;
  error: string | null;
  notices: string[];
}

/** Parallel columns, all of the same length. */
export interface SharedEvents {
  /** Milliseconds relative to `SharePayload.t0` (keeps the numbers short). */
  t: number[];
  /** Nanoseconds inside the millisecond. */
  ns: number[];
  level: number[];
  kind: number[];
  flags: number[];
  /** Index into `files`. */
  file: number[];
  /** Index into `loggers` (0 = none). */
  logger: number[];
  /** 1-based line number in the original file (so "file:line" still points at the source). */
  line: number[];
  /** Physical lines the event spans in the original file. */
  lines: number[];
  msg: string[];
  /** Raw text (all its lines) when it differs from `msg`, else null. */
  raw: (string | null)[];
}

// SharedMark and SharedFinding are written out, not derived from the engine's
// Mark and Finding: the link format is versioned (see migrations.ts) and must
// not change shape when the engine's internal types do.
export interface SharedMark {
  kind: MarkKind;
  start: number;
  end: number;
  label: string;
  file: number;
  logger: number;
  /** Indices into the shared events. */
  events: number[];
  count: number;
  spanEnd?: SpanEnd;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SharedFinding {
  rule: string;
  severity: Severity;
  start: number;
  end: number;
  title: string;
  detail: string;
  count?: number;
  confidence: number;
  /** Indices into the shared events. */
  evidence: number[];
  /** How many evidence events the finding had before the link was cut to a window. */
  evidenceTotal: number;
  data?: { [key: string]: JsonValue };
  /** It came from one of the sender's rule files, not a built-in rule. */
  userRule?: boolean;
}

/** One of the sender's rule files, as written (the receiver checks it as it would a pasted file). */
export interface SharedRuleFile {
  name: string;
  text: string;
}

export type LaneMode = 'file' | 'logger';

export interface ShareFilters {
  /** Plain text or /regex/flags, as typed in the filter box. */
  text: string;
  /** Levels shown; empty = all. */
  levels: LevelName[];
  /** Kinds shown; empty = all. */
  kinds: KindName[];
  /** Source (lane) names shown; empty = all. */
  sources: string[];
  /**
   * Message patterns shown (the Patterns tab's filter), by pattern text: the
   * receiving side re-templates the events and picks its templates with these
   * patterns. Optional: links made before it carry none.
   */
  patterns?: string[];
}

export interface ShareView {
  /** The zoom window of the timeline. */
  window: TimeRange;
  /** A brushed range inside it, if any. */
  brush: TimeRange | null;
  lanes: LaneMode;
  filters: ShareFilters;
  /** Index into `findings`, or null. */
  selectedFinding: number | null;
  timeZone: 'utc' | 'local';
  /** Fields shown as log-list columns, in order (absent: none). */
  columns?: string[];
}

export interface RedactionSummary {
  /** Categories (and custom labels) that were applied. */
  categories: string[];
  /** Number of values replaced. */
  replaced: number;
}

/**
 * Where a pulled window came from (a ClickHouse query), so the reader knows
 * what the events are a sample of: source kind, table, window, filters,
 * column mapping. The server's address only when the sender ticked the box;
 * a user or password never (the link has no field for them). Written out
 * rather than taken from the engine's Provenance, like SharedMark: the link
 * format is versioned and must not change when the bundle manifest does.
 */
export interface SharedProvenance {
  kind: 'clickhouse';
  database?: string;
  table: string;
  /** ISO 8601 times of the pulled window. */
  from: string;
  to: string;
  /** Services the pull was limited to. */
  sources?: string[];
  /** The user's own SQL condition. */
  where?: string;
  /** Column mapping (schema.ts encodeMapping), absent for otel_logs' own columns. */
  mapping?: string;
  /** Server origin (scheme, host, port), only when the sender chose to include it. */
  host?: string;
}

export interface SharePayload {
  v: typeof SHARE_VERSION;
  /** ISO time the link was made. */
  created: string;
  /** The range whose events the link carries. */
  window: TimeRange;
  /** Time origin of `events.t`. */
  t0: number;
  files: SharedFile[];
  /** Interned logger names; loggers[0] === ''. */
  loggers: string[];
  events: SharedEvents;
  marks: SharedMark[];
  findings: SharedFinding[];
  view: ShareView;
  /** The sender's custom vocabulary entries. */
  vocabulary: VocabularyEntry[];
  /** The sender's rule files (links made before rules travelled carry none). */
  rules?: SharedRuleFile[];
  redaction: RedactionSummary;
  /** What was left out to keep the link small ("debug lines dropped", ...). */
  reductions: string[];
  /** The query a pulled window came from (links made from dropped files carry none). */
  provenance?: SharedProvenance;
}

export function emptyEvents(): SharedEvents {
  return { t: [], ns: [], level: [], kind: [], flags: [], file: [], logger: [], line: [], lines: [], msg: [], raw: [] };
}

export const EVENT_COLUMNS = ['t', 'ns', 'level', 'kind', 'flags', 'file', 'logger', 'line', 'lines', 'msg', 'raw'] as const satisfies readonly (keyof SharedEvents)[];

export function defaultView(window: TimeRange): ShareView {
  return {
    window: { ...window },
    brush: null,
    lanes: 'file',
    filters: { text: '', levels: [], kinds: [], sources: [] },
    selectedFinding: null,
    timeZone: 'utc',
  };
}
