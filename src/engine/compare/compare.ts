// "Compare a range with the rest": what is over-represented in a brushed
// time range (or a finding's window) against every other loaded row. Column
// dimensions are counted exactly (columns.ts); field values are counted over
// an even sample of rows inside and outside the range (fields.ts), read back
// through the caller's `records`; rank.ts tests and orders them all.

import type { CompareColumnsTable, CompareNames } from './columns.ts';
import { columnCandidates, rangeRows } from './columns.ts';
import { fieldCandidates } from './fields.ts';
import { rankCandidates, type CandidateGroup, type CompareItem, type RankOptions } from './rank.ts';

export type { CompareItem } from './rank.ts';

export interface CompareResult {
  from: number;
  to: number;
  /** Rows inside the range and outside it. */
  inRows: number;
  restRows: number;
  /** Candidates tested (the Bonferroni factor). */
  tested: number;
  /** Rows whose fields were read, inside and outside (null: fields were not compared). */
  fieldSample: { inRows: number; restRows: number } | null;
  items: CompareItem[];
}

export interface CompareOptions extends RankOptions {
  /** Read the flattened fields of these rows; without it only columns are compared. */
  records?: (rows: number[]) => Promise<[string, string][][]>;
  /** Rows sampled on each side for field values. */
  fieldSample?: number;
}

/** Enough rows for a value at a few percent to be counted in dozens, few enough to read back at once. */
export const FIELD_SAMPLE = 3000;

/** Up to `max` rows spread evenly over [lo, hi). */
export function evenRows(lo: number, hi: number, max: number): number[] {
  const n = hi - lo;
  const k = Math.min(n, max);
  const out: number[] = [];
  for (let i = 0; i < k; i++) out.push(lo + Math.floor((i * n) / k));
  return out;
}

/** Up to `max` rows spread evenly over the rows outside [lo, hi) of a table of `n` rows. */
export function evenRestRows(lo: number, hi: number, n: number, max: number): number[] {
  const rest = n - (hi - lo);
  const k = Math.min(rest, max);
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = Math.floor((i * rest) / k);
    out.push(j < lo ? j : j + (hi - lo));
  }
  return out;
}

export async function compareRange(t: CompareColumnsTable, names: CompareNames, from: number, to: number, o: CompareOptions = {}): Promise<CompareResult> {
  const [lo, hi] = rangeRows(t, from, to);
  const n = t.length;
  const groups: CandidateGroup[] = [columnCandidates(t, names, lo, hi)];
  let fieldSample: CompareResult['fieldSample'] = null;
  if (o.records && hi > lo && n > hi - lo) {
    const max = o.fieldSample ?? FIELD_SAMPLE;
    const inside = await o.records(evenRows(lo, hi, max));
    const outside = await o.records(evenRestRows(lo, hi, n, max));
    if (inside.some((r) => r.length > 0)) {
      groups.push(fieldCandidates(inside, outside, hi - lo, n - (hi - lo)));
      fieldSample = { inRows: inside.length, restRows: outside.length };
    }
  }
  const { items, tested } = rankCandidates(groups, o);
  return { from, to, inRows: hi - lo, restRows: n - (hi - lo), tested, fieldSample, items };
}
