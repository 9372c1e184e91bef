// What is selected: one event row, one mark or one finding (any combination:
// a finding stays highlighted while the user inspects its evidence events).
// `scrollTo` is a request to the log list, with a sequence number so asking
// for the same row twice scrolls twice.

import type { Finding } from '../engine/rules/types.ts';
import { getDataset } from './dataset.ts';
import type { SliceCreator } from './types.ts';
import { windowAround } from './window-math.ts';

export interface SelectionSlice {
  selectedRow: number | null;
  selectedMark: number | null;
  selectedFinding: number | null;
  scrollTo: { row: number; seq: number } | null;
  /** Select an event; `reveal` pans the timeline when it is outside the window. */
  selectRow(row: number | null, opts?: { reveal?: boolean; scroll?: boolean }): void;
  selectMark(index: number | null): void;
  /** Select a finding: zoom to its whole causal window and scroll the list to its first evidence event. */
  selectFinding(index: number | null): void;
  clearSelection(): void;
}

/**
 * A finding's window runs from its first cause to its last effect: a rule's
 * start/end can name only the moment the pattern became visible (the second
 * reload), while its evidence reaches back to the first. The union of both,
 * and the earliest evidence row (rows are in time order) for the list.
 */
export function causalSpan(f: Pick<Finding, 'start' | 'end' | 'evidence'>, tMs: ArrayLike<number>): { span: [number, number]; first: number | null } {
  let lo = f.start;
  let hi = f.end;
  let first: number | null = null;
  for (const row of f.evidence) {
    if (row < 0 || row >= tMs.length) continue;
    const t = tMs[row];
    if (t < lo) lo = t;
    if (t > hi) hi = t;
    if (first === null || row < first) first = row;
  }
  return { span: [lo, hi], first };
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedRow: null,
  selectedMark: null,
  selectedFinding: null,
  scrollTo: null,
  selectRow(row, opts = {}) {
    const patch: Partial<SelectionSlice> = { selectedRow: row, selectedMark: null };
    if (row !== null && opts.scroll) patch.scrollTo = { row, seq: (get().scrollTo?.seq ?? 0) + 1 };
    set(patch);
    if (row !== null && opts.reveal) {
      const t = getDataset().table.tMs[row];
      const [a, b] = get().window;
      if (t < a || t > b) get().setWindow(t - (b - a) / 2, t + (b - a) / 2);
    }
  },
  selectMark(index) {
    set({ selectedMark: index, selectedRow: null });
  },
  selectFinding(index) {
    const f = index === null ? undefined : getDataset().findings[index];
    if (!f || index === null) {
      set({ selectedFinding: null });
      return;
    }
    const { span, first } = causalSpan(f, getDataset().table.tMs);
    const w = windowAround(span[0], span[1], get().limits);
    set({
      selectedFinding: index,
      window: w,
      scrollTo: first === null ? get().scrollTo : { row: first, seq: (get().scrollTo?.seq ?? 0) + 1 },
    });
  },
  clearSelection() {
    set({ selectedRow: null, selectedMark: null, selectedFinding: null });
  },
});
