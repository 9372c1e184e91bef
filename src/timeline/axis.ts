// The time axis above the lanes: a d3 axis (UTC or local ticks) in SVG, so
// its text is crisp and selectable, plus a d3 brush along it that selects a
// time range. Also draws the span of rows the log list shows as a thin bar,
// which is how the list's scroll position is visible on the timeline.

import {
  axisTop, brushX, select, timeDay, timeFormat, timeMinute, timeSecond, utcDay, utcFormat, utcMinute, utcSecond,
  type BrushBehavior, type D3BrushEvent,
} from 'd3';
import { useStore } from '../store/store.ts';
import { isUnknownDay, unknownDateLabel } from '../engine/model/time-of-day.ts';
import type { Spaces } from './spaces.ts';

export const AXIS_H = 26;

/** 24-hour tick labels with as much precision as the tick needs: "14:03:22.250", "14:03:22", "14:03", "Mar 14". */
export function tickFormatter(zone: 'utc' | 'local'): (d: Date) => string {
  const f = zone === 'utc' ? utcFormat : timeFormat;
  const [sec, min, day] = zone === 'utc' ? [utcSecond, utcMinute, utcDay] : [timeSecond, timeMinute, timeDay];
  const ms = f('%H:%M:%S.%L');
  const s = f('%H:%M:%S');
  const m = f('%H:%M');
  const named = f('%b %d');
  const namedYear = f('%b %d %Y');
  // The year only where it is not this year's, so "Jan 01" is never ambiguous across years.
  const thisYear = new Date().getFullYear();
  const year = zone === 'utc' ? (date: Date) => date.getUTCFullYear() : (date: Date) => date.getFullYear();
  // A day of a file whose times of day carry no date (engine/model/time-of-day.ts) has no name.
  const d = (date: Date) => (isUnknownDay(date.getTime()) ? unknownDateLabel(date.getTime()) : year(date) === thisYear ? named(date) : namedYear(date));
  return (date) => (sec.floor(date) < date ? ms : min.floor(date) < date ? s : day.floor(date) < date ? m : d)(date);
}

export class TimeAxis {
  private readonly brush: BrushBehavior<unknown>;
  private syncing = false;
  private brushing = false;
  private lastBrushKey = '';
  private width = 0;
  private sp: Spaces | null = null;

  constructor(private readonly svg: SVGSVGElement) {
    const root = select(svg);
    root.selectAll('*').remove();
    root.append('rect').attr('class', 'tl-listspan').attr('y', AXIS_H - 3).attr('height', 3);
    root.append('g').attr('class', 'tl-axis-g').attr('transform', `translate(0,${AXIS_H - 1})`);
    this.brush = brushX<unknown>()
      .on('start', (e: D3BrushEvent<unknown>) => {
        if (!this.syncing && e.sourceEvent) this.brushing = true;
      })
      .on('end', (e: D3BrushEvent<unknown>) => {
        if (this.syncing || !e.sourceEvent || !this.sp) return;
        this.brushing = false;
        const s = e.selection as [number, number] | null;
        const st = useStore.getState();
        if (!s || s[1] - s[0] < 2) st.setRange(null);
        else st.setRange([this.sp.cssToT(s[0]), this.sp.cssToT(s[1])]);
      });
    root.append('g').attr('class', 'tl-brush');
  }

  /** Redraw for the frame's scale (called from the renderer's frame). */
  update(sp: Spaces): void {
    this.sp = sp;
    const st = useStore.getState();
    const root = select(this.svg);
    const w = sp.cssWidth;
    if (w !== this.width) {
      this.width = w;
      this.brush.extent([[0, 0], [w, AXIS_H]]);
      root.select<SVGGElement>('g.tl-brush').call(this.brush);
    }
    const scale = sp.axisScale(st.timeZone);
    const ticks = scale.ticks(Math.max(2, Math.floor(w / 120)));
    const fmt = tickFormatter(st.timeZone);
    root.select<SVGGElement>('g.tl-axis-g').call(axisTop(scale).tickValues(ticks).tickFormat((v) => fmt(v as Date)).tickSizeOuter(0).tickSizeInner(5).tickPadding(4));
    const ls = st.listSpan;
    const span = root.select('rect.tl-listspan');
    if (ls && ls[1] >= sp.t0 && ls[0] <= sp.t1) {
      const x0 = Math.max(0, sp.tToCss(ls[0]));
      const x1 = Math.min(w, sp.tToCss(ls[1]));
      span.attr('x', x0).attr('width', Math.max(2, x1 - x0)).attr('visibility', 'visible');
    } else span.attr('visibility', 'hidden');
    // Keep the brush over the stored range as the window moves (not while the user drags it).
    const r = st.range;
    const key = `${r?.[0]},${r?.[1]},${sp.t0},${sp.t1},${w}`;
    if (this.brushing || key === this.lastBrushKey) return;
    this.lastBrushKey = key;
    this.syncing = true;
    const g = root.select<SVGGElement>('g.tl-brush');
    if (r && r[1] >= sp.t0 && r[0] <= sp.t1) this.brush.move(g, [Math.max(0, sp.tToCss(r[0])), Math.min(w, sp.tToCss(r[1]))]);
    else this.brush.move(g, null);
    this.syncing = false;
  }
}
