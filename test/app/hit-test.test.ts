// Pointer to event or mark: the same geometry the canvas draws with.
import { describe, expect, it } from 'vitest';
import { hitTest } from '../../src/timeline/hit-test.ts';
import { buildLanes } from '../../src/store/lanes.ts';
import { computeLayout } from '../../src/timeline/layout.ts';
import { Spaces } from '../../src/timeline/spaces.ts';
import type { Mark } from '../../src/engine/marks/types.ts';
import { Level } from '../../src/engine/model/levels.ts';
import { files, table } from './helpers.ts';

const t = table([
  { t: 1000, level: Level.info },
  { t: 1004, level: Level.error },
  { t: 5000, level: Level.info },
]);
const model = buildLanes(t, files('a.log'), 'file');
const marks: Mark[] = [
  { kind: 'signal', start: 3000, end: 3000, label: 'SIGHUP', file: 0, logger: 0, events: [], count: 1 },
  { kind: 'gap', start: 6000, end: 8000, label: 'silent', file: 0, logger: 0, events: [], count: 0 },
];
const layout = computeLayout(model, marks);
const sp = new Spaces([0, 10_000], 1000, 2);
const inp = { layout, model, sp, table: t, marks, mask: null };
const lane = layout.rows.find((r) => r.id === 'file:a.log');
const signals = layout.rows.find((r) => r.id === 'mark:signals');

describe('hit testing', () => {
  it('picks the most severe event under the pointer', () => {
    if (!lane) throw new Error('no lane');
    expect(hitTest(inp, sp.tToCss(1001), lane.y + 5)).toEqual({ type: 'event', row: 1, laneId: 'file:a.log' });
  });

  it('finds point marks within a few pixels, and nothing far away', () => {
    if (!signals) throw new Error('no lane');
    expect(hitTest(inp, sp.tToCss(3000) + 3, signals.y + 5)).toMatchObject({ type: 'mark', index: 0 });
    expect(hitTest(inp, sp.tToCss(4000), signals.y + 5)).toEqual({ type: 'lane', laneId: 'mark:signals' });
  });

  it('a gap is hit on its own lane where no event is near', () => {
    if (!lane) throw new Error('no lane');
    expect(hitTest(inp, sp.tToCss(7000), lane.y + 5)).toMatchObject({ type: 'mark', index: 1 });
  });

  it('converts between the three spaces consistently', () => {
    expect(sp.cssToT(sp.tToCss(4321))).toBeCloseTo(4321);
    expect(sp.tToDevice(5000)).toBe(1000);
    expect(sp.deviceWidth).toBe(2000);
  });
});
