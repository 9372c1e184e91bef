// The slice workers of a big load boot while the engine worker sniffs the
// file, so the first slice (the first timeline) does not wait for them; a
// load that will not be split starts none, and closing the pool ends them all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlicePool, worthPrestart } from '../../src/worker/slice-pool.ts';

/** Stands in for the browser's Worker: records what the pool started and ended. */
class FakeWorker {
  static started: FakeWorker[] = [];
  terminated = false;
  constructor(readonly url: URL, readonly options: WorkerOptions) {
    FakeWorker.started.push(this);
  }
  addEventListener(): void {}
  removeEventListener(): void {}
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

const blob = (mb: number) => ({ size: mb << 20 }) as Blob;

describe('slice pool', () => {
  const saved = globalThis.Worker;
  beforeEach(() => {
    FakeWorker.started = [];
    (globalThis as { Worker: unknown }).Worker = FakeWorker;
  });
  afterEach(() => {
    (globalThis as { Worker: unknown }).Worker = saved;
  });

  it('starts every worker with the load when a file will be split, and ends them on close', () => {
    const pool = createSlicePool([blob(200)], 3, worthPrestart([{ name: 'big.jsonl', blob: blob(200) }]));
    expect(FakeWorker.started.map((w) => w.options.name)).toEqual(['timberline-slice-0', 'timberline-slice-1', 'timberline-slice-2']);
    pool.close();
    expect(FakeWorker.started.every((w) => w.terminated)).toBe(true);
  });

  it('starts none for small files and for gzip, which are read whole', () => {
    expect(worthPrestart([{ name: 'small.jsonl', blob: blob(2) }])).toBe(false);
    expect(worthPrestart([{ name: 'big.jsonl.gz', blob: blob(200) }])).toBe(false);
    expect(worthPrestart([{ name: 'small.log', blob: blob(1) }, { name: 'big.log', blob: blob(40) }])).toBe(true);
    const pool = createSlicePool([blob(2)], 2, false);
    expect(FakeWorker.started).toHaveLength(0);
    pool.close();
  });
});
