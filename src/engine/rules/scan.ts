// The scans rules make over many rows, answered once per distinct text.
// A big log repeats itself: a million rows hold about a hundred thousand
// distinct messages, a repeated message is one shared string, and a message
// not kept in memory reads as its template's pattern (one string too). So a
// row's text gets a dense id the first time any scan visits it, and a pattern
// is tested once per id rather than once per row: the evidence searches of a
// finding over a long log cost array reads, not a million regex runs each.
// Every answer is exactly what testing each row's `ctx.peek` text would give;
// test/analysis/scan-equivalence.test.ts runs whole analyses against the plain
// definitions of these functions.

import { lowerBoundRows } from '../marks/sources.ts';
import { lowerBound } from '../model/event-table.ts';
import type { RuleContext } from './types.ts';

/** Per analysis: each visited row's text id (-1 until visited), and the texts behind the ids. */
interface TextIds {
  ids: Int32Array;
  byText: Map<string, number>;
  count: number;
  /** Answers per test key, indexed by text id: 0 not tested yet, else the answer + 1 (a bit mask + 1 for several patterns). */
  answers: Map<string, Int32Array>;
}

const perContext = new WeakMap<RuleContext, TextIds>();

function textIds(ctx: RuleContext): TextIds {
  let x = perContext.get(ctx);
  if (!x) perContext.set(ctx, (x = { ids: new Int32Array(ctx.table.length).fill(-1), byText: new Map(), count: 0, answers: new Map() }));
  return x;
}

function idOf(ctx: RuleContext, x: TextIds, row: number): number {
  let id = x.ids[row];
  if (id >= 0) return id;
  const text = ctx.peek(row);
  id = x.byText.get(text) ?? -1;
  if (id < 0) x.byText.set(text, (id = x.count++));
  x.ids[row] = id;
  return id;
}

/** The answer table for `key`, long enough for text id `id` (grown by doubling: most tests see few texts). */
function answersFor(x: TextIds, key: string, id: number): Int32Array {
  let a = x.answers.get(key);
  if (!a || id >= a.length) {
    const grown = new Int32Array(Math.max(1024, 2 * (id + 1)));
    if (a) grown.set(a);
    x.answers.set(key, (a = grown));
  }
  return a;
}

/**
 * `test` over a row's `ctx.peek` text, remembered per distinct text. `key`
 * names the test (two tests with one key must give the same answers); a pure
 * test only, since each text is asked once.
 */
export function textTest(ctx: RuleContext, key: string, test: (text: string) => boolean): (row: number) => boolean {
  const x = textIds(ctx);
  const k = `t\u0000${key}`;
  return (row) => {
    const id = idOf(ctx, x, row);
    const a = answersFor(x, k, id);
    let v = a[id];
    if (v === 0) a[id] = v = test(ctx.peek(row)) ? 2 : 1;
    return v === 2;
  };
}

/** A regex's test answers depend on lastIndex under these flags: such a pattern is run on every row, as it was given. */
const stateful = (re: RegExp) => re.global || re.sticky;

/** `re.test(ctx.peek(row))`, remembered per distinct text. */
export function peekTest(ctx: RuleContext, re: RegExp): (row: number) => boolean {
  if (stateful(re)) return (row) => re.test(ctx.peek(row));
  return textTest(ctx, `${re.flags}/${re.source}`, (text) => re.test(text));
}

/** Patterns one alternation can stand for: same flags, no back-references (their numbers would shift). */
function combinable(res: readonly RegExp[]): boolean {
  return res.length > 1 && res.length <= 30 && res.every((re) => re.flags === res[0].flags && !stateful(re) && !/\\[1-9]|\\k</.test(re.source));
}

/** Bit i set when res[i] matches the row's text: one alternation test per new text, the patterns apart only when it matches. */
function maskTest(ctx: RuleContext, res: readonly RegExp[]): (row: number) => number {
  if (!combinable(res)) {
    const tests = res.map((re) => peekTest(ctx, re));
    return (row) => tests.reduce((m, test, i) => (test(row) ? m | (1 << i) : m), 0);
  }
  const any = new RegExp(res.map((re) => `(?:${re.source})`).join('|'), res[0].flags);
  const x = textIds(ctx);
  const key = `m\u0000${res[0].flags}\u0000${res.map((re) => re.source).join('\u0000')}`;
  return (row) => {
    const id = idOf(ctx, x, row);
    const a = answersFor(x, key, id);
    let v = a[id];
    if (v === 0) {
      const text = ctx.peek(row);
      let m = 0;
      if (any.test(text)) for (let i = 0; i < res.length; i++) if (res[i].test(text)) m |= 1 << i;
      a[id] = v = m + 1;
    }
    return v - 1;
  };
}

/**
 * For each pattern, the first `cap` rows with a time in [from, to] (not
 * `skip`ped) whose text it matches, in time order: the same rows as one
 * `rowsInWindow` per pattern, in one walk that stops once every pattern has
 * its `cap`.
 */
export function rowsMatching(ctx: RuleContext, from: number, to: number, res: readonly RegExp[], cap: number, skip?: (row: number) => boolean): number[][] {
  const out = res.map((): number[] => []);
  if (res.length === 0 || cap <= 0) return out;
  const mask = maskTest(ctx, res);
  const t = ctx.table;
  let open = res.length;
  for (let row = lowerBound(t, from); row < t.length && t.tMs[row] <= to && open > 0; row++) {
    if (skip?.(row)) continue;
    const m = mask(row);
    if (m === 0) continue;
    for (let i = 0; i < res.length; i++) {
      if ((m & (1 << i)) === 0 || out[i].length >= cap) continue;
      out[i].push(row);
      if (out[i].length === cap) open--;
    }
  }
  return out;
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

