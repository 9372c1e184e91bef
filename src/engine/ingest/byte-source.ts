// Where bytes come from. The engine never holds a whole file as one string: it
// streams chunks for ingest and reads byte ranges back (a Blob slice in the
// browser, a file handle in Node) when an event's raw text is shown.

export interface ByteSource {
  name: string;
  /** Size in bytes when known up front (compressed size for .gz). */
  size: number;
  /** File modification time (ms), used as the year for year-less timestamps. */
  lastModified?: number;
  stream(): AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
  /**
   * The raw bytes from `start` to the end (no decompression), for reading one
   * slice of a big file (parallel ingest). Sources without it are read whole.
   */
  streamFrom?(start: number): AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
}

/** Random access to the (decompressed) bytes after ingest. */
export interface RangeReader {
  read(start: number, end: number): Promise<Uint8Array>;
}

export async function* iterate(s: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in s) {
    yield* s as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (s as ReadableStream<Uint8Array>).getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value) yield value;
    }
  } finally {
    // Stopped early (a slice read past its end): stop the underlying read too.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** A source over bytes already in memory (tests, pasted text). */
export function bytesSource(name: string, data: Uint8Array | string, chunkSize = 1 << 20): ByteSource & RangeReader {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return {
    name,
    size: bytes.length,
    async *stream() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, Math.min(bytes.length, i + chunkSize));
    },
    async *streamFrom(start: number) {
      for (let i = start; i < bytes.length; i += chunkSize) yield bytes.subarray(i, Math.min(bytes.length, i + chunkSize));
    },
    async read(start: number, end: number) {
      return bytes.slice(start, end);
    },
  };
}

/** A source over a Blob / File (browser, worker, and Node 20's global Blob). */
export function blobSource(blob: Blob, name: string, lastModified?: number): ByteSource & RangeReader {
  return {
    name,
    size: blob.size,
    lastModified,
    stream: () => blob.stream() as ReadableStream<Uint8Array>,
    streamFrom: (start: number) => blob.slice(start).stream() as ReadableStream<Uint8Array>,
    async read(start: number, end: number) {
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}
