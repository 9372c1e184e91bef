// The load's flow summary (ids shared across files, clock offsets), asked of
// the worker once per (dataset, id fields) and shared by every component
// that shows it (the Files panel's clock rows, the Flow panel's note).

import { useEffect, useState } from 'react';
import { engineClient } from '../../bridge/engine-client.ts';
import type { FlowSummary } from '../../engine/flows/flows.ts';
import { useStore } from '../../store/store.ts';

let cached: { key: string; value: Promise<FlowSummary | null> } | null = null;

function summaryFor(key: string, keys: string[] | null): Promise<FlowSummary | null> {
  if (cached?.key !== key) {
    const value = engineClient().then((c) => c.flowSummary(keys ?? undefined));
    cached = { key, value };
  }
  return cached.value;
}

/** The summary for the data on screen; null while it is computed, when nothing is loaded, or when `enabled` is false. */
export function useFlowSummary(enabled = true): FlowSummary | null {
  const version = useStore((s) => s.dataVersion);
  const provisional = useStore((s) => s.provisional);
  const keys = useStore((s) => s.flowKeys);
  const key = `${version}:${keys?.join(',') ?? ''}`;
  const [answer, setAnswer] = useState<{ key: string; value: FlowSummary | null } | null>(null);
  useEffect(() => {
    if (!enabled || provisional || version === 0) return;
    let live = true;
    summaryFor(key, keys).then(
      (value) => live && setAnswer({ key, value }),
      () => live && setAnswer({ key, value: null }),
    );
    return () => {
      live = false;
    };
  }, [key, enabled, provisional, version, keys]);
  return answer?.key === key ? answer.value : null;
}
