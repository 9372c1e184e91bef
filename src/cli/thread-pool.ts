// Parallel ingest in Node: a SliceRunner over worker_threads, one thread per
// core by default (os.availableParallelism). Used by the benchmark and by the
// CLI for big files; the engine itself never sees a thread.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { queueRunner, type SliceRunner } from '../engine/ingest/parallel-ingest.ts';
import type { SliceResult } from '../engine/ingest/slice-ingest.ts';
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

export function threadRunner(paths: readonly string[], threads = availableParallelism()): ThreadRunner {
  const workers: (Worker | null)[] = new Array(threads).fill(null);
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

  const runner = queueRunner(threads, (task, slot, onBytes) => {
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
      for (const p of pending.values()) p.reject(new Error('cancelled'));
      pending.clear();
      void close();
    },
    close,
  };
}
