// The browser's SliceRunner: a few nested Web Workers (up to
// navigator.hardwareConcurrency) that parse slices of big files while the
// engine worker merges them. Created per load and closed after it, so idle
// tabs hold no extra threads.

import * as Comlink from 'comlink';
import { queueRunner, type SliceRunner } from '../engine/ingest/parallel-ingest.ts';
import type { SliceWorkerApi } from './slice-worker.ts';
import { lifeLockName, watchLifeLock } from './life-lock.ts';

export interface SlicePool extends SliceRunner {
  close(): void;
}

/** Threads for slices: one per core, at least 2 (a single core still overlaps reading and merging a little), at most 8. */
export function slicePoolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(2, Math.min(8, n));
}

interface Slot {
  remote: Comlink.Remote<SliceWorkerApi>;
  /** Rejects when this slice worker dies (life-lock.ts) or fails: its slice then fails the load with a message instead of hanging it. */
  dead: Promise<never>;
}

export function createSlicePool(blobs: readonly Blob[], size = slicePoolSize()): SlicePool {
  const workers: (Worker | null)[] = new Array(size).fill(null);
  const slots: (Slot | null)[] = new Array(size).fill(null);
  const stops: (() => void)[] = [];
  // Once closed (the load ended or was cancelled), slices still running fail at once and no queued
  // slice starts a new worker: a late one would parse a whole slice for nobody.
  let closed = false;
  let failClosed: (e: Error) => void = () => undefined;
  const whenClosed = new Promise<never>((_, reject) => {
    failClosed = reject;
  });
  whenClosed.catch(() => undefined);
  const slotFor = (slot: number): Slot => {
    let s = slots[slot];
    if (!s) {
      const w = new Worker(new URL('./slice-worker.ts', import.meta.url), { type: 'module', name: `timberline-slice-${slot}` });
      workers[slot] = w;
      const remote = Comlink.wrap<SliceWorkerApi>(w);
      let fail: (e: Error) => void = () => undefined;
      const dead = new Promise<never>((_, reject) => {
        fail = reject;
      });
      dead.catch(() => undefined);
      const died = (why: string) => {
        if (slots[slot]?.remote !== remote) return;
        slots[slot] = null;
        workers[slot] = null;
        w.terminate();
        fail(new Error(`a worker reading part of a big file stopped (${why}); load the files again`));
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
    closed = true;
    failClosed(new Error('the slice workers were stopped'));
    for (const stop of stops.splice(0)) stop();
    for (const w of workers) w?.terminate();
    workers.fill(null);
    slots.fill(null);
  };
  const runner = queueRunner(size, (task, slot, onBytes) => {
    if (closed) return whenClosed;
    const s = slotFor(slot);
    return Promise.race([s.remote.run(task, blobs[task.fileIndex], onBytes ? Comlink.proxy(onBytes) : undefined) as Promise<Awaited<ReturnType<SliceWorkerApi['run']>>>, s.dead, whenClosed]);
  });
  return { concurrency: runner.concurrency, run: runner.run, cancel: close, close };
}
