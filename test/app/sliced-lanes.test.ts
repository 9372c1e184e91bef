// Lanes and densities built in short tasks while a file loads (steps.ts,
// derived.ts prepareLanes) must equal the ones built in one go, give the page
// the thread back between slices, and drop their work when a newer table wins.
import { describe, expect, it } from 'vitest';
import { buildDensity, buildDensitySteps } from '../../src/store/density.ts';
import { buildLanes, buildLanesSteps } from '../../src/store/lanes.ts';
import { runSliced, STEP_ROWS } from '../../src/store/steps.ts';
import { files, table, type Row } from './helpers.ts';

// More rows than three steps, over two files with three loggers, with warnings and errors.
const N = STEP_ROWS * 3 + 123;
const rows: Row[] = [];
for (let i = 0; i < N; i++) rows.push({ t: i * 7, file: i % 3 === 0 ? 1 : 0, logger: ['http', 'tls', ''][i % 5 % 3], level: i % 11 === 0 ? 5 : i % 7 === 0 ? 4 : 3 });
const t = table(rows);
const fs = files('proxy.log', 'worker.log');

describe('lanes built in slices', () => {
  it('gives the same lanes as building them at once, in both groupings', async () => {
    for (const mode of ['file', 'logger'] as const) {
      const once = buildLanes(t, fs, mode);
      const sliced = await runSliced(buildLanesSteps(t, fs, mode), 0);
      expect(sliced?.lanes.map((l) => [l.id, l.name, l.sub, l.file, l.logger])).toEqual(once.lanes.map((l) => [l.id, l.name, l.sub, l.file, l.logger]));
      sliced?.lanes.forEach((l, i) => expect(Buffer.from(l.rows.buffer).equals(Buffer.from(once.lanes[i].rows.buffer))).toBe(true));
      expect([...(sliced?.laneOfRow ?? [])]).toEqual([...once.laneOfRow]);
    }
  });

  it('gives the same density bins, errors and warnings included', async () => {
    const lane = buildLanes(t, fs, 'file').lanes[0];
    const extent = [0, (N - 1) * 7] as const;
    const once = buildDensity(t, lane.rows, extent);
    const sliced = await runSliced(buildDensitySteps(t, lane.rows, extent), 0);
    expect(sliced?.levels.length).toBe(once.levels.length);
    sliced?.levels.forEach((lv, i) => {
      expect(lv.binMs).toBe(once.levels[i].binMs);
      expect([...lv.total]).toEqual([...once.levels[i].total]);
      expect([...lv.warn]).toEqual([...once.levels[i].warn]);
      expect([...lv.error]).toEqual([...once.levels[i].error]);
    });
    expect(sliced?.levels[0].error.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('lets other tasks run between slices', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await runSliced(buildLanesSteps(t, fs, 'logger'), 0);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops when its table went stale between slices', async () => {
    let stale = false;
    const run = runSliced(buildLanesSteps(t, fs, 'logger'), 0, () => stale);
    stale = true;
    expect(await run).toBeNull();
  });
});
