// Pure arithmetic on the visible time window: zoom around an anchor, pan,
// clamp into the data's extent. Kept free of the store so it is unit-tested
// directly and shared by the wheel, keyboard and button paths.

import type { Interval } from './types.ts';

/** Never zoom in further than this many ms across the whole plot. */
export const MIN_SPAN_MS = 2;

/** The zoomable extent: the data's extent plus a margin so edge events are not glued to the border. */
export function padExtent(extent: Interval): [number, number] {
  const span = extent[1] - extent[0];
  const pad = span > 0 ? span * 0.02 : 30_000;
  return [extent[0] - pad, extent[1] + pad];
}

/** Clamp a window into `limits`, keeping its span when possible. */
export function clampWindow(a: number, b: number, limits: Interval): [number, number] {
  const maxSpan = limits[1] - limits[0];
  let span = Math.max(MIN_SPAN_MS, b - a);
  if (!Number.isFinite(span)) span = maxSpan;
  if (span >= maxSpan) return [limits[0], limits[1]];
  let lo = Number.isFinite(a) ? a : limits[0];
  if (lo < limits[0]) lo = limits[0];
  if (lo + span > limits[1]) lo = limits[1] - span;
  return [lo, lo + span];
}

/** Zoom by `factor` (> 1 zooms in) keeping the time under `anchor` fixed. */
export function zoomWindow(w: Interval, factor: number, anchor: number, limits: Interval): [number, number] {
  const span = (w[1] - w[0]) / factor;
  const frac = w[1] > w[0] ? (anchor - w[0]) / (w[1] - w[0]) : 0.5;
  const lo = anchor - frac * span;
  return clampWindow(lo, lo + span, limits);
}

/** Pan by a fraction of the window (positive moves later in time). */
export function panWindow(w: Interval, fraction: number, limits: Interval): [number, number] {
  const d = (w[1] - w[0]) * fraction;
  return clampWindow(w[0] + d, w[1] + d, limits);
}

/** A window showing [start, end] with some context on each side (findings, marks). */
export function windowAround(start: number, end: number, limits: Interval, minSpan = 2_000): [number, number] {
  let span = Math.max(end - start, minSpan);
  const mid = (start + end) / 2;
  span *= 1.25;
  return clampWindow(mid - span / 2, mid + span / 2, limits);
}
