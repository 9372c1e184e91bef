// The browser's SliceRunner: a few nested Web Workers (up to
// navigator.hardwareConcurrency) that parse slices of big files while the
// engine worker merges them. Created per load and closed after it, so idle
// tabs hold no extra threads.

import * as Comlink from 'comlink';
import { queueRunner, type SliceRunner } from '../engine/ingest/parallel-ingest.ts';
import type { SliceWorkerApi } from './slice-worker.ts';

export interface SlicePool extends SliceRunner {
  close(): void;
}

/** Threads for slices: one per core, at least 2 (a single core still overlaps reading and merging a little), at most 8. */
export function slicePoolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(2, Math.min(8, n));
}

export function createSlicePool(blobs: readonly Blob[], size = slicePoolSize()): SlicePool {
  const workers: (Worker | null)[] = new Array(size).fill(null);
  const remotes: (Comlink.Remote<SliceWorkerApi> | null)[] = new Array(size).fill(null);
  const remote = (slot: number) => {
    let r = remotes[slot];
    if (!r) {
      const w = new Worker(new URL('./slice-worker.ts', import.meta.url), { type: 'module', name: `timberline-slice-${slot}` });
      workers[slot] = w;
      r = Comlink.wrap<SliceWorkerApi>(w);
      remotes[slot] = r;
    }
    return r;
  };
  const close = () => {
    for (const w of workers) w?.terminate();
    workers.fill(null);
    remotes.fill(null);
  };
  const runner = queueRunner(size, (task, slot, onBytes) =>
    remote(slot).run(task, blobs[task.fileIndex], onBytes ? Comlink.proxy(onBytes) : undefined) as Promise<Awaited<ReturnType<SliceWorkerApi['run']>>>,
  );
  return { concurrency: runner.concurrency, run: runner.run, cancel: close, close };
}
