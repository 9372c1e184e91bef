// Inside a Node worker thread: parse one slice task at a time (see
// thread-pool.ts) and send the columns back as transferred buffers. The
// thread's entry (slice-thread.mjs from source, dist-cli/slice-thread.mjs in
// the bundle) loads this file and calls serve().

import { parentPort } from 'node:worker_threads';
import { ingestSlice, sliceBuffers, type SliceTask } from '../engine/ingest/slice-ingest.ts';
import { sliceChunks } from './node-source.ts';

export interface ThreadRequest {
  id: number;
  task: SliceTask;
  path: string;
}

export type ThreadReply =
  | { id: number; bytes: number }
  | { id: number; result: Awaited<ReturnType<typeof ingestSlice>> }
  | { id: number; error: string };

const PROGRESS_BYTES = 4 << 20;

/** Answer slice requests; `afterFirst` runs once the first slice is sent (the bundle saves its code cache then, with the parser compiled). */
export function serve(afterFirst?: () => void): void {
  const port = parentPort;
  if (!port) throw new Error('slice-thread runs inside a worker thread');
  let first = afterFirst;
  port.on('message', (req: ThreadRequest) => {
    void (async () => {
      try {
        let pending = 0;
        const result = await ingestSlice(req.task, sliceChunks(req.path, req.task), undefined, (n) => {
          pending += n;
          if (pending >= PROGRESS_BYTES) {
            port.postMessage({ id: req.id, bytes: pending } satisfies ThreadReply);
            pending = 0;
          }
        });
        if (pending > 0) port.postMessage({ id: req.id, bytes: pending } satisfies ThreadReply);
        port.postMessage({ id: req.id, result } satisfies ThreadReply, sliceBuffers(result));
      } catch (e) {
        port.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies ThreadReply);
      }
      first?.();
      first = undefined;
    })();
  });
}
