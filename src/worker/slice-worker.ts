// A nested worker that parses one slice of a big file at a time (parallel
// ingest). The engine worker's slice pool (slice-pool.ts) starts a
// few of these; each reads its byte range straight from the dropped File
// (a Blob slice, no copy) and hands the columns back as transferred buffers.

import * as Comlink from 'comlink';
import { ingestSlice, sliceBuffers, sliceReadFrom, type SliceResult, type SliceTask } from '../engine/ingest/slice-ingest.ts';
import { holdLifeLock } from './life-lock.ts';
import { paced, pacer } from './pace.ts';
import { blobChunks } from './blob-chunks.ts';

const PROGRESS_BYTES = 4 << 20;

/** The slice being parsed: the pool hands out the next one ahead (slice-pool.ts), and it waits for this. */
let running: Promise<unknown> = Promise.resolve();

const api = {
  /** Parse one slice, after the ones handed out before it: slices run one at a time. */
  run(task: SliceTask, blob: Blob, onBytes?: (bytes: number) => void): Promise<SliceResult> {
    const next = running.then(() => parse(task, blob, onBytes));
    running = next.catch(() => undefined);
    return next;
  },
  /** Take this worker's life lock, so the pool notices when it dies (life-lock.ts). */
  holdLifeLock: (name: string) => holdLifeLock(name),
};

async function parse(task: SliceTask, blob: Blob, onBytes?: (bytes: number) => void): Promise<SliceResult> {
  let pending = 0;
  // Paced, so a terminate() from the pool (Cancel) is acted on at once, not after the slice.
  // Read into one buffer used again (blob-chunks.ts): ingestSlice keeps no view of a chunk it is done with.
  const chunks = paced(blobChunks(blob, sliceReadFrom(task)), pacer());
  const result = await ingestSlice(task, chunks, undefined, (n) => {
    pending += n;
    if (pending >= PROGRESS_BYTES && onBytes) {
      void onBytes(pending);
      pending = 0;
    }
  });
  if (pending > 0 && onBytes) void onBytes(pending);
  return Comlink.transfer(result, sliceBuffers(result));
}

export type SliceWorkerApi = typeof api;

Comlink.expose(api);
