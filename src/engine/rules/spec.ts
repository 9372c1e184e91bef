// The shape of a rule written as data (built-in rules under
// src/engine/knowledge/rules/ and the user's own rule files): which detector
// finds the happening, how the finding is worded, which hypotheses it
// suggests and what in the logs supports or argues against each, and the
// small logs it must (and must not) fire on. A rule is only data: it names a
// detector and fills its parameters; it never carries code.

import type { KindName } from '../model/kinds.ts';
import type { MarkKind } from '../marks/types.ts';
import type { Family, Severity } from './types.ts';

/** "500ms", "30s", "5m", "2h" — parsed by parseDuration. */
export type DurationText = string;

/**
 * Which events a detector looks at. Fields combine with AND. `mark` picks
 * marks (restarts, crashes, bursts, gaps, operations) instead of single lines.
 */
export interface Selector {
  kind?: Exclude<KindName, 'plain'> | Exclude<KindName, 'plain'>[];
  /** Lowest level: 'warn' matches warn, error and fatal. */
  level?: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /** Regular expression over the message (and its error fields), case-insensitive; checked for safety. */
  match?: string;
  /** A vocabulary class by name (see src/engine/knowledge). */
  vocabulary?: string;
  mark?: MarkKind | MarkKind[];
  /** Any one of these selectors (OR), ANDed with the fields above. */
  anyOf?: Selector[];
  /** Excludes what this selector matches. */
  not?: Selector;
}

/** Numeric conditions on a match's figures: { count: { min: 20 } }. */
export type When = Record<string, { min?: number; max?: number }>;

export interface SeriesSpec {
  type: 'series';
  of: Selector;
  /** N occurrences... */
  count: number;
  /** ...each within this of the previous (chain) or all within this window. */
  within: DurationText;
  chain?: boolean;
  /** Between consecutive occurrences, at least `share` of the intervals hold one of these (a death before each restart). */
  between?: { of: Selector; share: number };
  /** Files without timestamps: count `death` then `of` cycles in line order; at least `min` cycles. */
  untimed?: { death: Selector; min: number };
}

export interface FollowsSpec {
  type: 'follows';
  first: Selector;
  then: Selector;
  within: DurationText;
  /** Only while an operation (or other mark) of this selector is running at `then`. */
  while?: Selector;
  /** Loaded logs must reach this far before `first`. */
  minHistory?: DurationText;
  /** For burst `then`: share of its events whose message never appeared before `first`. */
  newShare?: number;
}

export interface RecursSpec {
  type: 'recurs';
  of: Selector;
  /** Episodes at least (two intervals show a period). */
  min: number;
  /** Occurrences this close are one episode. */
  episode: DurationText;
  minPeriod: DurationText;
  /** Every kept interval within this factor of the median. */
  regularity: number;
  /** (max - min) / median at or below this: a fixed period. */
  fixedSpread: number;
}

export interface BurstSpec {
  type: 'burst';
  of: Selector;
  /** Bursts this close are one happening. */
  join?: DurationText;
  /** Line selectors: at least `min` within `window`... */
  min?: number;
  window?: DurationText;
  /** ...at this many times the source's own rate outside the window (excerpts with no baseline pass). */
  factor?: number;
}

export interface OverlapsSpec {
  type: 'overlaps';
  a: Selector;
  b: Selector;
  slack?: DurationText;
  /** b must be in another file than a. */
  otherFile?: boolean;
}

export interface AbsenceSpec {
  type: 'absence';
  /** Operation marks (the detector reads their end state) or lines. */
  after: Selector;
  /** Lines that would end the wait (ignored for operations: their end is known). */
  expect?: Selector;
  /** Fixed wait... */
  for?: DurationText;
  /** ...or, for operations, this many times the longest finished one of their kind (at least `for`). */
  factor?: number;
}

export type DetectorSpec = SeriesSpec | FollowsSpec | RecursSpec | BurstSpec | OverlapsSpec | AbsenceSpec;
export type DetectorType = DetectorSpec['type'];

/** A detail line: always, or only when the match's figures meet `when`. */
export type DetailLine = string | { text: string; when: When };

export interface EvidenceSpec {
  /** Templated with {n} (how many lines), {first} (clock of the first) and the match's figures. */
  text: string;
  present: Selector;
  /** How far around the finding's window to look (default: the window itself). */
  around?: DurationText;
}

export interface HypothesisSpec {
  id: string;
  statement: string;
  check: string;
  supports?: EvidenceSpec[];
  against?: EvidenceSpec[];
}

export interface RuleCaseFile {
  name: string;
  lines: string[];
}

export interface ExpectedFinding {
  severity?: Severity;
  /** ISO times; matched within toleranceMs (default 2 s). */
  start?: string;
  end?: string;
  /** Regular expression the title must match. */
  title?: string;
  count?: number;
  /** Hypothesis id expected first, and its likelihood. */
  top?: { id: string; likelihood?: 'likely' | 'possible' | 'unlikely' | 'open' };
}

export interface RuleCase {
  name: string;
  files: RuleCaseFile[];
  /** This rule's findings, in time order; [] means it must stay quiet. */
  expect: ExpectedFinding[];
  toleranceMs?: number;
}

export interface RuleSpec {
  id: string;
  title: string;
  description: string;
  family: Family;
  severity: Severity;
  /** Raise (or lower) severity and confidence when the figures meet `when`, first match wins. */
  grade?: { when: When; severity?: Severity; confidence?: number }[];
  specificity?: number;
  confidence?: number;
  detector: DetectorSpec;
  finding: { title: string; detail: DetailLine[] };
  hypotheses?: HypothesisSpec[];
  cases: RuleCase[];
}

/** Test cases of a rule that stays in TypeScript, in the same format. */
export interface RuleCases {
  rule: string;
  cases: RuleCase[];
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** "90s" -> 90000; NaN when malformed. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)$/.exec(text.trim());
  return m ? Number(m[1]) * UNITS[m[2]] : NaN;
}
