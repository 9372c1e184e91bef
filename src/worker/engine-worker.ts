// The worker entry: the engine session exposed as a typed object with
// Comlink (Squoosh style). The main thread imports only `EngineApi`.
// Tables leave as transferred typed columns (never row objects): the main
// thread gets the columns it reads, the session keeps those it needs for
// detail and search (see table-handoff.ts).

import * as Comlink from 'comlink';
import { createEngineApi } from './engine-api.ts';

export type { DroppedFile, LoadOptions } from './engine-api.ts';

const api = createEngineApi((value, buffers) => Comlink.transfer(value, buffers), { handOff: true });

export type EngineApi = typeof api;

Comlink.expose(api);
