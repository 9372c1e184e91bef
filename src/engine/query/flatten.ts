// A parsed record's fields as (dotted key, text) pairs: what the detail panel
// lists, what field terms of a query compare and what the Fields sidebar
// counts, so all three agree on names (`http.status`) and values. Keys come
// from the log; own-property iteration (Object.entries) ignores anything inherited.

/** Stop after this many pairs: a record with 100k fields must not stall a search. */
export const MAX_FLAT_FIELDS = 400;
const MAX_DEPTH = 4;

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function walk(prefix: string, v: unknown, out: [string, string][], depth: number, max: number): void {
  if (out.length >= max) return;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) {
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      walk(prefix ? `${prefix}.${k}` : k, child, out, depth + 1, max);
      if (out.length >= max) return;
    }
    return;
  }
  out.push([prefix, text(v)]);
}

/** Leaves of a record as [dotted key, value as text], nested objects flattened, arrays as JSON. */
export function flattenFields(fields: Record<string, unknown>, max = MAX_FLAT_FIELDS): [string, string][] {
  const out: [string, string][] = [];
  walk('', fields, out, 0, max);
  return out;
}
