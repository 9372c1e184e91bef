// Asks the worker what is over-represented in a time range against the rest
// of the loaded logs, once per (range, dataset), for the Compare panel and
// the open finding's one-line summary. Also the formatting both share.

import { useEffect, useState } from 'react';
import { engineClient } from '../../bridge/engine-client.ts';
import type { CompareItem, CompareResult } from '../../engine/compare/compare.ts';
import type { Interval } from '../../store/types.ts';
import { useStore } from '../../store/store.ts';
import { navigate } from '../../store/navigation.ts';
import { appendTerm } from '../../engine/query/parse.ts';
import { formatInt } from '../../ui/format.ts';

export type Comparison = { state: 'loading' } | { state: 'error'; error: string } | { state: 'done'; result: CompareResult };

export function useComparison(range: Interval | null): Comparison | null {
  const version = useStore((s) => s.dataVersion);
  const provisional = useStore((s) => s.provisional);
  const key = range ? `${version}:${range[0]}:${range[1]}` : '';
  const [answer, setAnswer] = useState<{ key: string; value: Comparison } | null>(null);
  useEffect(() => {
    if (!range || provisional) return;
    let live = true;
    const ac = new AbortController();
    void engineClient()
      .then((c) => c.compareRange(range[0], range[1], ac.signal))
      .then((result) => live && setAnswer({ key, value: result ? { state: 'done', result } : { state: 'error', error: 'Nothing is loaded.' } }))
      .catch((e: unknown) => live && setAnswer({ key, value: { state: 'error', error: e instanceof Error ? e.message : String(e) } }));
    return () => {
      live = false;
      ac.abort();
    };
    // `key` stands for the range and the dataset: a new array for the same range must not ask again.
  }, [key, provisional]);
  if (!range) return null;
  return answer?.key === key ? answer.value : { state: 'loading' };
}

/** Add the item's term to the query in the filter box (a step Back can undo). */
export function filterByItem(item: CompareItem): void {
  const st = useStore.getState();
  navigate('filter', () => st.setText(appendTerm(st.text, item.query)));
}

/** What the item is, as a person reads it: the template text, or `field=value`. */
export function itemLabel(item: CompareItem): string {
  return item.dimension === 'template' ? item.value : `${item.field}=${item.value}`;
}

export function formatRatio(item: CompareItem): string {
  if (item.ratio === null) return 'only here';
  return item.ratio >= 100 ? `${formatInt(Math.round(item.ratio))}×` : `${item.ratio.toFixed(1)}×`;
}

export function formatP(p: number): string {
  if (p === 0) return '< 1e-300';
  if (p < 0.001) return p.toExponential(0);
  return p.toFixed(3);
}

export function formatItemCount(n: number, sampled: boolean): string {
  return `${sampled ? '≈' : ''}${formatInt(n)}`;
}
