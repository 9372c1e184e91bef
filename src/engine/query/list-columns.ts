// What the log list needs to lay out its field columns, from one sample of
// its rows: the fields that vary beside a repeated message (varying-fields.ts),
// and how wide each column shown must be to fit most of its values.

import { columnChars, columnValues } from './column-values.ts';
import { varyingFields, type ColumnSampleRow, type VaryingFields } from './varying-fields.ts';

export interface ColumnWidth {
  field: string;
  /** Characters most of its values need (0: no sampled row has it). */
  chars: number;
}

export interface ListColumns {
  /** Fields varying beside a repeated message (null: no template dominates, or not asked). */
  auto: VaryingFields | null;
  /** Widths of the chosen fields and of the automatic ones. */
  widths: ColumnWidth[];
}

/** `fields`: the columns the user chose; `auto`: whether to look for varying fields (the user chose none). */
export function listColumns(sample: readonly ColumnSampleRow[], fields: readonly string[], auto: boolean): ListColumns {
  const found = auto ? varyingFields(sample) : null;
  const all = [...new Set([...fields, ...(found?.fields.map((f) => f.field) ?? [])])];
  const values = sample.map((r) => columnValues(r.pairs, all));
  const widths = all.map((field, j) => ({ field, chars: columnChars(values.map((v) => v[j])) }));
  return { auto: found, widths };
}
