// Candidates for the range comparison read straight from the event table's
// columns (message template, level, source file, logger): one pass over the
// range's rows into typed-array counters, and one pass over the whole table
// for the totals (kept per table, so a second range costs only its own rows).
// A million rows cost a few milliseconds; nothing is read back from the files.

import type { EventTable } from '../model/event-table.ts';
import { lowerBound } from '../model/event-table.ts';
import { LEVEL_NAMES } from '../model/levels.ts';
import { fieldQueryTerm } from '../query/parse.ts';
import type { CandidateGroup, CompareCandidate, CompareDimension } from './rank.ts';

export type CompareColumnsTable = Pick<EventTable, 'length' | 'tMs' | 'template' | 'level' | 'file' | 'logger' | 'loggers'>;

export interface CompareNames {
  /** Template patterns by id (IngestResult.templates). */
  patterns: readonly string[];
  /** File names by index. */
  files: readonly string[];
}

type Column = Uint32Array | Uint16Array | Uint8Array;

/** Rows [lo, hi) of the table that fall in the closed range [from, to] (times are whole ms). */
export function rangeRows(t: Pick<EventTable, 'tMs' | 'length'>, from: number, to: number): [number, number] {
  const lo = lowerBound(t, from, t.length);
  const hi = lowerBound(t, Math.floor(to) + 1, t.length);
  return [lo, Math.max(lo, hi)];
}

function count(col: Column, lo: number, hi: number): Uint32Array {
  let max = 0;
  for (let i = lo; i < hi; i++) if (col[i] > max) max = col[i];
  const out = new Uint32Array(hi > lo ? max + 1 : 0);
  for (let i = lo; i < hi; i++) out[col[i]]++;
  return out;
}

/** Whole-table counts per column, computed once per table (the column arrays identify it). */
const totalsCache = new WeakMap<Column, Uint32Array>();

function totals(col: Column, n: number): Uint32Array {
  let c = totalsCache.get(col);
  if (!c) totalsCache.set(col, (c = count(col, 0, n)));
  return c;
}

interface ColumnSpec {
  dimension: CompareDimension;
  field: string;
  col: Column;
  /** The value's text, or null to leave it out (the empty logger). */
  name(id: number): string | null;
}

function specs(t: CompareColumnsTable, names: CompareNames): ColumnSpec[] {
  return [
    { dimension: 'template', field: 'pattern', col: t.template, name: (id) => names.patterns[id] ?? null },
    { dimension: 'level', field: 'level', col: t.level, name: (id) => LEVEL_NAMES[id] ?? null },
    { dimension: 'source', field: 'source', col: t.file, name: (id) => names.files[id] ?? null },
    { dimension: 'logger', field: 'logger', col: t.logger, name: (id) => (id === 0 ? null : (t.loggers[id] ?? null)) },
  ];
}

/** Column candidates of the rows [lo, hi) against every other row. */
export function columnCandidates(t: CompareColumnsTable, names: CompareNames, lo: number, hi: number): CandidateGroup {
  const n = t.length;
  const candidates: CompareCandidate[] = [];
  for (const s of specs(t, names)) {
    const inside = count(s.col, lo, hi);
    const all = totals(s.col, n);
    // A dimension with one value only (one file, no loggers) cannot be over-represented anywhere.
    let distinct = 0;
    for (const c of all) if (c > 0) distinct++;
    if (distinct < 2) continue;
    for (let id = 0; id < inside.length; id++) {
      const a = inside[id];
      if (a === 0) continue;
      const value = s.name(id);
      if (value === null) continue;
      candidates.push({ dimension: s.dimension, field: s.field, value, query: fieldQueryTerm(s.field, value), a, b: all[id] - a });
    }
  }
  const nIn = hi - lo;
  return { candidates, nIn, nRest: n - nIn, totalIn: nIn, totalRest: n - nIn };
}
