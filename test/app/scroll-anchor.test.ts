// The log list keeps its place when its rows change: the same event stays at
// the same height (zoom, pan), the selected event wins when it was on screen,
// and when the top event left the list the list lands on the same time.
import { describe, expect, it } from 'vitest';
import { listView } from '../../src/app/log/list-view.ts';
import { captureAnchor, placeAfterChange } from '../../src/app/log/scroll-anchor.ts';
import { table } from './helpers.ts';

const ROW = 22;
const VIEW_H = 220;
// One event per second for 1000 s.
const t = table(Array.from({ length: 1000 }, (_, i) => ({ t: i * 1000 })));

describe('scroll anchoring', () => {
  it('keeps the top event at its offset when the window narrows around it', () => {
    const wide = listView(t, [0, 999_000], null);
    // Scrolled so that row 500 is 5 px above the top.
    const a = captureAnchor(wide, t.tMs, 1, 500 * ROW + 5, VIEW_H, ROW, null);
    expect(a?.row).toBe(500);
    const narrow = listView(t, [400_000, 700_000], null);
    const p = placeAfterChange(a, narrow, 1, null, VIEW_H, ROW);
    expect(narrow.rowAt(p.index)).toBe(500);
    expect(p.offset).toBe(-5);
  });

  it('keeps the selected event where it was on screen', () => {
    const wide = listView(t, [0, 999_000], null);
    const a = captureAnchor(wide, t.tMs, 1, 500 * ROW, VIEW_H, ROW, 504);
    expect(a?.selected).toEqual({ row: 504, offset: 4 * ROW });
    const panned = listView(t, [450_000, 900_000], null);
    const p = placeAfterChange(a, panned, 1, 504, VIEW_H, ROW);
    expect(panned.rowAt(p.index)).toBe(504);
    expect(p.offset).toBe(4 * ROW);
  });

  it('lands on the same time when the top event is filtered out', () => {
    const all = listView(t, [0, 999_000], null);
    const a = captureAnchor(all, t.tMs, 1, 501 * ROW, VIEW_H, ROW, null);
    expect(a?.row).toBe(501);
    const even = Uint32Array.from({ length: 500 }, (_, i) => i * 2);
    const filtered = listView(t, [0, 999_000], even);
    const p = placeAfterChange(a, filtered, 1, null, VIEW_H, ROW);
    expect(filtered.rowAt(p.index)).toBe(502);
    expect(p.offset).toBe(0);
  });

  it('starts a new dataset at the top, or at the selection', () => {
    const v = listView(t, [0, 999_000], null);
    const a = captureAnchor(v, t.tMs, 1, 300 * ROW, VIEW_H, ROW, null);
    expect(placeAfterChange(a, v, 2, null, VIEW_H, ROW)).toEqual({ index: 0, offset: 0 });
    expect(placeAfterChange(a, v, 2, 42, VIEW_H, ROW).index).toBe(42);
  });

  it('finds the first row at or after a time, inside the window only', () => {
    const v = listView(t, [100_000, 200_000], null);
    expect(v.indexAtTime(150_500)).toBe(51);
    expect(v.indexAtTime(0)).toBe(0);
    expect(v.indexAtTime(1e9)).toBe(v.count);
  });
});
