// Log-list filters: text (a query, matched in the worker), levels,
// kinds, sources (lane ids) and message templates (ids from the Patterns
// panel). Empty lists mean "no restriction". The search
// mask itself is kept outside the store (it is one byte per event); the store
// only records which query it answers and whether it failed.

import type { KindName } from '../engine/model/kinds.ts';
import type { LevelName } from '../engine/model/levels.ts';
import type { SliceCreator } from './types.ts';

export type SearchState = 'idle' | 'running' | 'done' | 'error';

export interface FilterSlice {
  text: string;
  levels: LevelName[];
  kinds: KindName[];
  sources: string[];
  /** Message template ids (IngestResult.templates); valid for the dataset they were picked in. */
  templates: number[];
  /** Query the current search mask answers ('' = none). */
  searchQuery: string;
  searchState: SearchState;
  searchError: string | null;
  /** Bumped whenever the search mask changes. */
  searchVersion: number;
  setText(text: string): void;
  toggleLevel(level: LevelName): void;
  toggleKind(kind: KindName): void;
  toggleSource(laneId: string): void;
  toggleTemplate(id: number): void;
  setFilters(f: Partial<Pick<FilterSlice, 'text' | 'levels' | 'kinds' | 'sources' | 'templates'>>): void;
  clearFilters(): void;
  setSearch(state: SearchState, query: string, error?: string | null): void;
  /** A query is on its way to the worker; the last answer stays in force meanwhile. */
  setSearchRunning(): void;
  /** The query in the box cannot run: keep the last valid answer (searchQuery) and say why. */
  setSearchError(error: string): void;
}

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

export const createFilterSlice: SliceCreator<FilterSlice> = (set, get) => ({
  text: '',
  levels: [],
  kinds: [],
  sources: [],
  templates: [],
  searchQuery: '',
  searchState: 'idle',
  searchError: null,
  searchVersion: 0,
  setText: (text) => set({ text }),
  toggleLevel: (level) => set({ levels: toggle(get().levels, level) }),
  toggleKind: (kind) => set({ kinds: toggle(get().kinds, kind) }),
  toggleSource: (id) => set({ sources: toggle(get().sources, id) }),
  toggleTemplate: (id) => set({ templates: toggle(get().templates, id) }),
  setFilters: (f) => set(f),
  clearFilters: () => set({ text: '', levels: [], kinds: [], sources: [], templates: [] }),
  setSearch(state, query, error = null) {
    set({ searchState: state, searchQuery: query, searchError: error, searchVersion: get().searchVersion + 1 });
  },
  setSearchRunning() {
    if (get().searchState !== 'running') set({ searchState: 'running' });
  },
  setSearchError(error) {
    set({ searchState: 'error', searchError: error });
  },
});
