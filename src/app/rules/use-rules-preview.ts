// What rule specs find in the loaded logs, asked of the worker (which holds
// the session) a moment after the specs stop changing, as the vocabulary
// preview does. The newest request wins; an answer for older specs or an
// older dataset is dropped.

import { useEffect, useState } from 'react';
import { engineClient } from '../../bridge/engine-client.ts';
import type { RuleSpec } from '../../engine/rules/spec.ts';
import type { RulePreview } from '../../worker/rules-preview.ts';

const DEBOUNCE_MS = 300;

export interface RulesPreviewState {
  /** One per spec, or null while nothing has answered for these specs. */
  previews: RulePreview[] | null;
  busy: boolean;
}

export function useRulesPreview(specs: readonly RuleSpec[], dataVersion: number): RulesPreviewState {
  const key = JSON.stringify([dataVersion, specs]);
  const [state, setState] = useState<{ key: string; previews: RulePreview[] } | null>(null);
  const ready = specs.length > 0;
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const sent = specs.slice();
    const timer = window.setTimeout(() => {
      void engineClient()
        .then((c) => c.previewRules(sent))
        .then((previews) => live && setState({ key, previews }))
        .catch((e: unknown) => live && setState({ key, previews: sent.map((s) => ({ id: s.id, error: `the preview failed: ${e instanceof Error ? e.message : String(e)}`, findings: [], cases: [] })) }));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` captures everything about `specs` that matters.
  }, [key, ready]);
  const current = state?.key === key ? state.previews : null;
  return { previews: ready ? current : null, busy: ready && current === null };
}
