// The evidence searches rules make over windows of rows, done in one walk.
// In a long log the window of a failure that went on for hours is most of
// the file, and each finding asked for each of its hypotheses' patterns in
// turn: several walks of a million rows, each testing a Set of the failure's
// own rows and a pattern per row. Here every search of a finding (and of
// several findings at once) shares one walk; a row is tested once against
// one alternation of every pattern still looking, and against the patterns
// apart only when that matches; the rows to leave out are a sorted list
// followed with a cursor. The rows found are exactly those of one search per
// pattern (test/analysis/scan-equivalence.test.ts checks it against that).
//
// The alternation's answers are remembered per distinct text (text-ids.ts:
// the analysis numbers its row texts once, for every rule's tests).

import { lowerBoundRows } from '../marks/sources.ts';
import { lowerBound } from '../model/event-table.ts';
import { TextTest } from './text-ids.ts';
import type { RuleContext } from './types.ts';

/** One search: for each pattern, the first `cap` rows with a time in [from, to], not in `exclude`, whose text (ctx.peek) it matches. */
export interface WindowSearch {
  from: number;
  to: number;
  patterns: readonly RegExp[];
  cap: number;
  /** Rows to leave out, in ascending order (a failure's own lines are not evidence for its cause). */
  exclude?: readonly number[];
}

/** A pattern whose answer depends on lastIndex (g, y) cannot be folded into an alternation. */
const stateful = (re: RegExp) => re.global || re.sticky;

/** One pattern true wherever any of `res` matches (same flags, no back-references, whose numbers would shift), or null. */
function alternation(res: readonly RegExp[]): RegExp | null {
  if (res.length === 0) return null;
  if (res.length === 1) return stateful(res[0]) ? null : res[0];
  const flags = res[0].flags;
  if (res.some((re) => re.flags !== flags || stateful(re) || /\\[1-9]|\\k</.test(re.source))) return null;
  return new RegExp(res.map((re) => `(?:${re.source})`).join('|'), flags);
}

interface Open {
  search: WindowSearch;
  found: number[][];
  /** Patterns that still want rows (fewer than cap found). */
  wanting: number;
  /** Cursor into `exclude`. */
  skip: number;
}

/**
 * Every search's rows, as `searches.map((s) => s.patterns.map(...))`: the
 * same rows, in time order, as a `rowsInWindow` per search and pattern, in
 * one walk over the union of the windows that ends when every pattern has
 * its `cap`.
 */
export function searchWindows(ctx: RuleContext, searches: readonly WindowSearch[]): number[][][] {
  const all: Open[] = searches.map((search) => ({ search, found: search.patterns.map((): number[] => []), wanting: search.cap > 0 ? search.patterns.length : 0, skip: 0 }));
  const t = ctx.table;
  const byStart = all.filter((o) => o.wanting > 0 && o.search.from <= o.search.to).sort((a, b) => a.search.from - b.search.from);
  // The alternation of the patterns still looking, tested once per row (remembered per template).
  let prefiltered = null as TextTest | null;
  let stale = true;
  const rebuild = () => {
    const live = new Set<RegExp>();
    for (const o of byStart) if (o.wanting > 0) o.search.patterns.forEach((re, i) => o.found[i].length < o.search.cap && live.add(re));
    const re = alternation([...live]);
    prefiltered = re ? new TextTest(ctx, (text) => re.test(text)) : null;
    stale = false;
  };
  let next = 0;
  const active: Open[] = [];
  // The earliest end among the active windows, and whether a search got all it wants: only then is the active list walked to drop some.
  let minTo = Infinity;
  let satisfied = false;
  let row = byStart.length ? lowerBound(t, byStart[0].search.from) : t.length;
  while (row < t.length && (active.length > 0 || next < byStart.length)) {
    const tMs = t.tMs[row];
    while (next < byStart.length && byStart[next].search.from <= tMs) {
      const o = byStart[next++];
      active.push(o);
      if (o.search.to < minTo) minTo = o.search.to;
    }
    if (tMs > minTo || satisfied) {
      // Drop searches whose window ended or that have all they want.
      for (let k = active.length - 1; k >= 0; k--) if (active[k].wanting === 0 || tMs > active[k].search.to) active.splice(k, 1);
      minTo = Infinity;
      for (const o of active) if (o.search.to < minTo) minTo = o.search.to;
      satisfied = false;
    }
    if (active.length === 0) {
      // Nothing looks here: jump to the next window.
      if (next >= byStart.length) break;
      row = Math.max(row + 1, lowerBound(t, byStart[next].search.from));
      continue;
    }
    if (stale) rebuild();
    // Most rows match no pattern: the alternation rules them out before any search looks at its exclusions.
    if (prefiltered !== null && !prefiltered.has(row)) {
      // The rows after it that the alternation rules out too are passed over in a tight loop, up to the
      // first where a window starts or ends (nothing else changes on a row no pattern matches).
      const times = t.tMs;
      const nextFrom = next < byStart.length ? byStart[next].search.from : Infinity;
      row++;
      while (row < t.length && !(times[row] >= nextFrom || times[row] > minTo) && !prefiltered.has(row)) row++;
      continue;
    }
    const text = ctx.peek(row);
    for (const o of active) {
      const ex = o.search.exclude;
      if (ex) {
        while (o.skip < ex.length && ex[o.skip] < row) o.skip++;
        if (o.skip < ex.length && ex[o.skip] === row) continue;
      }
      const { patterns, cap } = o.search;
      for (let i = 0; i < patterns.length; i++) {
        if (o.found[i].length >= cap || !patterns[i].test(text)) continue;
        o.found[i].push(row);
        if (o.found[i].length === cap) {
          o.wanting--;
          stale = true;
          if (o.wanting === 0) satisfied = true;
        }
      }
    }
    row++;
  }
  return all.map((o) => o.found);
}

/** For each pattern, the first `cap` rows in [from, to] whose text it matches, not in `exclude` (ascending): one search. */
export function rowsMatching(ctx: RuleContext, from: number, to: number, patterns: readonly RegExp[], cap: number, exclude?: readonly number[]): number[][] {
  return searchWindows(ctx, [{ from, to, patterns, cap, exclude }])[0];
}

/** Rows of one file with a time in [from, to] that pass `test`, at most `cap`, in time order (only that file's rows are visited). */
export function fileRowsInWindow(ctx: RuleContext, file: number, from: number, to: number, test: (row: number) => boolean, cap: number): number[] {
  const out: number[] = [];
  const rows = ctx.sources.rows[file];
  if (!rows) return out;
  const tMs = ctx.table.tMs;
  for (let k = lowerBoundRows(tMs, rows, from); k < rows.length && tMs[rows[k]] <= to && out.length < cap; k++) if (test(rows[k])) out.push(rows[k]);
  return out;
}
