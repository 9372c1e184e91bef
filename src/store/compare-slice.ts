// Which time range the Compare panel compares with the rest of the logs
// (set by "Compare with the rest" on a brushed range), or null when the
// panel is closed. The result itself is asked of the worker by the panel.

import type { Interval, SliceCreator } from './types.ts';

export interface CompareSlice {
  compareRange: Interval | null;
  setCompareRange(r: Interval | null): void;
}

export const createCompareSlice: SliceCreator<CompareSlice> = (set) => ({
  compareRange: null,
  setCompareRange: (compareRange) => set({ compareRange }),
});
