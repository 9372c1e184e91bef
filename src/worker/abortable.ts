// How the engine API's calls honour the AbortSignal each long call takes,
// without the engine itself knowing about signals: the same code runs in the
// worker (the signal arrives through transfer-handlers.ts) and in the
// main-thread fallback (the caller's own signal).

/** The error a call that was aborted rejects with (the same name fetch uses). */
export function abortError(): DOMException {
  return new DOMException('The call was superseded or cancelled.', 'AbortError');
}

/**
 * Run `work` unless `signal` is already aborted, and reject if it was aborted
 * meanwhile. The engine's queries run to completion once started, but a call
 * that was superseded while it waited in the worker's queue (a keystroke in
 * the filter box, a zoom) costs nothing, and a stale answer never lands.
 */
export async function unlessAborted<T>(signal: AbortSignal | undefined, work: () => Promise<T> | T): Promise<T> {
  if (signal?.aborted) throw abortError();
  const out = await work();
  if (signal?.aborted) throw abortError();
  return out;
}
