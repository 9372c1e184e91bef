// Lane labels as DOM elements beside the canvas: real text (selectable, read
// by screen readers, found by tests through `data-lane`), and buttons that
// show only that source in the log list.

import { useStore } from '../store/store.ts';
import { formatCount, formatInt } from '../ui/format.ts';
import type { TimelineLayout } from './layout.ts';
import { navigate } from '../store/navigation.ts';
import { useFilterResult } from '../store/use-filter.ts';

export function LaneLabels({ layout }: { layout: TimelineLayout }) {
  const sources = useStore((s) => s.sources);
  const toggleSource = useStore((s) => s.toggleSource);
  // With a filter or query active, each lane says how many of its events match.
  const matches = useFilterResult().laneCounts;
  return (
    <div className="tl-labels">
      {layout.rows.map((r) => {
        if (r.h === 0) return null;
        const on = sources.includes(r.id);
        const top = { top: r.y, height: r.h };
        if (r.kind === 'mark') {
          return (
            <div key={r.id} className={`lane-label lane-label--mark${r.count === 0 ? ' lane-label--empty' : ''}`} style={top}>
              <span className="lane-name" data-lane={r.id}>{r.name}</span>
              <span className="lane-count" title={`${formatInt(r.count)} marks`}>{r.count > 0 ? formatCount(r.count) : '–'}</span>
            </div>
          );
        }
        return (
          <div key={r.id} className={`lane-label${on ? ' lane-label--on' : ''}`} style={top}>
            <button
              type="button"
              className="lane-name"
              data-lane={r.id}
              aria-pressed={on}
              title={`${r.sub ? `${r.sub} › ` : ''}${r.name}: ${formatInt(r.count)} events. Click to ${on ? 'stop filtering by' : 'show only'} this source in the list.`}
              onClick={() => navigate('filter', () => toggleSource(r.id))}
            >
              {r.name}
            </button>
            {matches ? (
              <span className="lane-count lane-count--match" data-matches={matches[r.index] ?? 0} title={`${formatInt(matches[r.index] ?? 0)} of ${formatInt(r.count)} events match the filter`}>
                {formatCount(matches[r.index] ?? 0)}/{formatCount(r.count)}
              </span>
            ) : (
              <span className="lane-count">{formatCount(r.count)}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}
