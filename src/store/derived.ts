// Data derived from the dataset and the UI state, cached outside Zustand: the
// lane model (per lane grouping) and each lane's density levels, keyed by the
// table they were built from (so they can be built before it is installed);
// the search mask from the worker; and the filtered view (mask + row list)
// that the log list shows and the timeline highlights, also buildable in
// short tasks before its table is installed (a filter kept while a file loads).
// Each is rebuilt in one O(events) pass only when its inputs change.

import { KIND_NAMES } from '../engine/model/kinds.ts';
import { LEVEL_NAMES } from '../engine/model/levels.ts';
import type { EventTable } from '../engine/model/event-table.ts';
import type { FileStats } from '../engine/ingest/file-stats.ts';
import { buildDensitySteps, type Density } from './density.ts';
import { buildLanesSteps, fileLaneIds, loggerLaneId, type LaneMode, type LaneModel } from './lanes.ts';
import { getDataset, type Dataset } from './dataset.ts';
import { inSteps, runSliced, runSteps, type Steps } from './steps.ts';
import type { AppState } from './types.ts';

/** Lanes with fewer events are drawn straight from their rows. */
const DENSITY_MIN_EVENTS = 2048;
/** Longest slice of lane building while a table is prepared: well under the 50 ms of a long task. */
const SLICE_MS = 12;

interface LaneCache {
  table: EventTable;
  files: readonly FileStats[];
  extent: readonly [number, number];
  mode: LaneMode;
  model: LaneModel;
  density: (Density | null)[];
}

let lanesCache: LaneCache | null = null;

/** Whether `c` was built for exactly this data (the same table object, files and extent) and grouping. */
function fits(c: LaneCache | null, d: Pick<Dataset, 'table' | 'files' | 'extent'>, mode: LaneMode): c is LaneCache {
  return c !== null && c.table === d.table && c.files === d.files && c.mode === mode && c.extent[0] === d.extent[0] && c.extent[1] === d.extent[1];
}

function* laneSteps(d: Pick<Dataset, 'table' | 'files' | 'extent'>, mode: LaneMode): Steps<LaneCache> {
  const model = yield* buildLanesSteps(d.table, d.files, mode);
  const density: (Density | null)[] = [];
  for (const l of model.lanes) density.push(l.rows.length >= DENSITY_MIN_EVENTS ? yield* buildDensitySteps(d.table, l.rows, d.extent) : null);
  return { table: d.table, files: d.files, extent: d.extent, mode, model, density };
}

export function laneModel(mode: LaneMode): { model: LaneModel; density: (Density | null)[] } {
  const d = getDataset();
  if (!fits(lanesCache, d, mode)) lanesCache = runSteps(laneSteps(d, mode));
  return lanesCache;
}

/**
 * Build the lanes and densities of a table about to be installed in short
 * tasks (a few ms each) instead of in the first frame that draws it: a
 * million-row table otherwise blocks the page for hundreds of ms. laneModel()
 * then finds them ready. False when `stale()` turned true meanwhile.
 */
export async function prepareLanes(d: Pick<Dataset, 'table' | 'files' | 'extent'>, mode: LaneMode, stale: () => boolean): Promise<boolean> {
  if (fits(lanesCache, d, mode)) return true;
  const built = await runSliced(laneSteps(d, mode), SLICE_MS, stale);
  if (!built) return false;
  lanesCache = built;
  return true;
}

// --- search mask (answer of the worker's search for the current text) ---

let search: { version: number; query: string; mask: Uint8Array } | null = null;

export function setSearchMask(query: string, mask: Uint8Array | null): void {
  search = mask ? { version: getDataset().version, query, mask } : null;
}

function searchMaskFor(query: string): Uint8Array | null {
  if (!search || !query || search.query !== query || search.version !== getDataset().version) return null;
  return search.mask;
}

// --- the filtered view ---

export interface FilterResult {
  key: string;
  /** Any filter restricting rows (text, level, kind, source or template). */
  active: boolean;
  /** 1 for rows that pass; null when inactive. */
  mask: Uint8Array | null;
  /** Passing rows in time order; null when inactive (all rows pass). */
  rows: Uint32Array | null;
  /** Density of the passing rows per lane (for the timeline's highlight). */
  density: (Density | null)[] | null;
  /** Passing rows per lane (lane model order), shown beside the lane names; null when inactive. */
  laneCounts: number[] | null;
}

type FilterInputs = Pick<AppState, 'levels' | 'kinds' | 'sources' | 'templates' | 'text' | 'searchQuery' | 'searchVersion' | 'laneMode' | 'dataVersion'>;

/** The filter's result and the exact table (and extent) it was built for: a snapshot's can be built before it is installed. */
let filterCache: { table: EventTable; extent: readonly [number, number]; result: FilterResult } | null = null;

/** The filter inputs as one string (the table is compared by identity beside it). */
export function filterKey(s: FilterInputs): string {
  const textPart = s.text && s.searchQuery ? `${s.searchQuery}#${s.searchVersion}` : '';
  return [s.laneMode, s.levels.join(','), s.kinds.join(','), s.sources.join('\u0001'), s.templates.join(','), textPart].join('|');
}

type FilterData = Pick<Dataset, 'table' | 'files' | 'extent'> & { templateCount: number };

/** The filter's pass over the rows, in steps: the mask, the passing rows, their density per lane and counts per lane. */
function* filterSteps(d: FilterData, s: FilterInputs, key: string, text: Uint8Array | null, lanes: { model: LaneModel; density: (Density | null)[] }): Steps<FilterResult> {
  const t = d.table;
  const n = t.length;
  const levelOn = s.levels.length > 0 ? LEVEL_NAMES.map((x) => s.levels.includes(x)) : null;
  const kindOn = s.kinds.length > 0 ? KIND_NAMES.map((x) => s.kinds.includes(x)) : null;
  const sourceOn = s.sources.length > 0 ? sourceTest(new Set(s.sources), d) : null;
  const templateOn = s.templates.length > 0 ? templateTest(s.templates, d.templateCount) : null;
  if (!levelOn && !kindOn && !sourceOn && !templateOn && !text) return { key, active: false, mask: null, rows: null, density: null, laneCounts: null };
  const mask = new Uint8Array(n);
  let count = 0;
  yield* inSteps(n, (from, to) => {
    for (let i = from; i < to; i++) {
      if (text && !text[i]) continue;
      if (levelOn && !levelOn[t.level[i]]) continue;
      if (kindOn && !kindOn[t.kind[i]]) continue;
      if (sourceOn && !sourceOn(t.file[i], t.logger[i])) continue;
      if (templateOn && !templateOn[t.template[i]]) continue;
      mask[i] = 1;
      count++;
    }
  });
  const rows = new Uint32Array(count);
  let j = 0;
  yield* inSteps(n, (from, to) => {
    for (let i = from; i < to; i++) if (mask[i]) rows[j++] = i;
  });
  const { model, density } = lanes;
  const filteredDensity: (Density | null)[] = [];
  for (let i = 0; i < model.lanes.length; i++) filteredDensity.push(density[i] ? yield* buildDensitySteps(t, model.lanes[i].rows, d.extent, mask) : null);
  const laneCounts: number[] = [];
  for (const l of model.lanes) {
    let c = 0;
    yield* inSteps(l.rows.length, (from, to) => {
      for (let k = from; k < to; k++) c += mask[l.rows[k]];
    });
    laneCounts.push(c);
  }
  return { key, active: true, mask, rows, density: filteredDensity, laneCounts };
}

function cached(d: Pick<Dataset, 'table' | 'extent'>, key: string): FilterResult | null {
  const c = filterCache;
  return c && c.table === d.table && c.extent[0] === d.extent[0] && c.extent[1] === d.extent[1] && c.result.key === key ? c.result : null;
}

export function filterResult(s: FilterInputs): FilterResult {
  const d = getDataset();
  // A template filter's meaning depends on the templates the table came with (a snapshot has none yet).
  const key = `${filterKey(s)}|${d.templates.length}`;
  const hit = cached(d, key);
  if (hit) return hit;
  // The last query the worker answered stays in force while the next one runs or when it cannot run.
  const text = s.text && s.searchQuery ? searchMaskFor(s.searchQuery) : null;
  const result = runSteps(filterSteps({ ...d, templateCount: d.templates.length }, s, key, text, laneModel(s.laneMode)));
  filterCache = { table: d.table, extent: d.extent, result };
  return result;
}

/**
 * Build the filtered view of a table about to be installed in short tasks,
 * as prepareLanes does for its lanes (after them: it reads their rows), so a
 * filter kept while a big file loads (a level chosen, or one from the
 * address) does not make each new snapshot a long task. A text search is
 * left to the first render: its mask comes from the worker for the installed
 * table only. False when `stale()` turned true meanwhile.
 */
export async function prepareFilter(d: FilterData, s: FilterInputs, stale: () => boolean, budgetMs = SLICE_MS): Promise<boolean> {
  if (s.text && s.searchQuery) return true;
  const key = `${filterKey(s)}|${d.templateCount}`;
  if (cached(d, key)) return true;
  if (!fits(lanesCache, d, s.laneMode)) return true;
  const built = await runSliced(filterSteps(d, s, key, null, lanesCache), budgetMs, stale);
  if (!built) return false;
  filterCache = { table: d.table, extent: d.extent, result: built };
  return true;
}

/** 1 per wanted template id (ids outside the dataset's templates match nothing). */
function templateTest(ids: readonly number[], count: number): Uint8Array {
  const on = new Uint8Array(Math.max(1, count));
  for (const id of ids) if (Number.isInteger(id) && id >= 0 && id < count) on[id] = 1;
  return on;
}

/**
 * Source filter entries are lane ids of either grouping (a whole file, or one
 * logger of a file), so switching the grouping keeps the filter meaning the same.
 */
function sourceTest(wanted: Set<string>, d: Pick<Dataset, 'table' | 'files'>): (file: number, logger: number) => boolean {
  const fileIds = fileLaneIds(d.files);
  const fileOn = fileIds.map((id) => wanted.has(id));
  const memo = new Map<number, boolean>();
  return (file, logger) => {
    if (fileOn[file]) return true;
    const k = logger * 65536 + file;
    let v = memo.get(k);
    if (v === undefined) {
      v = wanted.has(loggerLaneId(fileIds[file] ?? '', d.table.loggers[logger] ?? ''));
      memo.set(k, v);
    }
    return v;
  };
}
