// Browser history as the investigation's trail: each deliberate navigation
// (open a finding, zoom to a range, apply a filter, fit all) becomes its own
// entry, so Back and Forward step between views inside the app instead of
// leaving it; the address of each entry is the view (see url-state.ts). And
// leaving the page with the user's own files loaded asks first: they would
// have to be dropped again.

import { setNavigator, type NavKind } from '../store/navigation.ts';
import { useStore } from '../store/store.ts';
import { loadedFiles } from './load/loader.ts';
import { applyHistoryView, flushUrl, parseUrlView, sampleParam, writeUrl } from './url-state.ts';

let lastKind: NavKind | null = null;

/** Whether leaving would lose something: files the user opened (a sample comes back from its ?sample= address). */
export function leavingLosesWork(): boolean {
  return useStore.getState().files.length > 0 && loadedFiles().length > 0 && sampleParam() === null;
}

export function startHistory(): () => void {
  setNavigator((kind, change) => {
    if (useStore.getState().dataVersion === 0) {
      change();
      return;
    }
    // The entry being left keeps the view as it was (a wheel zoom may still be waiting to be written).
    flushUrl();
    change();
    // Typing a query is one step, not one per key.
    writeUrl(kind === 'text' && lastKind === 'text' ? 'replace' : 'push');
    lastKind = kind;
  });
  const onPop = () => {
    lastKind = null;
    applyHistoryView(parseUrlView(location.search));
  };
  const onLeave = (e: BeforeUnloadEvent) => {
    if (!leavingLosesWork()) return;
    e.preventDefault();
    // Older Chromium shows the prompt only when returnValue is set.
    e.returnValue = '';
  };
  window.addEventListener('popstate', onPop);
  window.addEventListener('beforeunload', onLeave);
  return () => {
    setNavigator(null);
    window.removeEventListener('popstate', onPop);
    window.removeEventListener('beforeunload', onLeave);
  };
}
