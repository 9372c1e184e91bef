// Lanes per file or per logger, their ids (what data-lane shows) and layout.
import { describe, expect, it } from 'vitest';
import { buildLanes, fileLaneIds, laneLowerBound, MARK_LANES } from '../../src/store/lanes.ts';
import { computeLayout, rowAt } from '../../src/timeline/layout.ts';
import type { Mark } from '../../src/engine/marks/types.ts';
import { files, table } from './helpers.ts';

const t = table([
  { t: 10, file: 0, logger: 'http' },
  { t: 20, file: 1, logger: '' },
  { t: 30, file: 0, logger: 'tls' },
  { t: 40, file: 0, logger: 'http' },
]);
const fs = files('proxy.log', 'worker.log');

describe('lanes', () => {
  it('one lane per file, rows in time order', () => {
    const m = buildLanes(t, fs, 'file');
    expect(m.lanes.map((l) => l.id)).toEqual(['file:proxy.log', 'file:worker.log']);
    expect([...m.lanes[0].rows].map((r) => t.tMs[r])).toEqual([10, 30, 40]);
    expect(m.laneOfRow[1]).toBe(1);
  });

  it('one lane per logger within each file when grouped by logger', () => {
    const m = buildLanes(t, fs, 'logger');
    expect(m.lanes.map((l) => l.id)).toEqual(['file:proxy.log/http', 'file:proxy.log/tls', 'file:worker.log/-']);
    expect(m.lanes.map((l) => l.name)).toEqual(['http', 'tls', '(no logger)']);
    expect(m.lanes[0].rows.length).toBe(2);
  });

  it('two dropped files with the same name get distinct lane ids', () => {
    expect(fileLaneIds(files('app.log', 'app.log'))).toEqual(['file:app.log', 'file:app.log#2']);
  });

  it('binary-searches a lane by time', () => {
    const m = buildLanes(t, fs, 'file');
    expect(laneLowerBound(t.tMs, m.lanes[0].rows, 25)).toBe(1);
  });

  it('lays mark lanes first, stacks overlapping operations, and finds rows by y', () => {
    const op = (start: number, end: number): Mark => ({ kind: 'operation', start, end, label: 'op', file: 0, logger: 0, events: [], count: 1, spanEnd: 'ended' });
    const marks = [op(0, 100), op(50, 150), op(120, 200)];
    const layout = computeLayout(buildLanes(t, fs, 'file'), marks);
    expect(layout.rows.map((r) => r.id)).toEqual([...MARK_LANES.map((l) => l.id), 'file:proxy.log', 'file:worker.log']);
    expect([...layout.opRow]).toEqual([0, 1, 0]);
    expect(layout.opRows).toBe(2);
    const last = layout.rows[layout.rows.length - 1];
    expect(rowAt(layout, last.y + 1)?.id).toBe('file:worker.log');
    expect(rowAt(layout, layout.height + 5)).toBeNull();
  });
});
