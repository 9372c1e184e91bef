// The worker entry: the engine session exposed as a typed object with
// Comlink (Squoosh style). The main thread imports only `EngineApi`.
// Tables leave with Comlink.transfer, so no row objects are cloned.

import * as Comlink from 'comlink';
import { createEngineApi } from './engine-api.ts';

export type { DroppedFile, LoadOptions } from './engine-api.ts';

const api = createEngineApi((value, buffers) => Comlink.transfer(value, buffers));

export type EngineApi = typeof api;

Comlink.expose(api);
