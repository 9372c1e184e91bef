// One line under the open finding: what is over-represented in its window
// (first cause to last effect) against the rest of the logs, from the same
// comparison as the Compare panel. Labelled as a comparison: a value being
// more common in the window is what changed there, not what caused it.

import { useMemo } from 'react';
import type { Finding } from '../../engine/rules/types.ts';
import { getDataset } from '../../store/dataset.ts';
import { causalSpan } from '../../store/selection-slice.ts';
import { filterByItem, formatRatio, itemLabel, useComparison } from './use-comparison.ts';

/** Items named in the line: the strongest few, the rest are one click away in the panel. */
const SHOWN = 3;
const MAX_LABEL = 60;

export function WindowComparison({ finding }: { finding: Finding }) {
  const span = useMemo(() => causalSpan(finding, getDataset().table.tMs).span, [finding]);
  const cmp = useComparison(span);
  if (!cmp || cmp.state !== 'done' || cmp.result.items.length === 0) return null;
  const items = cmp.result.items.slice(0, SHOWN);
  return (
    <p className="xp-compare" data-testid="finding-comparison">
      <span className="xp-label">Over-represented in this window</span>
      <span className="muted"> (compared with the rest of the logs; a change, not a cause)</span>:{' '}
      {items.map((item, i) => {
        const label = itemLabel(item);
        return (
          <span key={item.query}>
            {i > 0 && ', '}
            <button type="button" className="cmp-link" title={`Filter by ${item.query}`} onClick={() => filterByItem(item)}>
              {label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL)}…` : label}
            </button>{' '}
            <span className="muted">({formatRatio(item)})</span>
          </span>
        );
      })}
      {cmp.result.items.length > SHOWN && <span className="muted">, and {cmp.result.items.length - SHOWN} more</span>}
    </p>
  );
}
