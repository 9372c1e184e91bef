// The canvas renderer. Any number of invalidations in one frame become one
// requestAnimationFrame draw (uPlot-style batching); drawing reads cached data only
// and never awaits. The backing store is sized in device pixels for the
// current devicePixelRatio, so lines stay crisp on any screen and after
// moving the window to another monitor.

import { getDataset } from '../store/dataset.ts';
import { filterResult, laneModel } from '../store/derived.ts';
import { useStore } from '../store/store.ts';
import { newPixelBins, type PixelBins } from '../store/density.ts';
import { drawEvents } from './draw-events.ts';
import { drawGrid } from './draw-grid.ts';
import { drawMarks } from './draw-marks.ts';
import { drawOverlays } from './draw-overlays.ts';
import type { Frame } from './frame.ts';
import { hitTest, type Hit } from './hit-test.ts';
import type { TimelineLayout } from './layout.ts';
import { readPalette, type Palette } from './palette.ts';
import { Spaces } from './spaces.ts';

export class TimelineRenderer {
  private raf = 0;
  private axisRaf = 0;
  private cssW = 1;
  private cssH = 1;
  private scrollTop = 0;
  private layout: TimelineLayout | null = null;
  private palette: Palette;
  private scratch: PixelBins = newPixelBins(4096);
  /** Called after each frame with the Spaces it used (the axis draws from the same scale). */
  onFrame: ((sp: Spaces) => void) | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly themeRoot: Element,
  ) {
    this.palette = readPalette(themeRoot);
  }

  dispose(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    if (this.axisRaf) cancelAnimationFrame(this.axisRaf);
    this.raf = 0;
    this.axisRaf = 0;
  }

  /**
   * Only what the axis shows changed (the span of rows the log list shows):
   * redraw the axis in the next frame, not the lanes. Scrolling the list then
   * costs no canvas frame, and a big load's last frames draw its marks once.
   */
  invalidateAxis = (): void => {
    if (this.raf || this.axisRaf) return;
    this.axisRaf = requestAnimationFrame(() => {
      this.axisRaf = 0;
      if (!this.raf) this.onFrame?.(this.spaces());
    });
  };

  invalidate = (): void => {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.draw();
    });
  };

  refreshPalette(): void {
    this.palette = readPalette(this.themeRoot);
    this.invalidate();
  }

  setLayout(layout: TimelineLayout): void {
    this.layout = layout;
    this.invalidate();
  }

  setViewport(cssW: number, cssH: number, scrollTop: number): void {
    this.cssW = Math.max(1, cssW);
    this.cssH = Math.max(1, cssH);
    this.scrollTop = scrollTop;
    this.invalidate();
  }

  spaces(): Spaces {
    return new Spaces(useStore.getState().window, this.cssW, window.devicePixelRatio || 1);
  }

  /** What is at (x, y) CSS px in the canvas. */
  hit(x: number, y: number): Hit | null {
    if (!this.layout) return null;
    const s = useStore.getState();
    const d = getDataset();
    const { model } = laneModel(s.laneMode);
    const f = filterResult(s);
    return hitTest({ layout: this.layout, model, sp: this.spaces(), table: d.table, marks: d.marks, mask: f.mask }, x, y + this.scrollTop);
  }

  private draw(): void {
    const layout = this.layout;
    if (!layout) return;
    const dpr = window.devicePixelRatio || 1;
    const wDev = Math.round(this.cssW * dpr);
    const hDev = Math.round(this.cssH * dpr);
    if (this.canvas.width !== wDev || this.canvas.height !== hDev) {
      this.canvas.width = wDev;
      this.canvas.height = hDev;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const s = useStore.getState();
    const data = getDataset();
    const { model, density } = laneModel(s.laneMode);
    const fr = filterResult(s);
    if (this.scratch.total.length < this.cssW + 2) this.scratch = newPixelBins(Math.ceil(this.cssW) + 256);
    const sp = new Spaces(s.window, this.cssW, dpr);
    const frame: Frame = {
      ctx,
      sp,
      pal: this.palette,
      dpr,
      scrollTop: this.scrollTop,
      viewH: this.cssH,
      layout,
      model,
      data,
      density,
      filter: fr.active && fr.mask && fr.density ? { mask: fr.mask, density: fr.density } : null,
      scratch: this.scratch,
      zone: s.timeZone,
    };
    drawGrid(frame);
    drawEvents(frame);
    drawMarks(frame, s.selectedMark);
    const finding = s.selectedFinding !== null ? data.findings[s.selectedFinding] : undefined;
    drawOverlays(frame, {
      findingWindow: finding ? [finding.start, finding.end] : null,
      evidence: finding?.evidence ?? [],
      range: s.range,
      selectedRow: s.selectedRow,
      flow: s.flow?.rows ?? [],
      reference: s.reference,
      cursor: s.cursor,
    });
    this.onFrame?.(sp);
  }
}
