// Reading a slice of a dropped file as fast as the browser gives it. A Blob's
// default stream reader hands over every chunk (about a megabyte) in a newly
// allocated buffer; in Chromium that cost a slice worker about a fifth of its
// time at 1 GB (the profile's `iterate`), and reading 200 MB in a worker
// took 0.8-1.5 s that way against 0.2-0.7 s reading into one buffer used
// again (a "byob" reader), alternating runs on a busy 2-core machine.

import { iterate } from '../engine/ingest/byte-source.ts';

/** The buffer each read fills: the stream returns what it has, up to this much. */
export const READ_BUFFER_BYTES = 1 << 20;

/**
 * The bytes of `blob` from `from` on, in chunks that are views of ONE buffer:
 * a chunk is valid only until the next one is asked for (the read after it
 * takes the buffer over, detaching the chunk). The consumer must copy what it
 * keeps past its loop body, as ingestSlice does (the line splitter copies its
 * carry; test/perf/reused-chunks.test.ts feeds it chunks overwritten after use).
 * Without a byte reader (a stream of another type) it falls back to the default one.
 */
export async function* blobChunks(blob: Blob, from = 0, bufferBytes = READ_BUFFER_BYTES): AsyncGenerator<Uint8Array> {
  const stream = blob.slice(from).stream() as ReadableStream<Uint8Array>;
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    yield* iterate(stream);
    return;
  }
  let buffer: ArrayBufferLike = new ArrayBuffer(bufferBytes);
  let finished = false;
  try {
    for (;;) {
      const { done, value }: ReadableStreamReadResult<Uint8Array> = await reader.read(new Uint8Array(buffer));
      if (done || !value) {
        finished = true;
        return;
      }
      buffer = value.buffer;
      if (value.length > 0) yield value;
    }
  } finally {
    // Stopped early (a slice read past its end): stop the underlying read too.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
