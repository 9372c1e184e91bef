// Slice workers read their bytes into one buffer used again for every chunk
// (src/worker/blob-chunks.ts): a chunk is overwritten once the next one is
// asked for. That is only sound while ingestSlice keeps no view of a chunk
// past its use, so a slice read that way must come out exactly as one read
// from chunks of their own with the same boundaries.

import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ingestSlice, type SliceResult, type SliceTask } from '../../src/engine/ingest/slice-ingest.ts';
import { blobChunks } from '../../src/worker/blob-chunks.ts';
import { logLines, rng } from '../bench/generate.ts';

const TRACE = ['panic: runtime error: invalid memory address or nil pointer dereference', '', 'goroutine 1 [running]:', 'main.main()', '\t/app/main.go:88 +0x3a5'];

/** JSON lines with traces, bare text and lines far longer than a chunk mixed in. */
function log(n: number): Uint8Array<ArrayBuffer> {
  const r = rng(7);
  const out: string[] = [];
  let k = 0;
  for (const line of logLines(7)) {
    if (k++ >= n) break;
    const x = r();
    if (x < 0.04) out.push(...TRACE);
    else if (x < 0.05) out.push('plain text line without a time');
    else if (x < 0.06) out.push(JSON.stringify({ time: '2024-05-01T00:00:00Z', level: 'error', msg: `payload ${'é'.repeat(3000)} ${k}` }));
    out.push(line);
  }
  return new TextEncoder().encode(out.join('\n') + '\n');
}

function task(slice: number, start: number, end: number, size: number): SliceTask {
  return { fileIndex: 0, fileName: 'app.jsonl', slice, start, end, bytes: Math.min(end, size) - start, bom: 0, formatId: 'json-lines', year: 2024, zoneOffsetMin: 0, vocabulary: [], messageBudget: 1 << 20 };
}

/** The chunks a reader gave, each copied (the copies are what a fresh-buffer reader would have given). */
async function* copying(chunks: AsyncIterable<Uint8Array>, into: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    into.push(c.slice());
    yield c;
  }
}

async function* fromList(list: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* list;
}

/** One reusable buffer, filled with junk before each refill: a view kept from an earlier chunk reads junk. */
async function* poisoned(list: Uint8Array[]): AsyncGenerator<Uint8Array> {
  const buf = new Uint8Array(Math.max(...list.map((c) => c.length)));
  for (const c of list) {
    buf.fill(0x7b);
    buf.set(c);
    yield buf.subarray(0, c.length);
  }
}

describe('slices read into a reused buffer', () => {
  const bytes = log(6000);
  const blob = new Blob([bytes]);
  const third = Math.floor(bytes.length / 3);
  const tasks = [task(0, 0, third, bytes.length), task(1, third, 2 * third, bytes.length), task(2, 2 * third, Infinity, bytes.length)];

  it('blobChunks gives the blob\'s bytes from an offset, and stops reading when the consumer stops', async () => {
    const got: Uint8Array[] = [];
    for await (const c of blobChunks(blob, 100, 4096)) got.push(c.slice());
    expect(Buffer.concat(got).equals(Buffer.from(bytes.subarray(100)))).toBe(true);
    let n = 0;
    for await (const c of blobChunks(blob, 0, 4096)) if ((n += c.length) > 10000) break;
    expect(n).toBeLessThan(bytes.length);
  });

  it('a slice read through it equals the slice read from chunks of their own, boundaries alike', async () => {
    // The classifier's and templater's memos are per thread: warm them first, so both reads see the same.
    for (const t of tasks) await ingestSlice(t, blobChunks(blob, Math.max(0, t.start - 1), 4096));
    for (const size of [4096, 65536]) {
      for (const t of tasks) {
        const from = Math.max(0, t.start - 1);
        const chunks: Uint8Array[] = [];
        const reused: SliceResult = await ingestSlice(t, copying(blobChunks(blob, from, size), chunks));
        const own = await ingestSlice(t, fromList(chunks));
        const junk = await ingestSlice(t, poisoned(chunks));
        expect(chunks.length).toBeGreaterThan(2);
        expect(own.length).toBeGreaterThan(1000);
        expect(isDeepStrictEqual(reused, own)).toBe(true);
        expect(isDeepStrictEqual(junk, own)).toBe(true);
      }
    }
  });
});
