// Node-side byte sources for the CLI, the corpus script and the benchmark:
// files stream from disk in chunks and events are read back by byte range.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ByteSource, RangeReader } from '../engine/ingest/byte-source.ts';
import { sliceReadFrom, type SliceTask } from '../engine/ingest/slice-ingest.ts';

export async function fileSource(path: string, chunkSize = 1 << 20): Promise<ByteSource & RangeReader> {
  const st = await stat(path);
  return {
    name: basename(path),
    size: st.size,
    lastModified: st.mtimeMs,
    stream: () => createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Uint8Array>,
    streamFrom: (start: number) => createReadStream(path, { start, highWaterMark: chunkSize }) as AsyncIterable<Uint8Array>,
    async read(start: number, end: number) {
      const fh = await open(path, 'r');
      try {
        const buf = Buffer.alloc(Math.max(0, end - start));
        await fh.read(buf, 0, buf.length, start);
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
      } finally {
        await fh.close();
      }
    },
  };
}

/** A slice's bytes from disk, for whichever thread parses it (thread-pool.ts). */
export function sliceChunks(path: string, task: SliceTask): AsyncIterable<Uint8Array> {
  return createReadStream(path, { start: sliceReadFrom(task), highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
}

/** A path that cannot be opened still appears in the report, with its error. */
export function missingSource(path: string, error: string): ByteSource & RangeReader {
  return {
    name: basename(path),
    size: 0,
    stream: () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error(error)) }),
    }),
    read: () => Promise.reject(new Error(error)),
  };
}

/**
 * Standard input as a source ('-'): read whole first, since the session reads
 * events back by byte range and a pipe cannot seek. Named "stdin".
 */
export async function stdinSource(input: AsyncIterable<Uint8Array> = process.stdin): Promise<ByteSource & RangeReader> {
  const parts: Buffer[] = [];
  for await (const chunk of input) parts.push(Buffer.from(chunk));
  const all = Buffer.concat(parts);
  const bytes = new Uint8Array(all.buffer, all.byteOffset, all.length);
  const chunked = async function* (from: number) {
    for (let i = from; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, Math.min(bytes.length, i + (1 << 20)));
  };
  return {
    name: 'stdin',
    size: bytes.length,
    stream: () => chunked(0),
    read: async (start: number, end: number) => bytes.slice(start, end),
  };
}
