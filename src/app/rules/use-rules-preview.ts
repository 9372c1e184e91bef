// What rule specs find in the loaded logs, asked of the worker (which holds
// the session) a moment after the specs stop changing, as the vocabulary
// preview does.

import { engineClient, type RulePreview } from '../../bridge/engine-client.ts';
import type { RuleSpec } from '../../engine/rules/spec.ts';
import { useWorkerPreview } from '../use-worker-preview.ts';

const DEBOUNCE_MS = 300;

export interface RulesPreviewState {
  /** One per spec, or null while nothing has answered for these specs. */
  previews: RulePreview[] | null;
  busy: boolean;
}

export function useRulesPreview(specs: readonly RuleSpec[], dataVersion: number): RulesPreviewState {
  const sent = specs.slice();
  const { value, busy } = useWorkerPreview(
    JSON.stringify([dataVersion, specs]),
    specs.length > 0,
    async (signal) => (await engineClient()).previewRules(sent, signal),
    (e) => sent.map((s) => ({ id: s.id, error: `the preview failed: ${e instanceof Error ? e.message : String(e)}`, findings: [], cases: [] })),
    DEBOUNCE_MS,
  );
  return { previews: value, busy };
}
