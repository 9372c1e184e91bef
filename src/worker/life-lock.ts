// How a parent notices that a worker died. A worker that crashes, runs out
// of memory or calls close() sends no message and fires no event on its
// Worker object, so calls to it would wait forever. A Web Lock held by the
// worker for its whole life is released by the browser when that worker's
// context goes away: the parent asks for the same lock, and the moment it is
// granted the worker is gone. Where Web Locks are missing, only the Worker's
// error event is seen (engine-client.ts, slice-pool.ts).

interface Locks {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<unknown> | unknown): Promise<unknown>;
}

function locks(): Locks | null {
  const n = (globalThis as { navigator?: { locks?: Locks } }).navigator;
  return n?.locks ?? null;
}

/** A lock name no other worker uses. */
export function lifeLockName(kind: string): string {
  const id = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
  return `timberline-${kind}-${id}`;
}

/** In the worker: take the lock and keep it until this worker ends. Resolves true once held (false: no Web Locks). */
export function holdLifeLock(name: string): Promise<boolean> {
  const l = locks();
  if (!l) return Promise.resolve(false);
  return new Promise<boolean>((held) => {
    void l.request(name, {}, () => {
      held(true);
      return new Promise<never>(() => undefined);
    });
  });
}

/** In the parent, after the worker said it holds `name`: `onDeath` runs once it is released. The returned function stops watching. */
export function watchLifeLock(name: string, onDeath: () => void): () => void {
  const l = locks();
  if (!l) return () => undefined;
  const stop = new AbortController();
  l.request(name, { signal: stop.signal }, () => {
    if (!stop.signal.aborted) onDeath();
  }).catch(() => undefined);
  return () => stop.abort();
}
