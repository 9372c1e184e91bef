// Main-thread side of the worker: a typed Comlink proxy (Squoosh style). If
// workers are not available (very old browser, some file:// setups) the same
// engine runs on the main thread behind an object of the same shape, so the
// rest of the app never knows which it got.

import * as Comlink from 'comlink';
import type { DroppedFile, EngineApi, LoadOptions } from '../worker/engine-worker.ts';
import type { IngestProgress } from '../engine/ingest/ingest.ts';
import type { EventDetail, LoadSummary } from '../engine/session/session.ts';

export type { DroppedFile, LoadOptions } from '../worker/engine-worker.ts';

/** What the app calls; every method is async whether or not a worker answers. */
export interface EngineClient {
  load(files: DroppedFile[], options: LoadOptions, onProgress?: (p: IngestProgress) => void): Promise<LoadSummary>;
  cancel(): Promise<void>;
  detail(row: number): Promise<EventDetail | null>;
  messages(rows: number[]): Promise<string[]>;
  search(query: string): Promise<Uint8Array>;
}

function workerClient(): EngineClient {
  const worker = new Worker(new URL('../worker/engine-worker.ts', import.meta.url), { type: 'module', name: 'timberline-engine' });
  const remote = Comlink.wrap<EngineApi>(worker);
  return {
    load: (files, options, onProgress) => remote.load(files, options, onProgress ? Comlink.proxy(onProgress) : undefined),
    cancel: () => remote.cancel(),
    detail: (row) => remote.detail(row),
    messages: (rows) => remote.messages(rows),
    search: (query) => remote.search(query),
  };
}

/** The engine on the main thread: slower to stay responsive, but it works. */
async function inlineClient(): Promise<EngineClient> {
  const { createEngineApi } = await import('../worker/engine-api.ts');
  const api = createEngineApi((v) => v);
  return {
    load: (files, options, onProgress) => api.load(files, options, onProgress),
    cancel: async () => api.cancel(),
    detail: (row) => api.detail(row),
    messages: (rows) => api.messages(rows),
    search: (query) => api.search(query),
  };
}

let client: Promise<EngineClient> | null = null;

/** The app's one engine client (created on first use). */
export function engineClient(): Promise<EngineClient> {
  if (!client) {
    client = typeof Worker === 'function' ? Promise.resolve(workerClient()) : inlineClient();
  }
  return client;
}
