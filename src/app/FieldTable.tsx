// Parsed fields of a structured record as a key/value table. Nested objects
// are flattened to dotted keys (the same names the query language uses);
// values are shown as text. A click on a value adds `field=value` to the
// query, Alt+click adds `field!=value`; each field's Column toggle shows it
// as a column of the log list. Keys and values come from the log
// (attacker-controlled), so they are only ever text.

import { flattenFields } from '../engine/query/flatten.ts';
import { appendTerm, fieldQueryTerm } from '../engine/query/parse.ts';
import { navigate } from '../store/navigation.ts';
import { useStore } from '../store/store.ts';

const MAX_VALUE = 4000;
/** Longer values are shown but not offered as filters (a stack trace is not a facet). */
const MAX_FILTER_VALUE = 500;

/** Add a field term to the query in the filter box (a navigation Back can undo). */
export function filterByField(field: string, value: string, exclude: boolean): void {
  const st = useStore.getState();
  navigate('filter', () => st.setText(appendTerm(st.text, fieldQueryTerm(field, value, exclude))));
}

/** Show a field as a column of the log list, or remove it (a navigation Back can undo). */
export function toggleListColumn(field: string): void {
  navigate('columns', () => useStore.getState().toggleColumn(field));
}

export function FieldTable({ fields }: { fields: Record<string, unknown> }) {
  const rows = flattenFields(fields);
  const columns = useStore((s) => s.columns);
  return (
    <table className="fields">
      <tbody>
        {rows.map(([k, v], i) => (
          <tr key={i}>
            <th scope="row">{k}</th>
            <td>
              {v.length <= MAX_FILTER_VALUE && k ? (
                <button
                  type="button"
                  className="field-value"
                  data-field={k}
                  title={`Filter by ${k}=${v.length > 60 ? `${v.slice(0, 60)}…` : v} (Alt+click: exclude it)`}
                  onClick={(e) => filterByField(k, v, e.altKey)}
                >
                  {v}
                </button>
              ) : (
                v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v
              )}
            </td>
            <td className="field-col">
              {k && (
                <button
                  type="button"
                  className="facet-col"
                  aria-pressed={columns.includes(k)}
                  aria-label={`Column: ${k}`}
                  title={columns.includes(k) ? `Remove the ${k} column from the log list` : `Show ${k} as a column of the log list`}
                  onClick={() => toggleListColumn(k)}
                >
                  Column
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
