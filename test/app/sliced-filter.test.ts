// A filter kept while a big file loads (a level chosen, or one from the
// address) is built for each snapshot in short tasks before it is shown
// (derived.ts prepareFilter), and must equal the filter built at once; the
// installed table then finds it ready instead of building it in its render.
import { describe, expect, it } from 'vitest';
import { filterResult, prepareFilter, prepareLanes } from '../../src/store/derived.ts';
import { datasetExtent, setDataset } from '../../src/store/dataset.ts';
import { STEP_ROWS } from '../../src/store/steps.ts';
import type { LevelName } from '../../src/engine/model/levels.ts';
import { files, table, type Row } from './helpers.ts';

const N = STEP_ROWS * 2 + 77;
const rows: Row[] = [];
for (let i = 0; i < N; i++) rows.push({ t: i * 5, file: i % 4 === 0 ? 1 : 0, logger: ['http', 'db'][i % 2], level: i % 13 === 0 ? 5 : i % 6 === 0 ? 4 : 3 });
const t = table(rows);
const fs = files('edge.log', 'worker.log');
const inputs = { levels: ['error'] as LevelName[], kinds: [], sources: [], templates: [] as number[], text: '', searchQuery: '', searchVersion: 0, laneMode: 'file' as const, dataVersion: 0 };

describe('filter built in slices', () => {
  it('equals the filter built at once, and is the one the installed table uses', async () => {
    const d = { table: t, files: fs, extent: datasetExtent(t, []), templateCount: 0 };
    expect(await prepareLanes(d, 'file', () => false)).toBe(true);
    expect(await prepareFilter(d, inputs, () => false)).toBe(true);
    setDataset({ table: t, files: fs, templates: [], marks: [], findings: [] });
    const ready = filterResult(inputs);
    // Built again at once for a copy of the table (another identity), to compare.
    const copy = table(rows);
    setDataset({ table: copy, files: fs, templates: [], marks: [], findings: [] });
    const once = filterResult(inputs);
    expect(once).not.toBe(ready);
    expect([...(ready.rows ?? [])]).toEqual([...(once.rows ?? [])]);
    expect(ready.rows?.length).toBe(Math.ceil(N / 13));
    expect(ready.laneCounts).toEqual(once.laneCounts);
    expect(ready.density?.length).toBe(once.density?.length);
    ready.density?.forEach((dn, i) => {
      const o = once.density?.[i];
      expect(dn === null).toBe(o === null);
      dn?.levels.forEach((lv, k) => expect([...lv.total]).toEqual([...(o?.levels[k].total ?? [])]));
    });
    // Back on the prepared table, the same result object comes back, not a rebuilt one.
    setDataset({ table: t, files: fs, templates: [], marks: [], findings: [] });
    const d2 = { table: t, files: fs, extent: datasetExtent(t, []), templateCount: 0 };
    expect(await prepareLanes(d2, 'file', () => false)).toBe(true);
    expect(await prepareFilter(d2, inputs, () => false)).toBe(true);
    expect(filterResult(inputs)).toBe(filterResult(inputs));
  });

  it('drops its work when a newer table wins, and leaves a text search to the render', async () => {
    const other = table(rows.slice(0, STEP_ROWS + 5));
    const d = { table: other, files: fs, extent: datasetExtent(other, []), templateCount: 0 };
    await prepareLanes(d, 'file', () => false);
    let stale = false;
    // A zero budget hands the thread back after every step, so the staleness is seen whatever the machine's speed.
    const run = prepareFilter(d, { ...inputs, levels: ['warn'] as LevelName[] }, () => stale, 0);
    stale = true;
    expect(await run).toBe(false);
    expect(await prepareFilter(d, { ...inputs, text: 'x', searchQuery: 'x' }, () => false)).toBe(true);
  });
});
