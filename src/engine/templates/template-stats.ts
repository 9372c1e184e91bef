// Per-template figures over the event table: when each template was first
// and last seen, how many times it occurs in a window, and counts per time
// bucket for the sparklines the UI draws beside each pattern. Rules use the
// onset figures to say "this message appeared 400 times in 20 s and never
// before". Everything is one pass over typed columns; nothing per row is kept.

import { lowerBound, type EventTable } from '../model/event-table.ts';

export interface TemplateTimes {
  /** Epoch ms of the first / last event of each template (NaN when unused). */
  firstMs: Float64Array;
  lastMs: Float64Array;
  /** Row of the first event of each template (-1 when unused). */
  firstRow: Int32Array;
  count: Uint32Array;
}

type TimeTable = Pick<EventTable, 'tMs' | 'template' | 'length'>;

/** First/last time and count of every template in one pass. */
export function templateTimes(table: TimeTable, templateCount: number): TemplateTimes {
  const firstMs = new Float64Array(templateCount).fill(NaN);
  const lastMs = new Float64Array(templateCount).fill(NaN);
  const firstRow = new Int32Array(templateCount).fill(-1);
  const count = new Uint32Array(templateCount);
  for (let i = 0; i < table.length; i++) {
    const t = table.template[i];
    if (t >= templateCount) continue;
    if (firstRow[t] < 0) {
      firstRow[t] = i;
      firstMs[t] = table.tMs[i];
    }
    lastMs[t] = table.tMs[i];
    count[t]++;
  }
  return { firstMs, lastMs, firstRow, count };
}

/** Bucket index of a time in [start, end) split into `buckets`, or -1 outside. */
function bucketOf(tMs: number, start: number, width: number, buckets: number): number {
  const b = Math.floor((tMs - start) / width);
  return b >= 0 && b < buckets ? b : b === buckets && tMs === start + width * buckets ? buckets - 1 : -1;
}

/** Counts of one template per time bucket between start and end (inclusive of end). */
export function templateHistogram(table: TimeTable, templateId: number, start: number, end: number, buckets: number): Uint32Array {
  const out = new Uint32Array(Math.max(1, buckets));
  const width = Math.max(1e-9, (end - start) / out.length);
  const from = lowerBound(table, start, table.length);
  for (let i = from; i < table.length && table.tMs[i] <= end; i++) {
    if (table.template[i] !== templateId) continue;
    const b = bucketOf(table.tMs[i], start, width, out.length);
    if (b >= 0) out[b]++;
  }
  return out;
}

/**
 * Sparklines for many templates at once (one pass over the window): a map
 * from template id to its counts per bucket. Ask for the templates on screen.
 */
export function templateSparklines(table: TimeTable, ids: readonly number[], buckets: number, start?: number, end?: number): Map<number, Uint32Array> {
  const out = new Map<number, Uint32Array>();
  const n = Math.max(1, buckets);
  for (const id of ids) out.set(id, new Uint32Array(n));
  if (table.length === 0) return out;
  const s = start ?? table.tMs[0];
  const e = end ?? table.tMs[table.length - 1];
  const width = Math.max(1e-9, (e - s) / n);
  const from = lowerBound(table, s, table.length);
  for (let i = from; i < table.length && table.tMs[i] <= e; i++) {
    const line = out.get(table.template[i]);
    if (!line) continue;
    const b = bucketOf(table.tMs[i], s, width, n);
    if (b >= 0) line[b]++;
  }
  return out;
}

export interface TemplateOnset {
  template: number;
  /** Events of the template inside [start, end]. */
  inWindow: number;
  /** Events of the template in the lookback window before `start`. */
  before: number;
  /** The template was never seen before `start`, in the whole table. */
  neverBefore: boolean;
  firstMs: number;
}

/** How far back "before" counts reach: an hour is what an engineer compares a burst with. */
export const ONSET_LOOKBACK_MS = 60 * 60_000;

/**
 * The templates of some rows (a burst's members), each with how often it
 * occurred inside the window, how often in the hour before it, and whether it
 * was ever seen before: "400 times in 20 s and never before". Sorted by
 * inWindow, most frequent first. Scans only the window and its lookback.
 */
export function templateOnsets(table: TimeTable, rows: Iterable<number>, start: number, end: number, times: TemplateTimes, lookbackMs = ONSET_LOOKBACK_MS): TemplateOnset[] {
  const inWindow = new Map<number, number>();
  const before = new Map<number, number>();
  for (const r of rows) {
    inWindow.set(table.template[r], 0);
    before.set(table.template[r], 0);
  }
  const from = lowerBound(table, start - lookbackMs, table.length);
  let i = from;
  for (; i < table.length && table.tMs[i] < start; i++) {
    const c = before.get(table.template[i]);
    if (c !== undefined) before.set(table.template[i], c + 1);
  }
  for (; i < table.length && table.tMs[i] <= end; i++) {
    const c = inWindow.get(table.template[i]);
    if (c !== undefined) inWindow.set(table.template[i], c + 1);
  }
  return [...inWindow.keys()]
    .map((template) => ({
      template,
      inWindow: inWindow.get(template) ?? 0,
      before: before.get(template) ?? 0,
      neverBefore: !(times.firstMs[template] < start),
      firstMs: times.firstMs[template],
    }))
    .sort((a, b) => b.inWindow - a.inWindow || a.template - b.template);
}
