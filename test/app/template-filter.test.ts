// Pressing a pattern in the Patterns tab filters the log list (and the
// timeline's highlight) to that template; other filters still apply on top.
import { describe, expect, it } from 'vitest';
import { filterResult } from '../../src/store/derived.ts';
import { setDataset } from '../../src/store/dataset.ts';
import { files, table } from './helpers.ts';

const t = table([
  { t: 1, template: 0, level: 3 },
  { t: 2, template: 1, level: 5 },
  { t: 3, template: 0, level: 5 },
  { t: 4, template: 2, level: 3 },
  { t: 5, template: 1, level: 3 },
]);
const ds = setDataset({ table: t, files: files('a.log'), templates: [0, 1, 2].map((id) => ({ id, pattern: `p${id}`, count: 0 })), marks: [], findings: [] });
const base = { levels: [], kinds: [], sources: [], templates: [] as number[], text: '', searchQuery: '', searchVersion: 0, laneMode: 'file' as const, dataVersion: ds.version };

describe('template filter', () => {
  it('keeps only the chosen templates', () => {
    expect([...(filterResult({ ...base, templates: [1] }).rows ?? [])]).toEqual([1, 4]);
    expect([...(filterResult({ ...base, templates: [0, 2] }).rows ?? [])]).toEqual([0, 2, 3]);
  });

  it('combines with the level filter, and is inactive when empty', () => {
    expect([...(filterResult({ ...base, templates: [0], levels: ['error'] }).rows ?? [])]).toEqual([2]);
    expect(filterResult(base).active).toBe(false);
  });

  it('matches nothing for ids this dataset does not have', () => {
    expect([...(filterResult({ ...base, templates: [99] }).rows ?? [])]).toEqual([]);
  });
});
