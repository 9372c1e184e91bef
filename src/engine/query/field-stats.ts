// The Fields sidebar's figures: for a sample of rows (the visible window or
// the filtered rows), which fields occur, on how many of the rows, and their
// most common values with counts. Pure counting over flattened records; the
// session reads and parses the rows.

export interface FieldValueCount {
  value: string;
  count: number;
}

export interface FieldSummary {
  field: string;
  /** Rows of the sample that have the field. */
  rows: number;
  /** Distinct values seen (capped at MAX_DISTINCT). */
  distinct: number;
  top: FieldValueCount[];
}

export interface FieldStats {
  /** Rows looked at (a sample when the window holds more). */
  sampled: number;
  /** Rows the sample stands for. */
  total: number;
  fields: FieldSummary[];
}

/** Per field, values are counted up to this many distinct ones (an id field has one per row). */
const MAX_DISTINCT = 1000;
/** Values longer than this are not useful to click as filters (stack traces, bodies). */
const MAX_VALUE_CHARS = 200;

export function summarizeFields(records: readonly (readonly [string, string][])[], total: number, maxFields = 40, topN = 5): FieldStats {
  const byField = new Map<string, { rows: number; values: Map<string, number>; overflow: boolean }>();
  for (const pairs of records) {
    const seen = new Set<string>();
    for (const [k, v] of pairs) {
      if (!k || seen.has(k)) continue;
      seen.add(k);
      let f = byField.get(k);
      if (!f) byField.set(k, (f = { rows: 0, values: new Map(), overflow: false }));
      f.rows++;
      if (v.length > MAX_VALUE_CHARS) continue;
      const c = f.values.get(v);
      if (c !== undefined) f.values.set(v, c + 1);
      else if (f.values.size < MAX_DISTINCT) f.values.set(v, 1);
      else f.overflow = true;
    }
  }
  const fields: FieldSummary[] = [...byField.entries()]
    .map(([field, f]) => ({
      field,
      rows: f.rows,
      distinct: f.values.size,
      top: [...f.values.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topN).map(([value, count]) => ({ value, count })),
    }))
    // Fields on most rows first; among equals, the ones with few values (the ones worth faceting on).
    .sort((a, b) => b.rows - a.rows || a.distinct - b.distinct || (a.field < b.field ? -1 : 1))
    .slice(0, maxFields);
  return { sampled: records.length, total, fields };
}
