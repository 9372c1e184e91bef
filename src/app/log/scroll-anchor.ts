// Where the log list stays when its rows change (zoom, pan, a filter): on the
// same event, at the same height on screen, so the reader's eye does not lose
// its place. The selected row wins when it was on screen; otherwise the row
// at the top; if that row left the list, the first row at or after its time
// goes to the top. A new dataset starts at the top (or at the selection).

import type { ListView } from './list-view.ts';

export interface ListAnchor {
  /** Dataset version the rows belong to. */
  version: number;
  /** Table row at the top of the viewport, its time, and its top edge in px from the viewport's top (<= 0). */
  row: number;
  t: number;
  offset: number;
  /** The selected row, when it was on screen, and its offset. */
  selected: { row: number; offset: number } | null;
}

export interface Placement {
  index: number;
  /** Px from the viewport's top to the row's top. */
  offset: number;
}

/** The anchor of what is on screen now; `realTop` is the unscaled pixel offset of the viewport into the list. */
export function captureAnchor(view: ListView, tMs: Float64Array, version: number, realTop: number, viewH: number, rowH: number, selectedRow: number | null): ListAnchor | null {
  if (view.count === 0) return null;
  const first = Math.max(0, Math.min(view.count - 1, Math.floor(realTop / rowH)));
  const row = view.rowAt(first);
  let selected: ListAnchor['selected'] = null;
  const si = selectedRow === null ? -1 : view.indexOf(selectedRow);
  if (si >= 0 && selectedRow !== null) {
    const y = si * rowH - realTop;
    if (y > -rowH && y < viewH) selected = { row: selectedRow, offset: y };
  }
  return { version, row, t: tMs[row], offset: first * rowH - realTop, selected };
}

/** Where to put the list after its rows changed. */
export function placeAfterChange(anchor: ListAnchor | null, view: ListView, version: number, selectedRow: number | null, viewH: number, rowH: number): Placement {
  const si = selectedRow === null ? -1 : view.indexOf(selectedRow);
  if (!anchor || anchor.version !== version) return si >= 0 ? { index: si, offset: (viewH - rowH) * 0.4 } : { index: 0, offset: 0 };
  if (anchor.selected && anchor.selected.row === selectedRow && si >= 0) return { index: si, offset: anchor.selected.offset };
  const ai = view.indexOf(anchor.row);
  if (ai >= 0) return { index: ai, offset: anchor.offset };
  return { index: view.indexAtTime(anchor.t), offset: 0 };
}
