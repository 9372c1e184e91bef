// Everything one frame of the timeline reads, gathered once per frame so the
// draw-* functions are plain functions of their inputs (and never await).

import type { Dataset } from '../store/dataset.ts';
import type { Density, PixelBins } from '../store/density.ts';
import type { LaneModel } from '../store/lanes.ts';
import type { LaneRow, TimelineLayout } from './layout.ts';
import type { Palette } from './palette.ts';
import type { Spaces } from './spaces.ts';

export interface Frame {
  ctx: CanvasRenderingContext2D;
  sp: Spaces;
  pal: Palette;
  dpr: number;
  /** CSS px the lanes area is scrolled by. */
  scrollTop: number;
  /** CSS height of the canvas. */
  viewH: number;
  layout: TimelineLayout;
  model: LaneModel;
  data: Dataset;
  /** Density of every source lane (null for lanes with few events). */
  density: (Density | null)[];
  /** The filtered view: mask over rows and its density, or null when no filter is on. */
  filter: { mask: Uint8Array; density: (Density | null)[] } | null;
  scratch: PixelBins;
  zone: 'utc' | 'local';
}

/** Device-pixel top and height of a row, or null when it is scrolled out of view. */
export function rowBox(f: Frame, row: LaneRow): { y: number; h: number } | null {
  const top = row.y - f.scrollTop;
  if (top + row.h <= 0 || top >= f.viewH) return null;
  return { y: Math.round(top * f.dpr), h: Math.round(row.h * f.dpr) };
}

/** Font string at device scale. */
export function font(f: Frame, cssPx: number, weight = 400): string {
  return `${weight} ${Math.round(cssPx * f.dpr)}px ${f.pal.font}`;
}
