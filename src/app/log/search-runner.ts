// Runs the query (src/engine/query: free text, field terms, levels) in the
// worker. Typing is debounced; the newest query wins (older answers are
// dropped, and a search still queued in the worker is skipped). A query that cannot run (bad syntax, invalid or unsafe pattern)
// leaves the last valid result on screen and reports why beneath the box.
// The mask lands in store/derived.ts and the store's searchVersion tells the
// list and the timeline to recompute their filtered views.

import { engineClient } from '../../bridge/engine-client.ts';
import { parseQuery } from '../../engine/query/parse.ts';
import { setSearchMask } from '../../store/derived.ts';
import { useStore } from '../../store/store.ts';

const DEBOUNCE_MS = 180;

/** A syntax error found on the main thread, for an immediate message (patterns are checked in the worker). */
export function queryError(query: string): string | null {
  const p = parseQuery(query);
  return p.ok ? null : p.error;
}

export function startSearchRunner(): () => void {
  let timer = 0;
  let seq = 0;
  let running = new AbortController();
  const run = async (query: string) => {
    const my = ++seq;
    running.abort();
    running = new AbortController();
    const { signal } = running;
    if (!query.trim()) {
      setSearchMask('', null);
      useStore.getState().setSearch('idle', '');
      return;
    }
    const bad = queryError(query);
    if (bad) {
      useStore.getState().setSearchError(bad);
      return;
    }
    try {
      const mask = await (await engineClient()).search(query, signal);
      if (my !== seq) return;
      setSearchMask(query, mask);
      useStore.getState().setSearch('done', query);
    } catch (e) {
      if (my !== seq) return;
      useStore.getState().setSearchError(e instanceof Error ? e.message : String(e));
    }
  };
  return useStore.subscribe((s, prev) => {
    const textChanged = s.text !== prev.text;
    const reloaded = s.dataVersion !== prev.dataVersion && s.text !== '';
    if (!textChanged && !reloaded) return;
    if (timer) clearTimeout(timer);
    // Say at once that an answer is coming, so nobody reads the previous one as this query's.
    if (s.text.trim()) s.setSearchRunning();
    timer = window.setTimeout(() => void run(s.text), reloaded && !textChanged ? 0 : DEBOUNCE_MS);
  });
}
