// Runs the text filter in the worker. Typing is debounced; the newest query
// wins (older answers are dropped); a bad /regex/ is reported, not thrown.
// The mask lands in store/derived.ts and the store's searchVersion tells the
// list and the timeline to recompute their filtered views.

import { compileUserPattern } from '../../engine/user-pattern.ts';
import { engineClient } from '../../bridge/engine-client.ts';
import { setSearchMask } from '../../store/derived.ts';
import { useStore } from '../../store/store.ts';

const DEBOUNCE_MS = 180;

/** Check a /regex/ before sending it to the worker, for an immediate message. */
export function regexError(query: string): string | null {
  const m = /^\/(.+)\/([a-z]*)$/.exec(query);
  if (!m) return null;
  const r = compileUserPattern(m[1], { flags: m[2], refuseEmptyMatch: false });
  return r.ok ? null : `pattern refused: ${r.error}`;
}

export function startSearchRunner(): () => void {
  let timer = 0;
  let seq = 0;
  const run = async (query: string) => {
    const my = ++seq;
    const st = useStore.getState();
    if (!query) {
      setSearchMask('', null);
      st.setSearch('idle', '');
      return;
    }
    const bad = regexError(query);
    if (bad) {
      setSearchMask('', null);
      st.setSearch('error', query, bad);
      return;
    }
    st.setSearch('running', query);
    try {
      const mask = await (await engineClient()).search(query);
      if (my !== seq) return;
      setSearchMask(query, mask);
      useStore.getState().setSearch('done', query);
    } catch (e) {
      if (my !== seq) return;
      setSearchMask('', null);
      useStore.getState().setSearch('error', query, e instanceof Error ? e.message : String(e));
    }
  };
  return useStore.subscribe((s, prev) => {
    const textChanged = s.text !== prev.text;
    const reloaded = s.dataVersion !== prev.dataVersion && s.text !== '';
    if (!textChanged && !reloaded) return;
    if (timer) clearTimeout(timer);
    timer = window.setTimeout(() => void run(s.text), reloaded && !textChanged ? 0 : DEBOUNCE_MS);
  });
}
