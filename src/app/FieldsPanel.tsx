// The Fields sidebar: which fields the events in view carry (after the
// filters), on how many of them, and their most common values with counts,
// counted by the worker over an even sample of the rows. A value is a filter
// one click away (Alt+click excludes it), and a field can be shown as a
// column of the log list, as in Kibana's field list.

import { useEffect, useState } from 'react';
import { engineClient } from '../bridge/engine-client.ts';
import type { FieldStats } from '../engine/query/field-stats.ts';
import { useStore } from '../store/store.ts';
import { filterByField, toggleListColumn } from './FieldTable.tsx';
import { formatInt } from '../ui/format.ts';
import { useListView } from './log/LogList.tsx';
import { sampleRows } from './log/list-view.ts';

/** Rows the worker reads for the figures: enough for the top values, cheap on any window. */
const SAMPLE_ROWS = 600;
/** Wait for the view to settle (a wheel zoom is many windows). */
const SETTLE_MS = 250;

function useFieldStats(open: boolean): FieldStats | null {
  const view = useListView();
  const provisional = useStore((s) => s.provisional);
  const [stats, setStats] = useState<FieldStats | null>(null);
  useEffect(() => {
    if (!open || provisional) return;
    let live = true;
    const ac = new AbortController();
    const timer = setTimeout(() => {
      const rows = sampleRows(view, SAMPLE_ROWS);
      void engineClient()
        .then((c) => c.fieldStats(rows, view.count, ac.signal))
        .then((s) => live && setStats(s))
        .catch(() => live && setStats(null));
    }, SETTLE_MS);
    return () => {
      live = false;
      ac.abort();
      clearTimeout(timer);
    };
  }, [open, view, provisional]);
  return open ? stats : null;
}

export function FieldsPanel() {
  const hasData = useStore((s) => s.dataVersion > 0);
  const [open, setOpen] = useState(false);
  const stats = useFieldStats(open);
  const columns = useStore((s) => s.columns);
  const dismissed = useStore((s) => s.dismissedAuto);
  if (!hasData) return null;
  return (
    <section aria-label="Fields" className={`panel fields-panel${open ? ' fields-panel--open' : ''}`}>
      <div className="panel-head">
        <h2>Fields {stats && <span className="count">{stats.fields.length}</span>}</h2>
        <div className="spacer" />
        {open && stats && stats.sampled < stats.total && <span className="muted small">sample of {formatInt(stats.sampled)}</span>}
        <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Show'}</button>
      </div>
      {open && (
        <div className="fields-body">
          {dismissed.length > 0 && (
            <div className="fields-note muted small">
              <span className="ellipsis" title={dismissed.join(', ')}>Hidden automatic columns: {dismissed.join(', ')}</span>
              <button type="button" className="btn btn-small" onClick={() => useStore.getState().restoreAuto()}>Show again</button>
            </div>
          )}
          {!stats ? (
            <div className="empty-note">Counting the fields of the events in view…</div>
          ) : stats.fields.length === 0 ? (
            <div className="empty-note">The events in view carry no parsed fields.</div>
          ) : (
            <ul className="field-list">
              {stats.fields.map((f) => (
                <li key={f.field} className="field-facet" data-facet={f.field}>
                  <div className="facet-head">
                    <span className="facet-name ellipsis" title={f.field}>{f.field}</span>
                    <span className="muted small">{Math.round((f.rows / Math.max(1, stats.sampled)) * 100)}% · {formatInt(f.distinct)}{f.distinct >= 1000 ? '+' : ''} values</span>
                    <button
                      type="button"
                      className="facet-col"
                      aria-pressed={columns.includes(f.field)}
                      aria-label={`Column: ${f.field}`}
                      title={columns.includes(f.field) ? `Remove the ${f.field} column from the log list` : `Show ${f.field} as a column of the log list`}
                      onClick={() => toggleListColumn(f.field)}
                    >
                      Column
                    </button>
                  </div>
                  <ul className="facet-values">
                    {f.top.map((v) => (
                      <li key={v.value}>
                        <button
                          type="button"
                          className="facet-value"
                          data-value={v.value}
                          title={`Filter by ${f.field}=${v.value} (Alt+click: exclude it)`}
                          onClick={(e) => filterByField(f.field, v.value, e.altKey)}
                        >
                          <span className="ellipsis">{v.value || '(empty)'}</span>
                          <span className="facet-count">{formatInt(v.count)}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
