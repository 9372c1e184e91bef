// The log list's field columns: the fields the user chose to see beside the
// message (kept in the URL, so Back/Forward and a reload bring them back), and
// the automatic columns they dismissed (fields varying beside a repeated
// message, see engine/query/varying-fields.ts). Field names come from the log:
// they are only ever compared and shown as text.

import type { SliceCreator } from './types.ts';

/** More columns than this leave no room for the message. */
export const MAX_COLUMNS = 8;
/** A longer field name is not one a user picked from the sidebar. */
export const MAX_COLUMN_NAME = 200;
/** Widths a user can drag a column to, in CSS pixels: narrow enough for a status code, never wider than a wide screen's half. */
export const MIN_COLUMN_PX = 28;
export const MAX_COLUMN_PX = 900;

/** A dragged width, kept within bounds and in whole pixels. */
export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, px)));
}

export interface ColumnSlice {
  /** Chosen field columns, in the order they show. */
  columns: string[];
  /** Automatic columns the user hid (for this session). */
  dismissedAuto: string[];
  /** Widths the user dragged field columns to, in px, by field name (a Map: names come from the log). Unset: as wide as the values. */
  columnWidths: ReadonlyMap<string, number>;
  /** Width the user dragged the source column to, in px; null: the default. */
  sourceWidth: number | null;
  /** Set a field column's width, or null to let it follow its values again. */
  setColumnWidth(field: string, px: number | null): void;
  setSourceWidth(px: number | null): void;
  setColumns(columns: readonly string[]): void;
  /** Show the field as a column, or remove it when it is one. */
  toggleColumn(field: string): void;
  /** Move a chosen column to position `to` (clamped), the others keeping their order. */
  moveColumn(field: string, to: number): void;
  dismissAuto(field: string): void;
  /** Let the dismissed automatic columns show again. */
  restoreAuto(): void;
}

/** Columns as the store keeps them: named, not too long, each once, at most MAX_COLUMNS. */
export function cleanColumns(columns: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of columns) if (c && c.length <= MAX_COLUMN_NAME && !out.includes(c) && out.length < MAX_COLUMNS) out.push(c);
  return out;
}

export const createColumnSlice: SliceCreator<ColumnSlice> = (set, get) => ({
  columns: [],
  dismissedAuto: [],
  columnWidths: new Map(),
  sourceWidth: null,
  setColumnWidth(field, px) {
    const cur = get().columnWidths;
    const next = new Map(cur);
    if (px === null) next.delete(field);
    else next.set(field, clampWidth(px));
    if (next.get(field) !== cur.get(field)) set({ columnWidths: next });
  },
  setSourceWidth(px) {
    const next = px === null ? null : clampWidth(px);
    if (next !== get().sourceWidth) set({ sourceWidth: next });
  },
  setColumns(columns) {
    const next = cleanColumns(columns);
    const cur = get().columns;
    if (next.length !== cur.length || next.some((c, i) => c !== cur[i])) set({ columns: next });
  },
  toggleColumn(field) {
    const cur = get().columns;
    get().setColumns(cur.includes(field) ? cur.filter((c) => c !== field) : [...cur, field]);
  },
  moveColumn(field, to) {
    const rest = get().columns.filter((c) => c !== field);
    if (rest.length === get().columns.length) return;
    const at = Math.max(0, Math.min(rest.length, to));
    get().setColumns([...rest.slice(0, at), field, ...rest.slice(at)]);
  },
  dismissAuto(field) {
    const cur = get().dismissedAuto;
    if (!cur.includes(field)) set({ dismissedAuto: [...cur, field] });
  },
  restoreAuto: () => set({ dismissedAuto: [] }),
});
