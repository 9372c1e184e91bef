// The Patterns tab of the log panel: message templates (Drain clusters from
// the worker) with their count in the visible window (or the brushed range),
// their total, a sparkline across the loaded range, and a "new" tag when the
// template first appears inside the window. Sorted by count, by new-in-window
// or by burstiness; narrowed by text. Pressing a pattern filters the log list
// and the timeline's highlight to it (filter-slice `templates`), so "what is
// this burst made of" is one click. Patterns are log text: React text only.

import { useDeferredValue, useMemo, type KeyboardEvent } from 'react';
import { getDataset } from '../../store/dataset.ts';
import { useStore } from '../../store/store.ts';
import { formatCount, formatInt, formatTime } from '../../ui/format.ts';
import { datasetPatternStats, rankPatterns, windowCounts } from './pattern-stats.ts';
import { Sparkline } from './Sparkline.tsx';
import { navigate } from '../../store/navigation.ts';

/** Rows rendered at most; the text filter finds the rest. */
const LIMIT = 300;

/** Up/Down move between pattern buttons (one tab stop for the whole list). */
function onListKey(e: KeyboardEvent<HTMLOListElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.pattern')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
  buttons[next]?.focus();
  e.preventDefault();
}

export function usePatternRows() {
  const dataVersion = useStore((s) => s.dataVersion);
  const win = useStore((s) => s.range ?? s.window);
  const sort = useStore((s) => s.patternSort);
  const query = useStore((s) => s.patternQuery);
  // Window counts follow zoom and pan a frame late rather than slow them down.
  const w = useDeferredValue(win);
  const stats = useMemo(() => (void dataVersion, datasetPatternStats()), [dataVersion]);
  const inWindow = useMemo(() => windowCounts(getDataset().table, stats.templates, w), [stats, w]);
  const ranked = useMemo(() => rankPatterns(getDataset().templates, stats, inWindow, w, sort, query, LIMIT), [stats, inWindow, w, sort, query]);
  return { stats, ranked, window: w };
}

export function PatternsPanel() {
  const selected = useStore((s) => s.templates);
  const zone = useStore((s) => s.timeZone);
  const provisional = useStore((s) => s.provisional);
  const hasData = useStore((s) => s.dataVersion > 0);
  const { stats, ranked, window: w } = usePatternRows();
  const toggle = useStore((s) => s.toggleTemplate);

  let empty: string | null = null;
  if (!hasData) empty = 'Message patterns appear here once logs are loaded.';
  else if (provisional) empty = 'Patterns appear once everything is read…';
  else if (stats.templates === 0) empty = 'No messages to group.';
  else if (ranked.matched === 0) empty = 'No pattern contains that text.';

  return (
    <div className="patterns" id="log-tab-patterns" role="tabpanel" aria-label="Message patterns">
      <div className="pattern-head" aria-hidden="true">
        <span className="p-spark">Across the logs</span>
        <span className="p-count">In view</span>
        <span className="p-total">Total</span>
        <span className="p-text">Pattern (&lt;*&gt; stands for what varies)</span>
      </div>
      {empty ? (
        <div className="log-empty">{empty}</div>
      ) : (
        <ol className="pattern-list" aria-label="Patterns" onKeyDown={onListKey}>
          {ranked.rows.map((r, i) => {
            const on = selected.includes(r.id);
            return (
              <li key={r.id}>
                <button
                  type="button"
                  className={`pattern${on ? ' pattern--on' : ''}${r.inWindow === 0 ? ' pattern--absent' : ''}`}
                  aria-pressed={on}
                  data-template={r.id}
                  data-total={r.total}
                  tabIndex={i === 0 ? 0 : -1}
                  title={`${r.pattern}\nFirst seen ${formatTime(r.firstMs, zone, { date: true })}. Press to show only these events.`}
                  onClick={() => navigate('filter', () => toggle(r.id))}
                >
                  <Sparkline stats={stats} id={r.id} window={w} />
                  <span className="p-count" data-count={r.inWindow}>{formatInt(r.inWindow)}</span>
                  <span className="p-total">{formatCount(r.total)}</span>
                  <span className="p-text">
                    {r.isNew && <span className="chip chip-new" title="First seen inside the visible window">new</span>}
                    {r.pattern}
                  </span>
                </button>
              </li>
            );
          })}
          {ranked.matched > ranked.rows.length && (
            <li className="muted pattern-more">{formatInt(ranked.matched - ranked.rows.length)} more patterns: narrow them with the filter.</li>
          )}
        </ol>
      )}
    </div>
  );
}
