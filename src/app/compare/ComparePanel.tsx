// The Compare panel: after "Compare with the rest" on a brushed range, the
// message templates, levels, sources, loggers and field values that are
// over-represented in the range against every other loaded event, with their
// counts inside and outside, the ratio of their shares and a p-value (one-sided
// Fisher exact test, Bonferroni-adjusted; src/engine/compare). A click on an
// item adds it to the query in the filter box. Values come from the logs and
// are rendered as text only.

import { useStore } from '../../store/store.ts';
import type { CompareItem, CompareResult } from '../../engine/compare/compare.ts';
import { formatDuration, formatInt, formatTime } from '../../ui/format.ts';
import { filterByItem, formatItemCount, formatP, formatRatio, itemLabel, useComparison } from './use-comparison.ts';
import './compare.css';

function ItemRow({ item }: { item: CompareItem }) {
  const label = itemLabel(item);
  return (
    <tr className="cmp-item" data-dimension={item.dimension} data-query={item.query}>
      <td className="cmp-value">
        <button type="button" className="cmp-filter" title={`Filter by ${item.query.length > 120 ? `${item.query.slice(0, 120)}…` : item.query}`} onClick={() => filterByItem(item)}>
          {item.dimension !== 'template' && <span className="cmp-field">{item.field}=</span>}
          <span className="cmp-text">{item.dimension === 'template' ? label : item.value || '(empty)'}</span>
        </button>
      </td>
      <td className="num" data-col="in">{formatItemCount(item.inCount, item.inSampled)}</td>
      <td className="num" data-col="rest">{formatItemCount(item.restCount, item.restSampled)}</td>
      <td className="num" data-col="ratio">{formatRatio(item)}</td>
      <td className="num" data-col="p">{formatP(item.p)}</td>
    </tr>
  );
}

function Summary({ r }: { r: CompareResult }) {
  return (
    <p className="cmp-summary muted small">
      {formatInt(r.inRows)} events in the range against {formatInt(r.restRows)} outside it; {formatInt(r.tested)} values tested.
      {r.fieldSample && (r.fieldSample.inRows < r.inRows || r.fieldSample.restRows < r.restRows)
        ? ` Field values from a sample of ${formatInt(r.fieldSample.inRows)} events inside and ${formatInt(r.fieldSample.restRows)} outside (≈ counts are estimates).`
        : ''}
    </p>
  );
}

export function ComparePanel() {
  const range = useStore((s) => s.compareRange);
  const zone = useStore((s) => s.timeZone);
  const cmp = useComparison(range);
  if (!range || !cmp) return null;
  const close = () => useStore.getState().setCompareRange(null);
  return (
    <section aria-label="Compare with the rest" className="panel compare-panel">
      <div className="panel-head">
        <h2>Over-represented in the range</h2>
        <div className="spacer" />
        <button type="button" className="btn btn-icon" aria-label="Close the comparison" onClick={close}>×</button>
      </div>
      <p className="cmp-range muted small">
        {formatTime(range[0], zone, { date: true })} – {formatTime(range[1], zone)} ({formatDuration(range[1] - range[0])}) against the rest of the loaded logs.
        A comparison, not a cause: it says what changed, not why.
      </p>
      {cmp.state === 'loading' && <div className="empty-note">Comparing…</div>}
      {cmp.state === 'error' && <div className="empty-note">The comparison failed: {cmp.error}</div>}
      {cmp.state === 'done' && (
        <div className="cmp-body">
          <Summary r={cmp.result} />
          {cmp.result.items.length === 0 ? (
            <div className="empty-note">Nothing is over-represented in this range: every value here is about as common outside it.</div>
          ) : (
            <table className="cmp-table">
              <thead>
                <tr>
                  <th scope="col">Value</th>
                  <th scope="col" className="num" title="Events in the range with the value">In range</th>
                  <th scope="col" className="num" title="Events outside the range with the value">Rest</th>
                  <th scope="col" className="num" title="Share of the range over share of the rest">Ratio</th>
                  <th scope="col" className="num" title="One-sided Fisher exact test, Bonferroni-adjusted for the values tested">p</th>
                </tr>
              </thead>
              <tbody>
                {cmp.result.items.map((item) => <ItemRow key={item.query} item={item} />)}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
