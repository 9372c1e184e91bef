// Asks the worker for the flow of the selected event whenever the selection,
// the data or the id fields change, and puts the answer in the store (the
// timeline rings it, the Flow panel lists it). An answer that arrives after a
// newer question is dropped; the previous flow stays on screen until then.

import { engineClient } from '../../bridge/engine-client.ts';
import { useStore, type AppState } from '../../store/store.ts';

export function startFlowRunner(): () => void {
  let seq = 0;
  const run = (s: AppState) => {
    const my = ++seq;
    const row = s.selectedRow;
    if (row === null || s.provisional || s.dataVersion === 0) {
      if (s.flow) s.setFlow(null);
      return;
    }
    const keys = s.flowKeys ?? undefined;
    void engineClient()
      .then((c) => c.flow(row, keys))
      .then(
        (flow) => {
          if (my === seq) useStore.getState().setFlow(flow);
        },
        () => {
          if (my === seq) useStore.getState().setFlow(null);
        },
      );
  };
  return useStore.subscribe((s, prev) => {
    if (s.selectedRow !== prev.selectedRow || s.dataVersion !== prev.dataVersion || s.flowKeys !== prev.flowKeys || s.provisional !== prev.provisional) run(s);
  });
}
