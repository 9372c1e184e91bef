// The three coordinate spaces of the timeline (after
// speedscope): time in epoch ms (`tMs`), CSS pixels (layout, pointer events)
// and device pixels (the canvas backing store). Every conversion goes through
// the one d3 scale built here, so the axis, the canvas and hit-testing agree.

import { scaleTime, scaleUtc, type ScaleTime } from 'd3';
import type { Interval } from '../store/types.ts';

export class Spaces {
  /** tMs -> CSS px across the plot. */
  readonly x: ScaleTime<number, number>;
  readonly cssWidth: number;
  readonly dpr: number;
  readonly msPerCss: number;
  /**
   * The window's ends as the scale holds them (whole ms: the scale keeps
   * Dates). Read once here: a frame tests every mark against them, and
   * asking the scale each time builds two Dates per call.
   */
  readonly t0: number;
  readonly t1: number;
  readonly deviceWidth: number;

  constructor(window: Interval, cssWidth: number, dpr: number) {
    this.cssWidth = Math.max(1, cssWidth);
    this.dpr = dpr > 0 ? dpr : 1;
    this.x = scaleUtc().domain([window[0], window[1]]).range([0, this.cssWidth]);
    this.msPerCss = (window[1] - window[0]) / this.cssWidth;
    const [a, b] = this.x.domain();
    this.t0 = a.getTime();
    this.t1 = b.getTime();
    this.deviceWidth = Math.round(this.cssWidth * this.dpr);
  }

  tToCss(tMs: number): number {
    return this.x(tMs);
  }

  cssToT(px: number): number {
    return this.x.invert(px).getTime();
  }

  cssToDevice(px: number): number {
    return px * this.dpr;
  }

  /** Device x of a time, snapped to a whole device pixel so 1-px lines stay crisp. */
  tToDevice(tMs: number): number {
    return Math.round(this.x(tMs) * this.dpr);
  }

  /** A scale for the axis: same mapping, ticks in UTC or in the browser's zone. */
  axisScale(zone: 'utc' | 'local'): ScaleTime<number, number> {
    if (zone === 'utc') return this.x;
    return scaleTime().domain(this.x.domain()).range(this.x.range());
  }
}
