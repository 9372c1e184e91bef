// The engine API as a plain object, shared by the worker entry (which exposes
// it over Comlink) and the bridge's main-thread fallback. `transfer` marks
// buffers to move instead of copy; the fallback passes values through.

import { blobSessionSource, EngineSession } from '../engine/session/session.ts';
import { tableBuffers } from '../engine/model/event-table.ts';
import type { IngestOptions, IngestProgress } from '../engine/ingest/ingest.ts';

export interface DroppedFile {
  name: string;
  blob: Blob;
  lastModified?: number;
}

export type LoadOptions = Omit<IngestOptions, 'onProgress' | 'signal'>;

type Transfer = <T>(value: T, buffers: ArrayBuffer[]) => T;

export function createEngineApi(transfer: Transfer) {
  const session = new EngineSession();
  let cancelFlag = { aborted: false };
  return {
    async load(files: DroppedFile[], options: LoadOptions, onProgress?: (p: IngestProgress) => void) {
      cancelFlag = { aborted: false };
      const summary = await session.load(
        files.map((f) => blobSessionSource(f.blob, f.name, f.lastModified)),
        { ...options, signal: cancelFlag, onProgress: onProgress ? (p) => void onProgress(p) : undefined },
      );
      return transfer(summary, tableBuffers(summary.table));
    },
    /** Stop the running load at the next chunk. */
    cancel() {
      cancelFlag.aborted = true;
    },
    detail: (row: number) => session.detail(row),
    messages: (rows: number[]) => session.messages(rows),
    async search(query: string) {
      const mask = await session.search(query);
      return transfer(mask, [mask.buffer as ArrayBuffer]);
    },
  };
}
