// A preview asked of the engine worker a moment after its inputs stop
// changing (the Vocabulary and Rules dialogs). `key` says everything about
// the inputs that matters; the newest request wins and an answer for an
// older key is dropped (and the worker told to skip it: its signal aborts).

import { useEffect, useState } from 'react';

export interface WorkerPreview<T> {
  /** The answer for the current key, or null while none has come. */
  value: T | null;
  busy: boolean;
}

export function useWorkerPreview<T>(key: string, ready: boolean, ask: (signal: AbortSignal) => Promise<T>, onError: (e: unknown) => T, debounceMs: number): WorkerPreview<T> {
  const [state, setState] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const ac = new AbortController();
    const timer = window.setTimeout(() => {
      void ask(ac.signal)
        .then((value) => live && setState({ key, value }))
        .catch((e: unknown) => live && setState({ key, value: onError(e) }));
    }, debounceMs);
    return () => {
      live = false;
      ac.abort();
      clearTimeout(timer);
    };
    // `key` captures everything about the inputs that matters; `ask` and `onError` are remade each render.
  }, [key, ready]);
  const current = state?.key === key ? state.value : null;
  return { value: ready ? current : null, busy: ready && current === null };
}
