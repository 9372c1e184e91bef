// Parallel ingest in Node: a SliceRunner over worker_threads, one thread per
// core by default (os.availableParallelism). Used by the benchmark and by the
// CLI for big files; the engine itself never sees a thread.
//
// This thread takes slices too (slot 0), so N threads are this one and N-1
// workers: the main thread would otherwise sit idle while they parse, a
// worker parses a byte ~1.3x slower than this thread (measured: cold JIT,
// results cloned across), and each worker costs a cold start. The workers
// start when the runner is made, so they boot while this thread reads the
// files' heads and plans the slices.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { queueRunner, type SliceRunner } from '../engine/ingest/parallel-ingest.ts';
import { ingestSlice, type SliceResult } from '../engine/ingest/slice-ingest.ts';
import { sliceChunks } from './node-source.ts';
import type { ThreadReply, ThreadRequest } from './slice-thread.ts';

export interface ThreadRunner extends SliceRunner {
  /** Stop the threads (the process can exit). */
  close(): Promise<void>;
}

interface Pending {
  resolve: (r: SliceResult) => void;
  reject: (e: Error) => void;
  onBytes?: (bytes: number) => void;
}

/**
 * `threads` slices at once. With `onMain` (the default) slot 0 runs on this
 * thread and the other slots on workers; without, every slot is a worker (the
 * benchmark's all-workers figure).
 */
export function threadRunner(paths: readonly string[], threads = availableParallelism(), options: { onMain?: boolean } = {}): ThreadRunner {
  const onMain = options.onMain !== false;
  const workers: (Worker | null)[] = new Array(threads).fill(null);
  let cancelled = { aborted: false };
  const pending = new Map<number, Pending>();
  let nextId = 1;

  const start = (slot: number): Worker => {
    const w = new Worker(new URL('./slice-thread.mjs', import.meta.url));
    w.on('message', (m: ThreadReply) => {
      const p = pending.get(m.id);
      if (!p) return;
      if ('bytes' in m) p.onBytes?.(m.bytes);
      else {
        pending.delete(m.id);
        if ('result' in m) p.resolve(m.result);
        else p.reject(new Error(m.error));
      }
    });
    w.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
      workers[slot] = null;
    });
    workers[slot] = w;
    return w;
  };

  // Boot the workers now: their module loading overlaps this thread's planning.
  for (let slot = onMain ? 1 : 0; slot < threads; slot++) start(slot);

  const runner = queueRunner(threads, (task, slot, onBytes) => {
    if (onMain && slot === 0) return ingestSlice(task, sliceChunks(paths[task.fileIndex], task), cancelled, onBytes);
    const w = workers[slot] ?? start(slot);
    const id = nextId++;
    return new Promise<SliceResult>((resolve, reject) => {
      pending.set(id, { resolve, reject, onBytes });
      w.postMessage({ id, task, path: paths[task.fileIndex] } satisfies ThreadRequest);
    });
  });

  const close = async () => {
    const all = workers.filter((w): w is Worker => w !== null);
    workers.fill(null);
    await Promise.all(all.map((w) => w.terminate()));
  };
  return {
    concurrency: runner.concurrency,
    run: runner.run,
    cancel: () => {
      cancelled.aborted = true;
      cancelled = { aborted: false };
      for (const p of pending.values()) p.reject(new Error('cancelled'));
      pending.clear();
      void close();
    },
    close,
  };
}
