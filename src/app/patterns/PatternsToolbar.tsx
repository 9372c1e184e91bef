// Controls over the Patterns list: narrow by text, sort by count in view,
// by new-in-window or by burstiness, and what the log list is filtered to.

import { useStore } from '../../store/store.ts';
import type { PatternSort } from '../../store/panel-slice.ts';
import { formatInt } from '../../ui/format.ts';
import { LogTabs } from '../log/LogTabs.tsx';
import { usePatternRows } from './PatternsPanel.tsx';
import { navigate } from '../../store/navigation.ts';

const SORTS: [PatternSort, string, string][] = [
  ['count', 'Count', 'Most events in the visible window first'],
  ['new', 'New', 'Patterns first seen inside the visible window (or the brushed range) first'],
  ['bursty', 'Bursty', 'Patterns whose events bunch up in time first (a burst, not a steady stream)'],
];

export function PatternsToolbar() {
  const sort = useStore((s) => s.patternSort);
  const query = useStore((s) => s.patternQuery);
  const selected = useStore((s) => s.templates.length);
  const hasRange = useStore((s) => s.range !== null);
  const st = useStore.getState;
  const { ranked } = usePatternRows();
  return (
    <div className="log-filters" role="search" aria-label="Filter the patterns">
      <LogTabs />
      <div className="search">
        <label htmlFor="pattern-filter-text" className="visually-hidden">Filter patterns</label>
        <input
          id="pattern-filter-text"
          type="search"
          placeholder="Filter patterns"
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => st().setPatternQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') st().setPatternQuery('');
          }}
        />
      </div>
      <div className="segmented" role="group" aria-label="Sort patterns by">
        {SORTS.map(([id, label, title]) => (
          <button key={id} type="button" className="seg" aria-pressed={sort === id} title={title} onClick={() => st().setPatternSort(id)}>
            {label}
          </button>
        ))}
      </div>
      {selected > 0 && (
        <>
          <button type="button" className="btn btn-small btn-active" onClick={() => st().setLogTab('events')}>
            Show {selected === 1 ? 'its' : 'their'} events
          </button>
          <button type="button" className="btn btn-small" onClick={() => navigate('filter', () => st().setFilters({ templates: [] }))}>Clear pattern filter</button>
        </>
      )}
      <div className="spacer" />
      <div className="log-count muted" aria-live="polite">
        {formatInt(ranked.matched)} pattern{ranked.matched === 1 ? '' : 's'} · {formatInt(ranked.fresh)} new in {hasRange ? 'the range' : 'view'}
      </div>
    </div>
  );
}
