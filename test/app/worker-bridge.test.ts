// The engine API called across a real MessageChannel with Comlink, as the
// bridge calls the worker: callbacks and AbortSignals are passed as plain
// arguments (transfer-handlers.ts carries them), progress arrives, aborting
// the signal stops a load midway, and a query whose signal was aborted while
// it waited is skipped rather than answered.
import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { createEngineApi } from '../../src/worker/engine-api.ts';
import { registerTransferHandlers } from '../../src/worker/transfer-handlers.ts';
import type { EngineApi } from '../../src/worker/engine-worker.ts';
import type { IngestProgress } from '../../src/engine/ingest/ingest.ts';

/**
 * About 11 MB of text log in many parts (a Blob streams part by part, as a
 * file streams in 64 KB reads): progress comes every 4 MB and the engine
 * yields every 2 MB, so an abort sent on the first progress lands midway.
 */
function bigLog(): Blob {
  const parts: string[] = [];
  for (let p = 0; p < 60; p++) {
    const lines: string[] = [];
    for (let i = p * 2000; i < (p + 1) * 2000; i++) {
      lines.push(`2024-05-01T10:${String(p).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z INFO request ${i} served in ${i % 97} ms by backend-${i % 7} for client 10.0.${i % 255}.${i % 13}`);
    }
    parts.push(lines.join('\n') + '\n');
  }
  return new Blob(parts);
}

const channels: MessageChannel[] = [];

function connect(): Comlink.Remote<EngineApi> {
  registerTransferHandlers();
  const ch = new MessageChannel();
  channels.push(ch);
  Comlink.expose(createEngineApi((v, buffers) => Comlink.transfer(v, buffers), { handOff: true }), ch.port1);
  return Comlink.wrap<EngineApi>(ch.port2);
}

afterEach(() => {
  for (const ch of channels.splice(0)) {
    ch.port1.close();
    ch.port2.close();
  }
});

describe('the engine API across a message channel', () => {
  it('loads with progress reported through a plain callback', async () => {
    const remote = connect();
    const seen: IngestProgress[] = [];
    const text = '2024-05-01T10:00:00Z INFO up\n2024-05-01T10:00:05Z ERROR request timed out after 30s\n';
    const blob = new Blob([text]);
    const summary = await remote.load([{ name: 'a.log', blob }], {}, ((p: IngestProgress) => void seen.push(p)) as never, undefined, new AbortController().signal);
    expect(summary.table.length).toBe(2);
    expect(Array.from(summary.table.level)).toHaveLength(2);
    // Progress callbacks are asynchronous across the channel: give the last one a moment.
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)?.bytes).toBe(text.length);
  });

  it('stops a load when its signal is aborted midway, and the next load works', async () => {
    const remote = connect();
    const ac = new AbortController();
    const blob = bigLog();
    let progressed = 0;
    const onProgress = (p: IngestProgress) => {
      progressed = p.bytes;
      if (p.bytes > 0) ac.abort();
    };
    const failed = await remote.load([{ name: 'big.log', blob }], {}, onProgress as never, undefined, ac.signal).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(failed?.name).toBe('IngestCancelled');
    expect(progressed).toBeLessThan(blob.size);
    const ok = await remote.load([{ name: 'small.log', blob: new Blob(['2024-05-01T10:00:00Z INFO up\n']) }], {}, undefined, undefined, new AbortController().signal);
    expect(ok.table.length).toBe(1);
  });

  it('skips a search whose signal was aborted before it ran', async () => {
    const remote = connect();
    await remote.load([{ name: 'a.log', blob: new Blob(['2024-05-01T10:00:00Z INFO up\n2024-05-01T10:00:01Z WARN slow\n']) }], {});
    const stale = new AbortController();
    stale.abort();
    await expect(remote.search('slow', stale.signal)).rejects.toMatchObject({ name: 'AbortError' });
    const mask = await remote.search('slow', new AbortController().signal);
    expect(Array.from(mask)).toEqual([0, 1]);
  });
});
