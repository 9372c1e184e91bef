// Which fields the log list shows beside a message that repeats: when most
// rows of the list share one message template ("Proxied request" a million
// times), the message says nothing and the fields that differ between those
// rows (status, upstream, duration) say everything. Decided from statistics
// over a sample of the list's rows (distinct values and their entropy), in the
// worker; the page only receives the answer. Fields that tell the error rows
// from the others (a status) come before merely varied ones.

import { fromEpoch, newTimeOut } from '../model/time.ts';

/** One sampled row: its template and columns, and its fields as flattened (key, text) pairs. */
export interface ColumnSampleRow {
  template: number;
  /** Level name of the row ('none' when it has none). */
  level: string;
  tMs: number;
  message: string;
  pairs: readonly (readonly [string, string])[];
}

export interface VaryingField {
  field: string;
  /** Distinct values among the template's sampled rows that carry it. */
  distinct: number;
  /**
   * Its score in bits: the entropy of its values plus twice what they tell of
   * the rows' levels, times the share of the template's rows that carry it.
   */
  bits: number;
}

export interface VaryingFields {
  template: number;
  /** Share of the sampled rows with that template (0..1). */
  share: number;
  /** Rows of the template in the sample. */
  rows: number;
  /** Most varying first is not the order: fields come in the order the records name them. */
  fields: VaryingField[];
}

export interface VaryingOptions {
  /** A template must cover at least this share of the rows. */
  minShare?: number;
  /** Fields shown at most. */
  max?: number;
}

/** Below this many rows of the template, "varies" and "is an id" cannot be told apart. */
export const MIN_TEMPLATE_ROWS = 8;
/** A field on fewer of the template's rows than this share is an exception, not a column. */
const MIN_COVERAGE = 0.5;
/** Nearly one value per row and not a number: an id (request id, path with an id), noise in a column. */
const ID_DISTINCT_RATIO = 0.9;
/**
 * A measurement (duration, bytes) has about one value per row, so its entropy
 * only measures the sample size; it counts as much as a field of 8 evenly
 * used values, so it neither always wins nor always loses against a status.
 */
const CONTINUOUS_BITS = 3;
/**
 * How much more a bit of "tells the error rows from the others" counts than a
 * bit of plain variety: the list says "Proxied request" on an ERROR row, and
 * the column that says why (status 502) matters more than an evenly spread
 * one (method), though it is less varied.
 */
const LEVEL_WEIGHT = 2;
/** Values this long (bodies, stack traces, user agents) do not fit a column. */
const MAX_MEDIAN_CHARS = 80;
const TIME_NAMES = /^(@?timestamp|@?t|time|ts|date|datetime|eventtime|time_?local|time_?iso8601|logtime|log_?time)$/i;
const LEVEL_NAMES = /^(@?l|level|lvl|severity|loglevel|log\.level|levelname|log_level|severity_?text)$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DAY_MS = 86_400_000;

interface Tally {
  field: string;
  order: number;
  present: number;
  values: Map<string, number>;
  /** Per value, how many rows of each level have it. */
  byLevel: Map<string, Map<string, number>>;
  numeric: number;
  lengths: number[];
  /** Rows where the value is the row's message, level or time in another form. */
  sameAsMessage: number;
  sameAsLevel: number;
  looksLikeTime: number;
}

/** A value that is the row's own time: ISO text, or an epoch number in s, ms, µs or ns close to it. */
function isRowTime(value: string, tMs: number): boolean {
  if (ISO_TIME.test(value)) return true;
  if (!NUMBER.test(value) || !Number.isFinite(tMs)) return false;
  // The engine's own reading of an epoch (unit from its magnitude), so a field counts as the row's time exactly when ingest would read it so.
  return fromEpoch(Number(value), epochOut) && Math.abs(epochOut.ms - tMs) < DAY_MS;
}

const epochOut = newTimeOut();

function entropy(values: Map<string, number>, total: number): number {
  let h = 0;
  for (const c of values.values()) {
    const p = c / total;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Bits of the rows' level that the field's value tells (mutual information):
 * high when its values split the error rows from the others (a status that
 * is 502 exactly where the level is error).
 */
function levelInformation(t: Tally): number {
  const levels = new Map<string, number>();
  for (const byLevel of t.byLevel.values()) for (const [l, c] of byLevel) levels.set(l, (levels.get(l) ?? 0) + c);
  let given = 0;
  for (const [value, byLevel] of t.byLevel) given += ((t.values.get(value) ?? 0) / t.present) * entropy(byLevel, t.values.get(value) ?? 1);
  return Math.max(0, entropy(levels, t.present) - given);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

function tally(rows: readonly ColumnSampleRow[]): Tally[] {
  const byField = new Map<string, Tally>();
  for (const row of rows) {
    const seen = new Set<string>();
    for (const [field, value] of row.pairs) {
      if (!field || seen.has(field)) continue;
      seen.add(field);
      let t = byField.get(field);
      if (!t) {
        t = { field, order: byField.size, present: 0, values: new Map(), byLevel: new Map(), numeric: 0, lengths: [], sameAsMessage: 0, sameAsLevel: 0, looksLikeTime: 0 };
        byField.set(field, t);
      }
      t.present++;
      t.values.set(value, (t.values.get(value) ?? 0) + 1);
      let levels = t.byLevel.get(value);
      if (!levels) t.byLevel.set(value, (levels = new Map()));
      levels.set(row.level, (levels.get(row.level) ?? 0) + 1);
      t.lengths.push(value.length);
      if (NUMBER.test(value)) t.numeric++;
      if (value === row.message) t.sameAsMessage++;
      if (row.level !== 'none' && value.toLowerCase().startsWith(row.level.slice(0, 3))) t.sameAsLevel++;
      if (isRowTime(value, row.tMs)) t.looksLikeTime++;
    }
  }
  return [...byField.values()];
}

/** Why a field is no column of its own (null: it may be one). */
function excluded(t: Tally, rows: number): string | null {
  if (t.present < rows * MIN_COVERAGE) return 'rare';
  if (t.values.size < 2) return 'constant';
  if (t.sameAsMessage * 2 >= t.present) return 'message';
  if (TIME_NAMES.test(t.field) || t.looksLikeTime * 2 >= t.present) return 'time';
  if (LEVEL_NAMES.test(t.field) || t.sameAsLevel >= t.present * 0.9) return 'level';
  if (median(t.lengths) > MAX_MEDIAN_CHARS) return 'long';
  const continuous = t.values.size >= t.present * ID_DISTINCT_RATIO;
  if (continuous && t.numeric < t.present * 0.9) return 'id';
  return null;
}

/**
 * The fields that vary most among the rows of the dominant template, or null
 * when no template covers `minShare` of the rows (or too few rows to tell).
 */
export function varyingFields(sample: readonly ColumnSampleRow[], { minShare = 0.6, max = 3 }: VaryingOptions = {}): VaryingFields | null {
  if (sample.length === 0) return null;
  const counts = new Map<number, number>();
  for (const r of sample) counts.set(r.template, (counts.get(r.template) ?? 0) + 1);
  let template = -1;
  let best = 0;
  for (const [id, c] of counts) if (c > best || (c === best && id < template)) [template, best] = [id, c];
  const share = best / sample.length;
  if (share < minShare || best < MIN_TEMPLATE_ROWS) return null;
  const rows = sample.filter((r) => r.template === template);
  const scored: (VaryingField & { order: number })[] = [];
  for (const t of tally(rows)) {
    if (excluded(t, rows.length)) continue;
    const continuous = t.values.size >= t.present * ID_DISTINCT_RATIO;
    // A value per row "tells" every row's level by chance: only fields with repeated values count it.
    const h = continuous ? Math.min(CONTINUOUS_BITS, entropy(t.values, t.present)) : entropy(t.values, t.present) + LEVEL_WEIGHT * levelInformation(t);
    scored.push({ field: t.field, distinct: t.values.size, bits: h * (t.present / rows.length), order: t.order });
  }
  const chosen = scored.sort((a, b) => b.bits - a.bits || a.order - b.order).slice(0, max).sort((a, b) => a.order - b.order);
  return { template, share, rows: rows.length, fields: chosen.map(({ field, distinct, bits }) => ({ field, distinct, bits })) };
}
