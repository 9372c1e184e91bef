// Main-thread side of the worker: a typed Comlink proxy. If workers are not
// available (very old browser, file:// quirks) the same engine runs on the
// main thread through an object with the same shape.

import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/engine-worker.ts';

export type EngineClient = Comlink.Remote<EngineApi>;

export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('../worker/engine-worker.ts', import.meta.url), { type: 'module', name: 'timberline-engine' });
  return Comlink.wrap<EngineApi>(worker);
}
