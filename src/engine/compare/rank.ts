// Ranks what is over-represented in a time range against the rest of the
// loaded logs (what Honeycomb calls BubbleUp and Kibana log rate analysis):
// each candidate is a value of one dimension (a message template, a level, a
// source, a logger, a field value) counted inside the range and outside it.
//
// The test is Fisher's exact test, one-sided (fisher.ts), and the p shown is
// Bonferroni-adjusted: the raw p times the number of candidates tested,
// capped at 1. Bonferroni because it is the correction a reader can redo in
// their head, and because the list is short: it only has to be right about
// the few values at its top. An item is listed when its adjusted p is below
// ALPHA, it was seen at least MIN_IN_RANGE times in the range, and its share
// of the range is at least MIN_RATIO times its share of the rest (so on a
// million rows a 5 % drift that is "significant" does not flood the list).

import { fisherUpperLogP, pFromLog } from './fisher.ts';

export type CompareDimension = 'template' | 'level' | 'source' | 'logger' | 'field';

export interface CompareCandidate {
  dimension: CompareDimension;
  /** What the value is of: "pattern", "level", "source", "logger" or the field's dotted name. */
  field: string;
  value: string;
  /** The query term that selects it (query/parse.ts), for the filter box. */
  query: string;
  /** Rows of the (sampled) range that carry the value. */
  a: number;
  /** Rows of the (sampled) rest that carry it. */
  b: number;
}

/** One population the candidates were counted over: all rows, or a sample of them. */
export interface CandidateGroup {
  candidates: CompareCandidate[];
  /** Rows counted inside the range and outside it (the sample sizes when sampled). */
  nIn: number;
  nRest: number;
  /** All rows inside and outside the range, to scale sampled counts back to estimates. */
  totalIn: number;
  totalRest: number;
}

export interface CompareItem {
  dimension: CompareDimension;
  field: string;
  value: string;
  query: string;
  /** Rows in the range with the value (an estimate when `inSampled`). */
  inCount: number;
  /** Rows outside the range with the value (an estimate when `restSampled`). */
  restCount: number;
  /** Fraction of the range's rows / of the rest's rows with the value. */
  inShare: number;
  restShare: number;
  /** inShare / restShare; null when the value never occurs outside the range. */
  ratio: number | null;
  /** Bonferroni-adjusted one-sided Fisher p-value (0 when it underflows; see logP). */
  p: number;
  /** Natural log of p, which never underflows: the ranking key. */
  logP: number;
  /** inCount / restCount were estimated from a sample of the rows (field values), not counted on every row. */
  inSampled: boolean;
  restSampled: boolean;
}

export interface RankOptions {
  topN?: number;
  alpha?: number;
  minInRange?: number;
  minRatio?: number;
}

export const ALPHA = 0.05;
/** One or two lines are an anecdote, not a rate. */
export const MIN_IN_RANGE = 3;
export const MIN_RATIO = 1.5;
export const TOP_N = 25;

interface Scored extends CompareItem {
  rawLogP: number;
}

export function rankCandidates(groups: readonly CandidateGroup[], o: RankOptions = {}): { items: CompareItem[]; tested: number } {
  const minIn = o.minInRange ?? MIN_IN_RANGE;
  const alpha = o.alpha ?? ALPHA;
  const minRatio = o.minRatio ?? MIN_RATIO;
  // Every candidate seen often enough in the range is a hypothesis tested, whichever way it leans.
  let tested = 0;
  for (const g of groups) for (const c of g.candidates) if (c.a >= minIn) tested++;
  if (tested === 0) return { items: [], tested };
  const logM = Math.log(tested);
  const scored: Scored[] = [];
  for (const g of groups) {
    if (g.nIn === 0) continue;
    const inSampled = g.nIn < g.totalIn;
    const restSampled = g.nRest < g.totalRest;
    for (const c of g.candidates) {
      if (c.a < minIn) continue;
      const inShare = c.a / g.nIn;
      const restShare = g.nRest > 0 ? c.b / g.nRest : 0;
      const ratio = c.b === 0 ? null : inShare / restShare;
      if (ratio !== null && ratio < minRatio) continue;
      const rawLogP = fisherUpperLogP(c.a, g.nIn, c.b, g.nRest);
      const logP = Math.min(0, rawLogP + logM);
      if (logP >= Math.log(alpha)) continue;
      scored.push({
        dimension: c.dimension,
        field: c.field,
        value: c.value,
        query: c.query,
        inCount: Math.round(inShare * g.totalIn),
        restCount: Math.round(restShare * g.totalRest),
        inShare,
        restShare,
        ratio,
        p: pFromLog(logP),
        logP,
        rawLogP,
        inSampled,
        restSampled,
      });
    }
  }
  scored.sort(
    (x, y) => x.logP - y.logP || (y.ratio ?? Infinity) - (x.ratio ?? Infinity) || y.inCount - x.inCount || (x.query < y.query ? -1 : x.query > y.query ? 1 : 0),
  );
  const items = scored.slice(0, o.topN ?? TOP_N).map(({ rawLogP: _raw, ...item }) => item);
  return { items, tested };
}
