// The worker entry: the engine session exposed as a typed object with
// Comlink (Squoosh style). The main thread imports only `EngineApi` and
// derives its client from it (src/bridge/engine-client.ts).
// Tables leave as transferred typed columns (never row objects): the main
// thread gets the columns it reads, the session keeps those it needs for
// detail and search (see table-handoff.ts).

import * as Comlink from 'comlink';
import { createEngineApi } from './engine-api.ts';
import { registerTransferHandlers } from './transfer-handlers.ts';

export type { DroppedFile, ListColumns, LoadOptions, RowTexts } from './engine-api.ts';

// Callbacks and AbortSignals arrive as ordinary arguments (see transfer-handlers.ts).
registerTransferHandlers();

const api = createEngineApi((value, buffers) => Comlink.transfer(value, buffers), { handOff: true });

export type EngineApi = typeof api;

Comlink.expose(api);
