// Rules test patterns against the text of nearly every row of a big log, each
// rule in its own walk, and most rows repeat a text their template has just
// shown. Here one walk per analysis numbers the rows' texts (ctx.peek): two
// rows with one number have the same text, so a test's answer for a number
// answers every row that has it, and each rule's walk reads a typed array
// instead of comparing strings. A text is numbered by comparing it with its
// template's last text (the ingest keeps a repeated message as one shared
// string, so this is mostly a pointer comparison), else by looking it up in a
// Map of the texts seen before. Those lookups cost ~35 ms on the 200 MB
// benchmark log, whose changing texts come back about a third of the time,
// and were worth it there: a text found again is then tested once instead
// of by each rule. A template whose texts almost never come back (a request
// id in each) stops being looked up once that is clear, and each of its rows
// gets a number of its own: a number never stands for two texts, whatever
// the lookups found. Rows whose message the ingest already numbered (the
// slices of a big file, table.messageNumbers) take their number from it, one
// array read each; the two ways never share a number.

import type { RuleContext } from './types.ts';

export interface TextIds {
  /** Row -> number of its text: rows with one number have the same text (ctx.peek). */
  id: Int32Array;
  /** Number -> a row with that text. */
  row: Int32Array;
  /** How many numbers. */
  count: number;
}

function number(ctx: RuleContext): TextIds {
  const t = ctx.table;
  const n = t.length;
  const template = t.template;
  const size = ctx.templates.length;
  const id = new Int32Array(n);
  // A row per number, grown by doubling: most logs have far fewer distinct texts than rows.
  let row: Int32Array = new Int32Array(Math.min(n, 4096));
  const lastText: (string | undefined)[] = new Array(size).fill(undefined);
  const lastId = new Int32Array(size);
  // Per template: texts looked up, and how many of them were found again.
  const lookups = new Int32Array(size);
  const found = new Int32Array(size);
  const seen = new Map<string, number>();
  let count = 0;
  // The ingest's numbers, renumbered densely in row order (a number for every text that has rows).
  const given = t.messageNumbers?.length === n ? t.messageNumbers : null;
  const dense = given ? new Int32Array(maxOf(given) + 1).fill(-1) : null;
  for (let r = 0; r < n; r++) {
    const g = given ? given[r] : -1;
    if (g >= 0) {
      let k = (dense as Int32Array)[g];
      if (k < 0) {
        k = (dense as Int32Array)[g] = count;
        row = withRow(row, count++, r, n);
      }
      id[r] = k;
      continue;
    }
    const text = ctx.peek(r);
    const tpl = template[r];
    if (tpl < size && lastText[tpl] === text) {
      id[r] = lastId[tpl];
      continue;
    }
    let known: number | undefined;
    if (tpl < size && lookups[tpl] >= TRIAL_LOOKUPS && found[tpl] * FOUND_SHARE < lookups[tpl]) known = undefined;
    else {
      known = seen.get(text);
      if (tpl < size) {
        lookups[tpl]++;
        if (known !== undefined) found[tpl]++;
      }
    }
    if (known === undefined) {
      known = count;
      if (tpl >= size || lookups[tpl] < TRIAL_LOOKUPS || found[tpl] * FOUND_SHARE >= lookups[tpl]) seen.set(text, known);
      row = withRow(row, count++, r, n);
    }
    id[r] = known;
    if (tpl < size) {
      lastText[tpl] = text;
      lastId[tpl] = known;
    }
  }
  return { id, row: row.subarray(0, count), count };
}

/** `row` (grown by doubling, up to `n`) with number `k`'s row set to `r`. */
function withRow(row: Int32Array, k: number, r: number, n: number): Int32Array {
  if (k === row.length) {
    const bigger = new Int32Array(Math.min(n, row.length * 2));
    bigger.set(row);
    row = bigger;
  }
  row[k] = r;
  return row;
}

function maxOf(xs: Int32Array): number {
  let max = -1;
  for (let i = 0; i < xs.length; i++) if (xs[i] > max) max = xs[i];
  return max;
}

/** A template's texts are looked up at least this many times... */
const TRIAL_LOOKUPS = 1000;
/** ...and from then on only while at least one in this many was found again. */
const FOUND_SHARE = 10;

/** One numbering per analysis: a new context (messages read back since) numbers its texts again. */
const numbered = new WeakMap<RuleContext['peek'], TextIds>();

/** The numbering of the context's row texts, made on first use. */
export function textIds(ctx: RuleContext): TextIds {
  let ids = numbered.get(ctx.peek);
  if (!ids) numbered.set(ctx.peek, (ids = number(ctx)));
  return ids;
}

/** A test of row texts (ctx.peek), answered once per distinct text (textIds). */
export class TextTest {
  private readonly ids: TextIds;
  /** Per distinct text: 0 not tested yet, 1 false, 2 true. */
  private readonly answer: Uint8Array;
  /** Distinct texts below this were all tested (anyRow). */
  private swept = 0;

  constructor(private readonly ctx: RuleContext, private readonly test: (text: string) => boolean) {
    this.ids = textIds(ctx);
    this.answer = new Uint8Array(this.ids.count);
  }

  /** Does the row's text pass? */
  has(row: number): boolean {
    const i = this.ids.id[row];
    const a = this.answer[i];
    if (a !== 0) return a === 2;
    const yes = this.test(this.ctx.peek(row));
    this.answer[i] = yes ? 2 : 1;
    return yes;
  }

  /** Does any row's text pass? Each distinct text is tested once, however many rows share it. */
  anyRow(): boolean {
    const { answer, ids } = this;
    for (; this.swept < ids.count; this.swept++) {
      const i = this.swept;
      if (answer[i] === 0) answer[i] = this.test(this.ctx.peek(ids.row[i])) ? 2 : 1;
      if (answer[i] === 2) return true;
    }
    return false;
  }
}
