// The worker entry: the engine session exposed as a typed object with
// Comlink (Squoosh style). The main thread imports only `EngineApi`.
// Tables leave with Comlink.transfer, so no row objects are cloned.

import * as Comlink from 'comlink';
import { blobSessionSource, EngineSession } from '../engine/session/session.ts';
import { tableBuffers } from '../engine/model/event-table.ts';
import type { IngestOptions, IngestProgress } from '../engine/ingest/ingest.ts';

export interface DroppedFile {
  name: string;
  blob: Blob;
  lastModified?: number;
}

const session = new EngineSession();
let cancelFlag = { aborted: false };

const api = {
  async load(files: DroppedFile[], options: Omit<IngestOptions, 'onProgress' | 'signal'>, onProgress?: (p: IngestProgress) => void) {
    cancelFlag = { aborted: false };
    const summary = await session.load(
      files.map((f) => blobSessionSource(f.blob, f.name, f.lastModified)),
      { ...options, signal: cancelFlag, onProgress: onProgress ? (p) => void onProgress(p) : undefined },
    );
    return Comlink.transfer(summary, tableBuffers(summary.table));
  },
  /** Stop the running load at the next chunk. */
  cancel() {
    cancelFlag.aborted = true;
  },
  detail: (row: number) => session.detail(row),
  messages: (rows: number[]) => session.messages(rows),
  async search(query: string) {
    const mask = await session.search(query);
    return Comlink.transfer(mask, [mask.buffer as ArrayBuffer]);
  },
};

export type EngineApi = typeof api;

Comlink.expose(api);
