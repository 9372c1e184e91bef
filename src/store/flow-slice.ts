// The selected event's request flow (the events sharing one of its ids, asked
// of the worker by app/flows/flow-runner.ts) so the timeline can ring them on
// every lane and the Flow panel can list them; and which fields the engine
// reads ids from, when the user changed them (remembered in localStorage).

import type { Flow } from '../engine/flows/flows.ts';
import type { SliceCreator } from './types.ts';

export interface FlowSlice {
  /** The flow of the selected event; null when nothing is selected or it shares no id. */
  flow: Flow | null;
  setFlow(flow: Flow | null): void;
  /** Field names read as request or trace ids; null: the engine's default list. */
  flowKeys: string[] | null;
  setFlowKeys(keys: string[] | null): void;
}

const KEYS_KEY = 'timberline.flowKeys';

function storedKeys(): string[] | null {
  try {
    const v = globalThis.localStorage?.getItem(KEYS_KEY);
    if (!v) return null;
    const parsed: unknown = JSON.parse(v);
    if (!Array.isArray(parsed)) return null;
    const keys = parsed.filter((k): k is string => typeof k === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(k)).slice(0, 64);
    return keys.length > 0 ? keys : null;
  } catch {
    return null;
  }
}

export const createFlowSlice: SliceCreator<FlowSlice> = (set) => ({
  flow: null,
  setFlow: (flow) => set({ flow }),
  flowKeys: storedKeys(),
  setFlowKeys(flowKeys) {
    try {
      if (flowKeys) globalThis.localStorage?.setItem(KEYS_KEY, JSON.stringify(flowKeys));
      else globalThis.localStorage?.removeItem(KEYS_KEY);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    set({ flowKeys });
  },
});
