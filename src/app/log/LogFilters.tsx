// Filters over the log list: a query (src/engine/query, run in the worker),
// level toggles, kind and source menus, the pattern picked in the Patterns
// tab, and how many events pass.

import { useRef, type ReactNode } from 'react';
import { KIND_NAMES } from '../../engine/model/kinds.ts';
import { KIND_LABELS } from '../kind-labels.ts';
import type { LevelName } from '../../engine/model/levels.ts';
import { laneModel } from '../../store/derived.ts';
import { useStore } from '../../store/store.ts';
import { formatInt } from '../../ui/format.ts';
import { useListView } from './LogList.tsx';
import { useDismissDetails } from '../../ui/use-dismiss.ts';
import { getDataset } from '../../store/dataset.ts';
import { LogTabs } from './LogTabs.tsx';
import { navigate } from '../../store/navigation.ts';

const LEVELS: LevelName[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

function Menu({ label, count, children }: { label: string; count: number; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useDismissDetails(ref);
  return (
    <details className="menu" ref={ref}>
      <summary className={`btn${count > 0 ? ' btn-active' : ''}`}>
        {label}
        {count > 0 && <span className="badge">{count}</span>}
      </summary>
      <div className="menu-body menu-checks" role="group" aria-label={label}>{children}</div>
    </details>
  );
}

/** The pattern filter set from the Patterns tab: what it is, and a way out. */
function PatternChip({ ids }: { ids: number[] }) {
  const list = getDataset().templates;
  const first = list.find((t) => t.id === ids[0])?.pattern ?? '';
  const label = ids.length === 1 ? first : `${ids.length} patterns`;
  return (
    <span className="chip pattern-chip" title={ids.length === 1 ? first : ids.map((id) => list.find((t) => t.id === id)?.pattern ?? '').join('\n')}>
      <span className="ellipsis">Pattern: {label}</span>
      <button type="button" className="chip-x" aria-label="Remove the pattern filter" onClick={() => navigate('filter', () => useStore.getState().setFilters({ templates: [] }))}>×</button>
    </span>
  );
}

export function LogFilters() {
  const text = useStore((s) => s.text);
  const levels = useStore((s) => s.levels);
  const kinds = useStore((s) => s.kinds);
  const sources = useStore((s) => s.sources);
  const templates = useStore((s) => s.templates);
  const searchState = useStore((s) => s.searchState);
  const searchError = useStore((s) => s.searchError);
  const laneMode = useStore((s) => s.laneMode);
  const dataVersion = useStore((s) => s.dataVersion);
  const st = useStore.getState;
  const view = useListView();
  const lanes = dataVersion > 0 ? laneModel(laneMode).model.lanes : [];
  const any = text || levels.length || kinds.length || sources.length || templates.length;
  return (
    <div className="log-filters" role="search" aria-label="Filter the log list">
      <LogTabs />
      <div className={`search${searchError ? ' search--error' : ''}`}>
        <label htmlFor="log-filter-text" className="visually-hidden">Filter messages</label>
        <input
          id="log-filter-text"
          type="search"
          placeholder="Query: words  status>=500  host=api-2  -health  level>=warn  ( / )"
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={!!searchError}
          aria-describedby={searchError ? 'log-filter-error' : undefined}
          title="Words match messages and field values; field=value, field!=value, field>=500, field=~regex, -word excludes, level>=warn; spaces mean AND"
          onChange={(e) => { const v = e.target.value; navigate('text', () => st().setText(v)); }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              st().setText('');
              (e.target as HTMLInputElement).blur();
            }
          }}
        />
        {searchState === 'running' && <span className="search-state muted">searching…</span>}
        {/* Beneath the box, over the list's top edge: the query stays readable and the toolbar keeps its height. */}
        {searchError && (
          <span id="log-filter-error" className="search-error" role="status">
            {searchError}
            <span className="muted"> · showing the last valid result</span>
          </span>
        )}
      </div>
      <div className="level-toggles" role="group" aria-label="Levels">
        {LEVELS.map((l) => (
          <button key={l} type="button" className={`lvl-toggle lvl-${l}`} aria-pressed={levels.includes(l)} onClick={() => navigate('filter', () => st().toggleLevel(l))}>
            {l}
          </button>
        ))}
      </div>
      <Menu label="Kind" count={kinds.length}>
        {KIND_NAMES.map((k) => (
          <label key={k} className="check">
            <input type="checkbox" checked={kinds.includes(k)} onChange={() => navigate('filter', () => st().toggleKind(k))} />
            {KIND_LABELS[k]}
          </label>
        ))}
      </Menu>
      <Menu label="Source" count={sources.length}>
        {lanes.length === 0 && <span className="muted">No sources loaded</span>}
        {lanes.map((l) => (
          <label key={l.id} className="check" title={l.sub ? `${l.sub} › ${l.name}` : l.name}>
            <input type="checkbox" checked={sources.includes(l.id)} onChange={() => navigate('filter', () => st().toggleSource(l.id))} />
            <span className="ellipsis">{l.name}</span>
          </label>
        ))}
      </Menu>
      {templates.length > 0 && <PatternChip ids={templates} />}
      {any ? <button type="button" className="btn btn-small" onClick={() => navigate('filter', () => st().clearFilters())}>Clear filters</button> : null}
      <div className="spacer" />
      <div className="log-count muted" aria-live="polite">
        {any ? `${formatInt(view.count)} of ${formatInt(view.windowCount)} events in view` : `${formatInt(view.windowCount)} events in view`}
      </div>
    </div>
  );
}
