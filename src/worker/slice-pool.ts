// The browser's SliceRunner: a few nested Web Workers (up to
// navigator.hardwareConcurrency) that parse slices of big files while the
// engine worker merges them. Created per load and closed after it, so idle
// tabs hold no extra threads. For a file big enough to be split, the workers
// start with the load: they boot (fetch and compile their module) while the
// engine worker sniffs the file, instead of after it planned the slices.

import * as Comlink from 'comlink';
import { queueRunner, SLICE_MIN_BYTES, type SliceRunner } from '../engine/ingest/parallel-ingest.ts';
import type { SliceWorkerApi } from './slice-worker.ts';
import { EndSignal } from './end-signal.ts';
import { lifeLockName, watchLifeLock } from './life-lock.ts';

export interface SlicePool extends SliceRunner {
  close(): void;
}

/** Whether a load of these files will likely split one (a big file that is not gzip, which is read whole): start the workers with it. */
export function worthPrestart(files: readonly { name: string; blob: Blob }[]): boolean {
  return files.some((f) => f.blob.size >= SLICE_MIN_BYTES && !/\.gz$/i.test(f.name));
}

/** Threads for slices: one per core, at least 2 (a single core still overlaps reading and merging a little), at most 8. */
export function slicePoolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(2, Math.min(8, n));
}

/** Slices handed to a worker at once: the one it parses and the next, queued in the worker. */
const SLICES_AHEAD = 2;

interface Slot {
  remote: Comlink.Remote<SliceWorkerApi>;
  /** Ends when this slice worker dies (life-lock.ts) or fails: its slice then fails the load with a message instead of hanging it. */
  dead: EndSignal;
}

/**
 * `prestart`: boot every worker now (the caller saw a file big enough to be
 * split); otherwise a worker starts when its first slice is handed out.
 */
export function createSlicePool(blobs: readonly Blob[], size = slicePoolSize(), prestart = false): SlicePool {
  const workers: (Worker | null)[] = new Array(size).fill(null);
  const slots: (Slot | null)[] = new Array(size).fill(null);
  const stops: (() => void)[] = [];
  // Once closed (the load ended or was cancelled), slices still running fail at once and no queued
  // slice starts a new worker: a late one would parse a whole slice for nobody.
  const closed = new EndSignal();
  const slotFor = (slot: number): Slot => {
    let s = slots[slot];
    if (!s) {
      const w = new Worker(new URL('./slice-worker.ts', import.meta.url), { type: 'module', name: `timberline-slice-${slot}` });
      workers[slot] = w;
      const remote = Comlink.wrap<SliceWorkerApi>(w);
      const dead = new EndSignal();
      const died = (why: string) => {
        if (slots[slot]?.remote !== remote) return;
        slots[slot] = null;
        workers[slot] = null;
        w.terminate();
        dead.end(new Error(`a worker reading part of a big file stopped (${why}); load the files again`));
      };
      w.addEventListener('error', (e) => died(e.message || 'it failed'));
      const lock = lifeLockName('slice');
      void remote.holdLifeLock(lock).then((held) => {
        if (held) stops.push(watchLifeLock(lock, () => died('its worker ended')));
      }, () => undefined);
      s = { remote, dead };
      slots[slot] = s;
    }
    return s;
  };
  const close = () => {
    closed.end(new Error('the slice workers were stopped'));
    for (const stop of stops.splice(0)) stop();
    for (const w of workers) w?.terminate();
    workers.fill(null);
    slots.fill(null);
  };
  // Booting a worker takes ~0.1-0.25 s: on the critical path to the first slice (the first timeline) unless started now.
  if (prestart) for (let slot = 0; slot < size; slot++) slotFor(slot);
  // Two tasks per worker: it queues the second (slice-worker.ts) and starts it the moment the first is done.
  const runner = queueRunner(size, (task, slot, onBytes) => {
    if (closed.ended) return closed.failure();
    const s = slotFor(slot);
    return closed.race(s.dead.race(s.remote.run(task, blobs[task.fileIndex], onBytes ? Comlink.proxy(onBytes) : undefined) as Promise<Awaited<ReturnType<SliceWorkerApi['run']>>>));
  }, undefined, SLICES_AHEAD);
  return { concurrency: runner.concurrency, run: runner.run, cancel: close, close };
}
