// The view in the URL, so a reload with the same files lands in the same place.
//
// Which part of the URL: the QUERY STRING (?from=&to=&finding=&q=&level=&kind=
// &source=&tpl=&tz=&lanes=&col=, plus ?sample=<id> for a bundled sample). The fragment
// (#...) is reserved for share links, which carry a versioned payload of their
// own (see src/app/share); nothing here reads or writes the fragment.
//
// Everything read from the URL is untrusted: parsed as strings, validated,
// and only ever used as data (times, names compared against known lists).

import { KIND_NAMES, type KindName } from '../engine/model/kinds.ts';
import { LEVEL_NAMES, type LevelName } from '../engine/model/levels.ts';
import { findingIndexByKey, findingKey, getDataset } from '../store/dataset.ts';
import { useStore, type AppState } from '../store/store.ts';
import { setPendingClocks } from './load/clocks.ts';
import { cleanColumns } from '../store/column-slice.ts';
import { clockParams, parseClockParams } from './load/clock-params.ts';

export interface UrlView {
  window?: [number, number];
  finding?: string;
  text?: string;
  levels?: LevelName[];
  kinds?: KindName[];
  sources?: string[];
  /** Message template ids (the same files always template the same way). */
  templates?: number[];
  tz?: 'utc' | 'local';
  lanes?: 'file' | 'logger';
  /** Fields shown as log-list columns. */
  columns?: string[];
}

const MAX_PARAM = 2000;

function parseTime(v: string | null): number | null {
  if (!v || v.length > 40) return null;
  const n = /^\d{10,16}$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(n) ? n : null;
}

function list<T extends string>(v: string | null, allowed: readonly T[]): T[] | undefined {
  if (v === null) return undefined;
  return v.split(',').filter((x): x is T => (allowed as readonly string[]).includes(x));
}

export function parseUrlView(search: string): UrlView {
  const p = new URLSearchParams(search);
  const view: UrlView = {};
  const from = parseTime(p.get('from'));
  const to = parseTime(p.get('to'));
  if (from !== null && to !== null && to > from) view.window = [from, to];
  const finding = p.get('finding');
  if (finding && finding.length <= 200) view.finding = finding;
  const q = p.get('q');
  if (q && q.length <= MAX_PARAM) view.text = q;
  view.levels = list(p.get('level'), LEVEL_NAMES);
  view.kinds = list(p.get('kind'), KIND_NAMES);
  const sources = p.getAll('source').filter((s) => s.length > 0 && s.length <= MAX_PARAM);
  if (sources.length > 0) view.sources = sources.slice(0, 500);
  const tpl = p.get('tpl');
  if (tpl && tpl.length <= MAX_PARAM) {
    const ids = tpl.split(',').filter((x) => /^\d{1,7}$/.test(x)).map(Number);
    if (ids.length > 0) view.templates = ids.slice(0, 100);
  }
  const tz = p.get('tz');
  if (tz === 'local' || tz === 'utc') view.tz = tz;
  const lanes = p.get('lanes');
  if (lanes === 'logger' || lanes === 'file') view.lanes = lanes;
  const columns = cleanColumns(p.getAll('col'));
  if (columns.length > 0) view.columns = columns;
  return view;
}

/** The view part of the state as URL parameters (others in `base` are kept). */
export function viewToSearch(s: AppState, base: string): string {
  const p = new URLSearchParams(base);
  for (const k of ['from', 'to', 'finding', 'q', 'level', 'kind', 'source', 'tpl', 'tz', 'lanes', 'col', 'clock']) p.delete(k);
  // Applied clock corrections (?clock=MS:NAME): data, not view, but a reload with the same files needs them.
  for (const c of clockParams(s.files)) p.append('clock', c);
  if (s.dataVersion > 0) {
    p.set('from', new Date(Math.round(s.window[0])).toISOString());
    p.set('to', new Date(Math.round(s.window[1])).toISOString());
  }
  if (s.selectedFinding !== null) p.set('finding', findingKey(getDataset().findings, s.selectedFinding));
  if (s.text) p.set('q', s.text);
  if (s.levels.length) p.set('level', s.levels.join(','));
  if (s.kinds.length) p.set('kind', s.kinds.join(','));
  for (const src of s.sources) p.append('source', src);
  if (s.templates.length) p.set('tpl', s.templates.join(','));
  if (s.timeZone !== 'utc') p.set('tz', s.timeZone);
  if (s.laneMode !== 'file') p.set('lanes', s.laneMode);
  for (const c of s.columns) p.append('col', c);
  const out = p.toString();
  return out ? `?${out}` : '';
}

// --- a view waiting for data: read once at startup, applied after the first load ---

let pending: UrlView | null = null;

export function initUrlState(): void {
  const view = parseUrlView(location.search);
  setPendingClocks(parseClockParams(new URLSearchParams(location.search)));
  const st = useStore.getState();
  if (view.tz) st.setTimeZone(view.tz);
  if (view.lanes) st.setLaneMode(view.lanes);
  // Columns name fields, not rows: they apply to whatever gets loaded.
  if (view.columns) st.setColumns(view.columns);
  if (view.window || view.finding || view.text || view.levels?.length || view.kinds?.length || view.sources?.length || view.templates?.length) pending = view;
}

/** The waiting view, if any (consumed): its window, and a function applying the rest. */
export function takePendingView(): { window: [number, number] | null; apply(): void } | null {
  const v = pending;
  pending = null;
  if (!v) return null;
  return { window: v.window ?? null, apply: () => applyView(v) };
}

/** Apply a view to loaded data (also used by share links). */
export function applyView(v: UrlView): void {
  const st = useStore.getState();
  st.setFilters({ text: v.text ?? '', levels: v.levels ?? [], kinds: v.kinds ?? [], sources: v.sources ?? [], templates: v.templates ?? [] });
  if (v.finding) {
    const i = findingIndexByKey(getDataset().findings, v.finding);
    if (i >= 0) st.selectFinding(i);
  }
  if (v.window) st.setWindow(v.window[0], v.window[1]);
}

/**
 * Apply a view read back from the history (Back / Forward): the same fields
 * as `applyView`, but a field missing from the entry is cleared, because the
 * entry describes the whole view the user had then.
 */
export function applyHistoryView(v: UrlView): void {
  const st = useStore.getState();
  if (st.dataVersion === 0) return;
  st.setTimeZone(v.tz ?? 'utc');
  st.setLaneMode(v.lanes ?? 'file');
  st.setColumns(v.columns ?? []);
  st.setFilters({ text: v.text ?? '', levels: v.levels ?? [], kinds: v.kinds ?? [], sources: v.sources ?? [], templates: v.templates ?? [] });
  const i = v.finding ? findingIndexByKey(getDataset().findings, v.finding) : -1;
  st.selectFinding(i >= 0 ? i : null);
  if (v.window) st.setWindow(v.window[0], v.window[1]);
  else st.fitAll();
}

let syncTimer = 0;

/** Write the view into the address now: as a new history entry (`push`) or over the current one. */
export function writeUrl(mode: 'push' | 'replace'): void {
  if (syncTimer) clearTimeout(syncTimer);
  syncTimer = 0;
  const search = viewToSearch(useStore.getState(), location.search);
  if (search === location.search) return;
  const url = `${location.pathname}${search}${location.hash}`;
  if (mode === 'push') history.pushState(history.state, '', url);
  else history.replaceState(history.state, '', url);
}

/** A write still waiting for the view to settle, done now (before a navigation leaves this entry). */
export function flushUrl(): void {
  if (syncTimer) writeUrl('replace');
}

/**
 * Keep the query string in step with the view. Continuous changes (wheel,
 * drag, panning keys) replace the current entry once the view settles;
 * deliberate navigation pushes entries of its own (src/app/history.ts).
 */
export function startUrlSync(): () => void {
  return useStore.subscribe((s, prev) => {
    if (
      s.window !== prev.window || s.selectedFinding !== prev.selectedFinding || s.text !== prev.text || s.levels !== prev.levels ||
      s.kinds !== prev.kinds || s.sources !== prev.sources || s.templates !== prev.templates || s.timeZone !== prev.timeZone || s.laneMode !== prev.laneMode || s.columns !== prev.columns ||
      s.dataVersion !== prev.dataVersion
    ) {
      if (syncTimer) clearTimeout(syncTimer);
      syncTimer = window.setTimeout(() => writeUrl('replace'), 300);
    }
  });
}

/** Set or remove ?sample= (what is loaded changed). */
export function setSampleParam(id: string | null): void {
  const p = new URLSearchParams(location.search);
  if (id) p.set('sample', id);
  else p.delete('sample');
  const s = p.toString();
  history.replaceState(history.state, '', `${location.pathname}${s ? `?${s}` : ''}${location.hash}`);
}

export function sampleParam(): string | null {
  const v = new URLSearchParams(location.search).get('sample');
  return v && /^[A-Za-z0-9._-]{1,100}$/.test(v) ? v : null;
}
