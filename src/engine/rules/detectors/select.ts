// Selectors: which lines or marks a detector looks at, as data. A selector
// names event kinds, a lowest level, a vocabulary class, a (safety-checked)
// regular expression or mark kinds; detectors receive "occurrences" either
// way, so one detector serves "restarts" (marks) and "WORKER TIMEOUT" (lines).

import { Kind, kindFromName, type KindCode } from '../../model/kinds.ts';
import { levelFromWord } from '../../model/levels.ts';
import type { Mark, MarkKind } from '../../marks/types.ts';
import type { RuleContext } from '../types.ts';
import type { Selector } from '../spec.ts';
import { vocabularyTest } from './vocabulary-classes.ts';
import { selectorPattern } from './pattern.ts';
import { rowsInWindow } from '../helpers.ts';
import { TextTest } from '../text-ids.ts';

/** One thing a detector counts: a line (start === end) or a mark. */
export interface Occurrence {
  start: number;
  end: number;
  file: number;
  /** Evidence rows (a mark's first few). */
  rows: number[];
  /** Events it stands for (a burst's size). */
  count: number;
  label: string;
  mark?: Mark;
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface LineParts {
  kinds: Set<KindCode>;
  min: number;
  text: TextTest | null;
  any: ((row: number) => boolean)[];
  not: ((row: number) => boolean) | null;
}

function lineParts(ctx: RuleContext, sel: Selector): LineParts {
  const re = sel.match ? selectorPattern(sel.match) : null;
  const vocab = sel.vocabulary ? vocabularyTest(sel.vocabulary) : null;
  return {
    kinds: new Set<KindCode>(asList(sel.kind).map((k) => kindFromName(k) ?? Kind.plain)),
    min: sel.level ? levelFromWord(sel.level) : 0,
    text: re || vocab ? new TextTest(ctx, (text) => (!re || re(text)) && (!vocab || vocab(text))) : null,
    any: (sel.anyOf ?? []).map((s) => lineTest(ctx, s)),
    not: sel.not ? lineTest(ctx, sel.not) : null,
  };
}

function partsTest(ctx: RuleContext, { kinds, min, text, any, not }: LineParts): (row: number) => boolean {
  const t = ctx.table;
  return (row) => {
    if (kinds.size && !kinds.has(t.kind[row] as KindCode)) return false;
    if (min && t.level[row] < min) return false;
    if (text && !text.has(row)) return false;
    if (any.length && !any.some((f) => f(row))) return false;
    if (not && not(row)) return false;
    return true;
  };
}

/** Compiled line test; regexes were checked when the rule was loaded and run on the linear-time engine (pattern.ts). */
export function lineTest(ctx: RuleContext, sel: Selector): (row: number) => boolean {
  return partsTest(ctx, lineParts(ctx, sel));
}

function markOccurrence(m: Mark): Occurrence {
  return { start: m.start, end: m.end, file: m.file, rows: m.events.slice(0, 8), count: m.count, label: m.label, mark: m };
}

/** Occurrences of a selector in time order (per file order within equal times). */
export function occurrences(ctx: RuleContext, sel: Selector): Occurrence[] {
  // anyOf mixing marks and lines ("a restart, or a deploy line"): the union of each.
  if (sel.anyOf?.some((s) => s.mark !== undefined)) {
    return sel.anyOf.flatMap((s) => occurrences(ctx, s)).sort((a, b) => a.start - b.start);
  }
  const markKinds = new Set<MarkKind>(asList(sel.mark));
  if (markKinds.size) {
    const labelRe = sel.match ? selectorPattern(sel.match) : null;
    const vocab = sel.vocabulary ? vocabularyTest(sel.vocabulary) : null;
    return ctx.marks
      .filter((m) => markKinds.has(m.kind) && (!labelRe || labelRe(m.label)) && (!vocab || vocab(m.label)))
      .map(markOccurrence)
      .sort((a, b) => a.start - b.start);
  }
  const parts = lineParts(ctx, sel);
  const out: Occurrence[] = [];
  // A selector whose text test every row must pass (no kind or level before it), and no distinct text passes: no row does.
  // Most selectors name words a log never holds ("entering backup state"), and this answers them without a walk over its rows.
  if (parts.kinds.size === 0 && !parts.min && parts.text && !parts.text.anyRow()) return out;
  const test = partsTest(ctx, parts);
  const t = ctx.table;
  for (let row = 0; row < t.length; row++) {
    if (test(row)) out.push({ start: t.tMs[row], end: t.tMs[row], file: t.file[row], rows: [row], count: 1, label: ctx.message(row) });
  }
  return out;
}

/** Occurrences grouped per file. */
export function perFile(list: readonly Occurrence[]): Map<number, Occurrence[]> {
  const out = new Map<number, Occurrence[]>();
  for (const o of list) {
    let l = out.get(o.file);
    if (!l) out.set(o.file, (l = []));
    l.push(o);
  }
  return out;
}

/** Lines of any file in [from, to] matching a selector (hypothesis evidence). */
export function linesIn(ctx: RuleContext, sel: Selector, from: number, to: number, cap = 20): number[] {
  // The table is in time order: only the window is visited.
  return rowsInWindow(ctx, from, to, lineTest(ctx, sel), cap);
}

/** Does a file carry no timestamps at all (a pasted excerpt)? */
export function untimedFile(ctx: RuleContext, file: number): boolean {
  const f = ctx.files[file];
  return !!f && f.events > 0 && f.untimed >= f.events;
}
