// What part of time the user looks at and how: the visible window (source of
// truth for the timeline and the log list), the brushed range, the reference
// point for relative times, UTC/local, and how source lanes are grouped.

import type { Interval, SliceCreator } from './types.ts';
import { clampWindow, padExtent, panWindow, zoomWindow } from './window-math.ts';

export type TimeZoneMode = 'utc' | 'local';
export type LaneMode = 'file' | 'logger';

export interface ViewSlice {
  /** Zoomable limits: data extent plus margin. */
  limits: Interval;
  window: Interval;
  /** Brushed time range, or null. */
  range: Interval | null;
  /** Reference point for relative-time readouts, or null. */
  reference: number | null;
  timeZone: TimeZoneMode;
  laneMode: LaneMode;
  /** Time under the pointer on the timeline, for the readout. */
  cursor: number | null;
  /** Time span of the rows the log list currently shows, drawn as a bracket on the axis. */
  listSpan: Interval | null;
  setDataExtent(extent: Interval, window?: Interval | null): void;
  setWindow(a: number, b: number): void;
  zoomBy(factor: number, anchor?: number): void;
  panBy(fraction: number): void;
  fitAll(): void;
  setRange(r: Interval | null): void;
  setReference(t: number | null): void;
  setTimeZone(z: TimeZoneMode): void;
  setLaneMode(m: LaneMode): void;
  setCursor(t: number | null): void;
  setListSpan(s: Interval | null): void;
}

const DAY = 86_400_000;
const INITIAL: Interval = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1) + DAY];

function same(a: Interval | null, b: Interval | null): boolean {
  return a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1]);
}

export const createViewSlice: SliceCreator<ViewSlice> = (set, get) => ({
  limits: INITIAL,
  window: INITIAL,
  range: null,
  reference: null,
  timeZone: 'utc',
  laneMode: 'file',
  cursor: null,
  listSpan: null,
  setDataExtent(extent, window) {
    const limits = padExtent(extent);
    const w = window ? clampWindow(window[0], window[1], limits) : limits;
    set({ limits, window: w, range: null, reference: null, cursor: null });
  },
  setWindow(a, b) {
    const w = clampWindow(a, b, get().limits);
    if (!same(w, get().window)) set({ window: w });
  },
  zoomBy(factor, anchor) {
    const { window: w, limits } = get();
    const at = anchor ?? (w[0] + w[1]) / 2;
    set({ window: zoomWindow(w, factor, at, limits) });
  },
  panBy(fraction) {
    const { window: w, limits } = get();
    set({ window: panWindow(w, fraction, limits) });
  },
  fitAll() {
    set({ window: get().limits });
  },
  setRange(r) {
    if (!same(r, get().range)) set({ range: r });
  },
  setReference: (t) => set({ reference: t }),
  setTimeZone: (z) => set({ timeZone: z }),
  setLaneMode: (m) => set({ laneMode: m }),
  setCursor(t) {
    if (t !== get().cursor) set({ cursor: t });
  },
  setListSpan(s) {
    if (!same(s, get().listSpan)) set({ listSpan: s });
  },
});
