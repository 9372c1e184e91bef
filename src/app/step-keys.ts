// Stepping through the incident from the keyboard: the next or previous
// error event (E / Shift+E) and the next or previous mark (M / Shift+M, and
// ← → while the timeline has focus, Enter zooms to the mark). Each step
// selects what it lands on (its detail opens) and brings it into view.

import { Level } from '../engine/model/levels.ts';
import { lowerBound } from '../engine/model/event-table.ts';
import { getDataset } from '../store/dataset.ts';
import { useStore } from '../store/store.ts';
import { windowAround } from '../store/window-math.ts';

/** Move the window so `t` is in view (centred), keeping its span, when it is outside. */
function reveal(t: number): void {
  const st = useStore.getState();
  const [a, b] = st.window;
  if (t < a || t > b) st.setWindow(t - (b - a) / 2, t + (b - a) / 2);
}

/** Select the next (dir 1) or previous (-1) error-or-worse event from the selected row, or from the window's middle. */
export function stepError(dir: 1 | -1): boolean {
  const st = useStore.getState();
  const t = getDataset().table;
  if (t.length === 0) return false;
  const from = st.selectedRow ?? lowerBound(t, (st.window[0] + st.window[1]) / 2) - (dir === 1 ? 1 : 0);
  for (let i = from + dir; i >= 0 && i < t.length; i += dir) {
    if (t.level[i] >= Level.error) {
      st.selectRow(i, { reveal: true, scroll: true });
      return true;
    }
  }
  return false;
}

/** Mark indexes in time order (the analysis lists them by kind). */
function marksInTime(): number[] {
  const marks = getDataset().marks;
  return marks.map((_, i) => i).sort((x, y) => marks[x].start - marks[y].start || x - y);
}

/** Select the next or previous mark (from the selected one, or from the window's middle). */
export function stepMark(dir: 1 | -1): boolean {
  const st = useStore.getState();
  const marks = getDataset().marks;
  const order = marksInTime();
  if (order.length === 0) return false;
  const at = st.selectedMark === null ? -1 : order.indexOf(st.selectedMark);
  let k: number;
  if (at >= 0) k = at + dir;
  else {
    const mid = (st.window[0] + st.window[1]) / 2;
    k = dir === 1 ? order.findIndex((i) => marks[i].start >= mid) : order.length - 1 - [...order].reverse().findIndex((i) => marks[i].start < mid);
    if (dir === 1 && k < 0) k = order.length;
  }
  if (k < 0 || k >= order.length) return false;
  const i = order[k];
  st.selectMark(i);
  reveal(marks[i].start);
  return true;
}

/** Zoom to the selected mark's span (Enter on the timeline). */
export function openSelectedMark(): boolean {
  const st = useStore.getState();
  const m = st.selectedMark === null ? undefined : getDataset().marks[st.selectedMark];
  if (!m) return false;
  const [a, b] = windowAround(m.start, m.end, st.limits);
  st.setWindow(a, b);
  return true;
}
