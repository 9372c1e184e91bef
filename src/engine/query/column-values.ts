// Field values as log-list columns: the value of each chosen field on a row
// (by the flattened names the detail panel and the query language use), and
// how wide a column must be for most of its values. Only the rows on screen
// are looked up, in the worker, in the same call that reads their messages.

/** A value longer than this is cut before it crosses to the page (the cell shows a few dozen characters). */
export const MAX_CELL_CHARS = 2000;
/** The widest a column gets, in characters; longer values are ellipsised. */
export const MAX_COLUMN_CHARS = 40;

/** The values of `fields` in one record (null where the record lacks the field), cut to `cap` characters. */
export function columnValues(pairs: readonly (readonly [string, string])[], fields: readonly string[], cap = MAX_CELL_CHARS): (string | null)[] {
  if (fields.length === 0) return [];
  const wanted = new Map<string, number>();
  fields.forEach((f, i) => {
    if (!wanted.has(f)) wanted.set(f, i);
  });
  const out = new Array<string | null>(fields.length).fill(null);
  let left = wanted.size;
  for (const [k, v] of pairs) {
    const i = wanted.get(k);
    if (i === undefined || out[i] !== null) continue;
    out[i] = v.length > cap ? `${v.slice(0, cap)}…` : v;
    if (--left === 0) break;
  }
  // A field named twice in `fields` shows the same value in both places.
  fields.forEach((f, i) => {
    const first = wanted.get(f);
    if (first !== undefined && first !== i) out[i] = out[first];
  });
  return out;
}

/** Characters a column needs for most of its values: the 90th percentile of their lengths, capped. */
export function columnChars(values: readonly (string | null)[], cap = MAX_COLUMN_CHARS): number {
  const lengths = values.filter((v): v is string => v !== null).map((v) => v.length).sort((a, b) => a - b);
  if (lengths.length === 0) return 0;
  return Math.min(cap, lengths[Math.max(0, Math.ceil(lengths.length * 0.9) - 1)]);
}
