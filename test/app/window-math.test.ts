// Zoom and pan arithmetic: what the W/S/A/D keys, the wheel and the buttons do to the window.
import { describe, expect, it } from 'vitest';
import { clampWindow, MIN_SPAN_MS, padExtent, panWindow, windowAround, zoomWindow } from '../../src/store/window-math.ts';

const limits: [number, number] = [0, 1000];

describe('window math', () => {
  it('zooming keeps the time under the pointer where it was', () => {
    const w = zoomWindow([0, 1000], 2, 250, limits);
    expect(w[1] - w[0]).toBe(500);
    // 250 was at 25% of the window; it still is.
    expect((250 - w[0]) / (w[1] - w[0])).toBeCloseTo(0.25);
  });

  it('zooming out never goes past the data, and in never below the minimum span', () => {
    expect(zoomWindow([100, 200], 0.01, 150, limits)).toEqual([0, 1000]);
    const tiny = zoomWindow([100, 200], 1e9, 150, limits);
    expect(tiny[1] - tiny[0]).toBe(MIN_SPAN_MS);
  });

  it('panning moves by a fraction of the window and stops at the edges', () => {
    expect(panWindow([100, 200], 0.5, limits)).toEqual([150, 250]);
    expect(panWindow([900, 1000], 0.5, limits)).toEqual([900, 1000]);
    expect(panWindow([0, 100], -1, limits)).toEqual([0, 100]);
  });

  it('clamps a window into the limits keeping its span', () => {
    expect(clampWindow(-50, 50, limits)).toEqual([0, 100]);
    expect(clampWindow(980, 1080, limits)).toEqual([900, 1000]);
    expect(clampWindow(NaN, NaN, limits)).toEqual([0, 1000]);
  });

  it('pads the extent so events at the edges are not on the border, even for one instant', () => {
    const p = padExtent([1000, 2000]);
    expect(p[0]).toBeLessThan(1000);
    expect(p[1]).toBeGreaterThan(2000);
    const one = padExtent([5000, 5000]);
    expect(one[1] - one[0]).toBeGreaterThan(0);
  });

  it('frames a finding with context around it', () => {
    const w = windowAround(40_000, 60_000, [0, 1_000_000]);
    expect(w[0]).toBeLessThan(40_000);
    expect(w[1]).toBeGreaterThan(60_000);
    expect(w[1] - w[0]).toBeLessThan(40_000);
    // An instant still gets a readable span.
    const p = windowAround(50_000, 50_000, [0, 1_000_000]);
    expect(p[1] - p[0]).toBeGreaterThanOrEqual(2_000);
  });
});
