// Cancel must land at once even while the ingest waits for a slice from a
// nested worker: the engine only checks its flag between slices, so a slice
// that takes long (here: never finishes) would otherwise hold the load.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { IngestCancelled } from '../../src/engine/ingest/ingest.ts';
import { ingestParallel } from '../../src/engine/ingest/parallel-ingest.ts';
import { abortableSlices } from '../../src/worker/engine-api.ts';
import type { SlicePool } from '../../src/worker/slice-pool.ts';

function jsonLines(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `{"time":"2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z","level":"info","msg":"request ${i} done"}\n`;
  return s;
}

/** A pool whose slices never come back, and which records being closed. */
function stuckPool(): SlicePool & { closed: number; started: number } {
  const pool = {
    concurrency: 2,
    closed: 0,
    started: 0,
    run: () => {
      pool.started++;
      return new Promise<never>(() => undefined);
    },
    cancel: () => pool.close(),
    close: () => {
      pool.closed++;
    },
  };
  return pool;
}

describe('abortable slices', () => {
  it('rejects a load that waits for a slice as soon as it is aborted, and stops the pool', async () => {
    const pool = stuckPool();
    const slices = abortableSlices(pool);
    const signal = { aborted: false };
    const src = bytesSource('big.jsonl', jsonLines(4000));
    const load = ingestParallel([src], slices, { signal, sliceMinBytes: 1024, sliceBytes: 64 * 1024 });
    const outcome = load.then(() => 'loaded', (e: unknown) => e);
    // Let the ingest plan the slices and start waiting for the first one.
    while (pool.started === 0) await new Promise((r) => setTimeout(r, 5));
    signal.aborted = true;
    slices.abort();
    expect(await outcome).toBeInstanceOf(IngestCancelled);
    expect(pool.closed).toBeGreaterThan(0);
  });

  it('passes slice results through untouched when nobody aborts', async () => {
    const result = { fileIndex: 0 } as unknown as Awaited<ReturnType<SlicePool['run']>>;
    const pool: SlicePool = { concurrency: 1, run: async () => result, close: () => undefined };
    const slices = abortableSlices(pool);
    expect(await slices.run({} as Parameters<SlicePool['run']>[0])).toBe(result);
  });

  it('settles every slice still raced when the pool is closed, so none keeps waiting (or holds its result) after the load', async () => {
    const pool = stuckPool();
    const slices = abortableSlices(pool);
    const pending = slices.run({ fileIndex: 0, start: 0, end: 10, bytes: 10, first: true } as never).then(() => 'came', (e: unknown) => e);
    slices.close();
    expect(await pending).toBeInstanceOf(IngestCancelled);
    expect(pool.closed).toBe(1);
  });
});
