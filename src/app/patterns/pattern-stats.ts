// Figures behind the Patterns panel, from the event table's template column:
// per template, its count, when it was first seen, its most common level and
// its counts per time bucket across the loaded range (the sparkline), all in
// ONE pass over the table, cached per dataset version; then, per visible
// window, how often each template occurs in it (a pass over the window's rows
// only, which are contiguous because the table is in time order).
//
// The engine's template-stats.ts answers the same questions for a handful of
// templates (rules, a burst's members); here every template needs a sparkline
// and a burst score to sort by, so the histograms are one flat typed array.

import { lowerBound, type EventTable } from '../../engine/model/event-table.ts';
import type { TemplateInfo } from '../../engine/templates/templater.ts';
import { getDataset } from '../../store/dataset.ts';
import type { Interval } from '../../store/types.ts';
import type { PatternSort } from '../../store/panel-slice.ts';

/** Bars per sparkline. */
export const SPARK_BUCKETS = 48;
/** Histogram cells at most (4 bytes each): past ~80k templates the sparklines get coarser instead of the page fatter. */
const MAX_CELLS = 4_000_000;
const MIN_BUCKETS = 8;

type StatsTable = Pick<EventTable, 'tMs' | 'template' | 'level' | 'length'>;

export interface PatternStats {
  templates: number;
  buckets: number;
  /** The time range the buckets split (the loaded extent). */
  start: number;
  end: number;
  /** hist[id * buckets + b]: events of template `id` in bucket b. */
  hist: Uint32Array;
  total: Uint32Array;
  firstMs: Float64Array;
  /** The level most of the template's events have (the sparkline's colour). */
  level: Uint8Array;
  /** How far the busiest bucket stands above the template's average, in Poisson-ish units (see burstScore). */
  burst: Float64Array;
}

export function bucketCount(templates: number): number {
  return Math.max(MIN_BUCKETS, Math.min(SPARK_BUCKETS, Math.floor(MAX_CELLS / Math.max(1, templates))));
}

/**
 * How far the busiest bucket stands above the template's own average, beyond
 * what chance gives a steady stream (two standard deviations of a Poisson
 * count), in standard deviations: 200 failures in one bucket and few
 * otherwise score high; a steady stream, however busy, scores 0 or less, so
 * it does not outrank a periodic or one-off line.
 */
export function burstScore(line: ArrayLike<number>, total: number): number {
  if (total === 0) return 0;
  let peak = 0;
  for (let b = 0; b < line.length; b++) if (line[b] > peak) peak = line[b];
  const mean = total / line.length;
  return (peak - mean - 2 * Math.sqrt(mean)) / Math.sqrt(mean + 1);
}

/** Levels are 0..6 (none..fatal); counted per template to pick its usual one. */
const LEVELS = 8;

export function buildPatternStats(table: StatsTable, templates: number, extent: Interval): PatternStats {
  const n = Math.max(0, templates);
  const buckets = bucketCount(n);
  const hist = new Uint32Array(n * buckets);
  const total = new Uint32Array(n);
  const firstMs = new Float64Array(n).fill(NaN);
  const levels = new Uint32Array(n * LEVELS);
  const [start, end] = extent;
  const width = end > start ? (end - start) / buckets : 1;
  for (let i = 0; i < table.length; i++) {
    const id = table.template[i];
    if (id >= n) continue;
    const t = table.tMs[i];
    if (total[id] === 0) firstMs[id] = t;
    total[id]++;
    levels[id * LEVELS + (table.level[i] & (LEVELS - 1))]++;
    let b = Math.floor((t - start) / width);
    if (b < 0) b = 0;
    else if (b >= buckets) b = buckets - 1;
    hist[id * buckets + b]++;
  }
  const burst = new Float64Array(n);
  const level = new Uint8Array(n);
  for (let id = 0; id < n; id++) {
    burst[id] = burstScore(hist.subarray(id * buckets, (id + 1) * buckets), total[id]);
    // Ties go to the more severe level.
    for (let l = 1; l < LEVELS; l++) if (levels[id * LEVELS + l] >= levels[id * LEVELS + level[id]]) level[id] = l;
  }
  return { templates: n, buckets, start, end, hist, total, firstMs, level, burst };
}

/** Events per template inside [w0, w1] (inclusive): a pass over that window's rows only. */
export function windowCounts(table: StatsTable, templates: number, w: Interval): Uint32Array {
  const out = new Uint32Array(Math.max(0, templates));
  for (let i = lowerBound(table, w[0], table.length); i < table.length && table.tMs[i] <= w[1]; i++) {
    const id = table.template[i];
    if (id < out.length) out[id]++;
  }
  return out;
}

export interface PatternRow {
  id: number;
  pattern: string;
  total: number;
  inWindow: number;
  firstMs: number;
  /** First seen inside the window, which starts after the logs do (with the whole range in view nothing is new). */
  isNew: boolean;
  burst: number;
}

export interface RankedPatterns {
  rows: PatternRow[];
  /** Patterns passing the text filter (rows holds at most `limit` of them). */
  matched: number;
  /** Of those, first seen inside the window. */
  fresh: number;
}

/** Patterns filtered by text, sorted the chosen way, cut to `limit`. */
export function rankPatterns(list: readonly TemplateInfo[], stats: PatternStats, inWindow: Uint32Array, w: Interval, sort: PatternSort, query: string, limit: number): RankedPatterns {
  const q = query.trim().toLowerCase();
  const rows: PatternRow[] = [];
  let fresh = 0;
  const canBeNew = w[0] > stats.start;
  for (const tpl of list) {
    const id = tpl.id;
    if (id < 0 || id >= stats.templates || stats.total[id] === 0) continue;
    if (q && !tpl.pattern.toLowerCase().includes(q)) continue;
    const first = stats.firstMs[id];
    const isNew = canBeNew && first >= w[0] && first <= w[1];
    if (isNew) fresh++;
    rows.push({ id, pattern: tpl.pattern, total: stats.total[id], inWindow: inWindow[id] ?? 0, firstMs: first, isNew, burst: stats.burst[id] });
  }
  const byCount = (a: PatternRow, b: PatternRow) => b.inWindow - a.inWindow || b.total - a.total || a.id - b.id;
  if (sort === 'count') rows.sort(byCount);
  else if (sort === 'new') rows.sort((a, b) => Number(b.isNew) - Number(a.isNew) || byCount(a, b));
  else rows.sort((a, b) => b.burst - a.burst || byCount(a, b));
  return { rows: rows.slice(0, limit), matched: rows.length, fresh };
}

let cache: { version: number; stats: PatternStats } | null = null;

/** The loaded dataset's pattern figures, built once per dataset version. */
export function datasetPatternStats(): PatternStats {
  const d = getDataset();
  if (!cache || cache.version !== d.version) {
    let n = d.templates.length;
    for (const t of d.templates) if (t.id >= n) n = t.id + 1;
    cache = { version: d.version, stats: buildPatternStats(d.table, n, d.extent) };
  }
  return cache.stats;
}
