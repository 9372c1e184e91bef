// The worker entry: the engine session exposed as a typed object with
// Comlink (Squoosh style). The main thread imports only `EngineApi`.
// Tables leave as structured clones of their typed columns (a memcpy, never
// row objects); the session keeps its own copy for detail and search.

import * as Comlink from 'comlink';
import { createEngineApi } from './engine-api.ts';

export type { DroppedFile, LoadOptions } from './engine-api.ts';

const api = createEngineApi((value, buffers) => Comlink.transfer(value, buffers));

export type EngineApi = typeof api;

Comlink.expose(api);
