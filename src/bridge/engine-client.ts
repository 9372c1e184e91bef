// Main-thread side of the worker: a typed Comlink proxy (Squoosh style),
// derived from the worker API's type rather than written out method by
// method. Callbacks and AbortSignals are ordinary arguments on both sides
// (transfer-handlers.ts carries them across). If workers are not available
// (very old browser, some file:// setups) the same engine runs on the main
// thread behind an object of the same type, so the rest of the app never
// knows which it got.

import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/engine-worker.ts';
import { lifeLockName, watchLifeLock } from '../worker/life-lock.ts';
import { registerTransferHandlers } from '../worker/transfer-handlers.ts';
import { EndSignal } from '../worker/end-signal.ts';

export type { DroppedFile, ListColumns, LoadOptions, RowTexts } from '../worker/engine-worker.ts';
export type { OpenedShare, OpenShareResult, ShareCarries, ShareLinkView } from '../worker/share-api.ts';
export type { EntryPreview } from '../worker/vocabulary-preview.ts';
export type { PreviewFinding, RulePreview } from '../worker/rules-preview.ts';
export type { PullOutcome, PullProgress, PullRequest } from '../worker/clickhouse-api.ts';

/** Methods the bridge keeps to itself (supervision), not the app's to call. */
type Internal = 'holdLifeLock';

/**
 * What the app calls: every method of the engine API, async whether or not a
 * worker answers. Long calls take an AbortSignal as their last argument: a
 * load or pull stops, a superseded query or preview is dropped.
 */
export type EngineClient = {
  [K in Exclude<keyof EngineApi, Internal>]: EngineApi[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

type AnyCall = (...args: unknown[]) => unknown;

/** An object of type T whose every method forwards to `call(name, args)`. */
function forwarding<T>(call: (name: string, args: unknown[]) => Promise<unknown>): T {
  return new Proxy(
    {},
    {
      // Not a thenable: the client is handed out through a promise, which would otherwise call `then`.
      get: (_, name) => (typeof name === 'string' && name !== 'then' ? (...args: unknown[]) => call(name, args) : undefined),
    },
  ) as T;
}

/** Every call that was waiting on a worker that died fails with this. */
export class EngineStopped extends Error {
  constructor(why: string) {
    super(`The engine stopped unexpectedly (${why}) and was restarted; what it was doing is lost. Reload the files to keep working with them.`);
    this.name = 'EngineStopped';
  }
}

type RestartListener = (error: EngineStopped) => void;
const restartListeners = new Set<RestartListener>();

/** Be told when the engine worker died and a fresh one took its place (the app offers to reload the files). */
export function onEngineRestart(listener: RestartListener): () => void {
  restartListeners.add(listener);
  return () => restartListeners.delete(listener);
}

interface Generation {
  remote: Comlink.Remote<EngineApi>;
  /** Ends when this worker dies: every call races it. */
  dead: EndSignal;
}

/**
 * The engine worker, supervised: its death (a Web Lock it held is released,
 * see life-lock.ts) or an uncaught error fails every pending call with
 * EngineStopped, and the next call starts a fresh worker.
 */
function workerClient(): EngineClient {
  let gen: Generation | null = null;
  const start = (): Generation => {
    const worker = new Worker(new URL('../worker/engine-worker.ts', import.meta.url), { type: 'module', name: 'timberline-engine' });
    registerTransferHandlers();
    const remote = Comlink.wrap<EngineApi>(worker);
    const dead = new EndSignal();
    const g: Generation = { remote, dead };
    let stopWatching = () => {};
    const died = (why: string) => {
      if (gen !== g) return;
      gen = null;
      stopWatching();
      worker.terminate();
      const error = new EngineStopped(why);
      dead.end(error);
      for (const l of restartListeners) l(error);
    };
    worker.addEventListener('error', (e) => died(e.message ? `error: ${e.message}` : 'the worker failed'));
    const lock = lifeLockName('engine');
    void remote.holdLifeLock(lock).then((held) => {
      if (held && gen === g) stopWatching = watchLifeLock(lock, () => died('its worker ended'));
    }, () => undefined);
    return g;
  };
  return forwarding<EngineClient>((name, args) => {
    const g = gen ?? (gen = start());
    const method = (g.remote as unknown as Record<string, AnyCall>)[name];
    return g.dead.race(method(...args) as Promise<unknown>);
  });
}

/** The engine on the main thread: slower to stay responsive, but it works. */
async function inlineClient(): Promise<EngineClient> {
  const { createEngineApi } = await import('../worker/engine-api.ts');
  const api = createEngineApi((v) => v) as unknown as Record<string, AnyCall>;
  return forwarding<EngineClient>(async (name, args) => api[name](...args));
}

let client: Promise<EngineClient> | null = null;

/** The app's one engine client (created on first use). */
export function engineClient(): Promise<EngineClient> {
  if (!client) {
    client = typeof Worker === 'function' ? Promise.resolve(workerClient()) : inlineClient();
  }
  return client;
}
