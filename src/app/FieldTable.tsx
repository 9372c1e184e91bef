// Parsed fields of a structured record as a key/value table. Nested objects
// are flattened to dotted keys; values are shown as text. Keys come from the
// log (attacker-controlled), so they are only ever text, and own-property
// iteration (Object.entries) ignores anything inherited.

const MAX_ROWS = 400;
const MAX_VALUE = 4000;

function flatten(prefix: string, v: unknown, out: [string, string][], depth: number): void {
  if (out.length >= MAX_ROWS) return;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 4) {
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, child, out, depth + 1);
    return;
  }
  let s: string;
  if (typeof v === 'string') s = v;
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  out.push([prefix, s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s]);
}

export function FieldTable({ fields }: { fields: Record<string, unknown> }) {
  const rows: [string, string][] = [];
  flatten('', fields, rows, 0);
  return (
    <table className="fields">
      <tbody>
        {rows.map(([k, v], i) => (
          <tr key={i}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
