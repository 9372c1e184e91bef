// The log list shows the window's events that pass the filters; virtual
// scrolling maps any number of rows onto a capped scroll height.
import { describe, expect, it } from 'vitest';
import { listView } from '../../src/app/log/list-view.ts';
import { MAX_SCROLL_PX, scrollTopFor, viewport } from '../../src/app/log/virtual-scroll.ts';
import { table } from './helpers.ts';

const t = table([10, 20, 20, 30, 40, 50].map((x) => ({ t: x })));

describe('list view', () => {
  it('holds the events inside the window, ends included', () => {
    const v = listView(t, [20, 40], null);
    expect(v.count).toBe(4);
    expect([0, 1, 2, 3].map((i) => t.tMs[v.rowAt(i)])).toEqual([20, 20, 30, 40]);
    expect(v.indexOf(0)).toBe(-1);
    expect(v.indexOf(3)).toBe(2);
  });

  it('with a filter, only passing rows, and knows how many the window had', () => {
    const v = listView(t, [15, 45], Uint32Array.from([0, 2, 4, 5]));
    expect(v.count).toBe(2);
    expect(v.windowCount).toBe(4);
    expect(v.rowAt(1)).toBe(4);
    expect(v.indexOf(2)).toBe(0);
    expect(v.indexOf(3)).toBe(-1);
  });

  it('finds a time in the table its getter returns, not in one it was made with', () => {
    let now = t;
    const v = listView(t, [0, 100], null, () => now);
    expect(v.indexAtTime(30)).toBe(3);
    now = table([10, 20, 30, 30, 30, 40].map((x) => ({ t: x })));
    expect(v.indexAtTime(40)).toBe(5);
  });
});

describe('virtual scroll', () => {
  it('draws only the rows on screen', () => {
    const vp = viewport(1000, 20, 200, 400);
    expect(vp.first).toBe(20);
    expect(vp.visible).toBe(11);
    expect(vp.scrollHeight).toBe(20000);
  });

  it('caps the scroll height for millions of rows and still reaches the last row', () => {
    const n = 5_000_000;
    const vpEnd = viewport(n, 22, 500, MAX_SCROLL_PX - 500);
    expect(vpEnd.scrollHeight).toBe(MAX_SCROLL_PX);
    expect(vpEnd.first + vpEnd.visible).toBeGreaterThanOrEqual(n - 1);
    const top = scrollTopFor(2_500_000, n, 22, 500, 0);
    const vp = viewport(n, 22, 500, top);
    expect(Math.abs(vp.first - 2_500_000)).toBeLessThanOrEqual(1);
  });
});
