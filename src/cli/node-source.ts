// Node-side byte sources for the CLI, the corpus script and the benchmark:
// files stream from disk in chunks and events are read back by byte range.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ByteSource, RangeReader } from '../engine/ingest/byte-source.ts';

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
