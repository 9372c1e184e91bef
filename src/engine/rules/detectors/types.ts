// What a detector returns: one match per happening, with the figures a data
// rule's wording and grading read ({count}, {duration}, {source}...). Every
// figure here is measured from the rows listed in `rows`.

import type { RuleContext } from '../types.ts';
import type { DetectorSpec } from '../spec.ts';

export interface Match {
  start: number;
  end: number;
  file: number;
  /** Evidence rows, in time order. */
  rows: number[];
  /** Numbers for `when` conditions and templates: count, ratio, newShare, periodMs... */
  figures: Record<string, number>;
  /** Ready-worded values for templates: source, first, last, duration, mostly... */
  text: Record<string, string>;
  /** Detail lines the detector words itself (one per burst, per operation...), for {lines}. */
  lines?: string[];
  /** Bursts: the templates that made them up, with how many times each occurred in the burst. */
  templates?: { template: number; inWindow: number }[];
}

export type Detector<S extends DetectorSpec = DetectorSpec> = (ctx: RuleContext, spec: S) => Match[];
