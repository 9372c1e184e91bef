// Looks at a file's first bytes before parsing: gzip (decompressed with the
// platform's DecompressionStream), byte-order marks, UTF-16 without a BOM, and
// binary content, which is refused with a message instead of being parsed
// into garbage.

import { isGzip, iterate, type ByteSource } from './byte-source.ts';
import type { Encoding } from './line-splitter.ts';

export interface OpenedText {
  encoding: Encoding;
  /** Bytes to skip at the start (a BOM). */
  bom: number;
  gzip: boolean;
  chunks: AsyncGenerator<Uint8Array>;
  error: string | null;
  /**
   * NUL bytes were seen in the head of a file that is otherwise text (NUL
   * padding from logrotate's copytruncate, a stray NUL in a line): ingest
   * removes them from the line text and says so, instead of refusing the file.
   */
  nul: boolean;
  /** Lines end in a lone CR (classic Mac OS, some devices): ingest reads each CR as a line end. */
  loneCr: boolean;
  /** Bytes taken from the source so far (compressed bytes for .gz): what the progress bar counts. */
  rawBytes(): number;
}

const SNIFF_BYTES = 8192;

async function* prepend(first: Uint8Array[], rest: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const c of first) yield c;
  yield* rest;
}

async function* counted(chunks: AsyncGenerator<Uint8Array>, count: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    count(c.length);
    yield c;
  }
}

/**
 * Compressed bytes handed to the decompressor at once. Deflate expands up to
 * about 1,000 times, and a decompressor produces all the output of one write
 * before anything else runs: 8 KB in keeps that under 8 MB (milliseconds),
 * where a 64 KB read of a gzip bomb would inflate 64 MB in one go.
 */
const INFLATE_PIECE_BYTES = 8192;

/**
 * Decompress. Stopping early (a size ceiling, Cancel) returns this generator:
 * the finally block then stops feeding the decompressor and cancels the
 * source, so nothing keeps inflating in the background.
 */
async function* gunzip(chunks: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  let stopped = false;
  const pump = (async () => {
    try {
      for await (const c of chunks) {
        for (let at = 0; at < c.length && !stopped; at += INFLATE_PIECE_BYTES) await writer.write(c.subarray(at, at + INFLATE_PIECE_BYTES) as Uint8Array<ArrayBuffer>);
        if (stopped) break;
      }
      if (!stopped) await writer.close();
    } catch (e) {
      await writer.abort(e).catch(() => undefined);
    }
  })();
  try {
    yield* iterate(ds.readable as ReadableStream<Uint8Array>);
    await pump;
  } finally {
    // After a normal end the writer is closed and this abort is a no-op; after an early stop it
    // fails the pump's pending write, whose for-await then closes the source.
    stopped = true;
    await writer.abort(new Error('stopped')).catch(() => undefined);
  }
}

/** Read enough of the head to decide; the returned chunks start at byte 0. */
async function head(it: AsyncGenerator<Uint8Array>): Promise<{ buf: Uint8Array; taken: Uint8Array[]; done: boolean }> {
  const taken: Uint8Array[] = [];
  let n = 0;
  let done = false;
  while (n < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    taken.push(r.value);
    n += r.value.length;
  }
  const buf = new Uint8Array(Math.min(n, SNIFF_BYTES));
  let o = 0;
  for (const c of taken) {
    if (o >= buf.length) break;
    const part = c.subarray(0, buf.length - o);
    buf.set(part, o);
    o += part.length;
  }
  return { buf, taken, done };
}

/** CRs and no LF at all in the head: lines end in CR alone. */
function hasLoneCr(b: Uint8Array): boolean {
  return b.indexOf(13) >= 0 && b.indexOf(10) < 0;
}

export async function openText(source: ByteSource): Promise<OpenedText> {
  let raw = 0;
  let it = counted(iterate(source.stream()), (n) => (raw += n));
  let h = await head(it);
  let gzip = false;
  if (isGzip(h.buf)) {
    gzip = true;
    it = gunzip(prepend(h.taken, it));
    h = await head(it);
  }
  const chunks = prepend(h.taken, it);
  const b = h.buf;
  const base = { gzip, chunks, error: null as string | null, rawBytes: () => raw, nul: false, loneCr: hasLoneCr(h.buf) };
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { ...base, encoding: 'utf-8', bom: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { ...base, encoding: 'utf-16le', bom: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { ...base, encoding: 'utf-16be', bom: 2 };
  // UTF-16 without BOM: ASCII text has a zero in every other byte.
  let zeroEven = 0;
  let zeroOdd = 0;
  let control = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    } else if (c < 9 || (c > 13 && c < 32 && c !== 27)) control++;
  }
  const half = b.length / 2;
  if (half > 8 && zeroOdd > half * 0.7 && zeroEven < half * 0.05) return { ...base, encoding: 'utf-16le', bom: 0 };
  if (half > 8 && zeroEven > half * 0.7 && zeroOdd < half * 0.05) return { ...base, encoding: 'utf-16be', bom: 0 };
  // A leading run of NULs is padding (a file truncated while its writer kept its offset), not content.
  let lead = 0;
  while (lead < b.length && b[lead] === 0) lead++;
  const zerosAfter = zeroEven + zeroOdd - lead;
  const body = b.length - lead;
  if (zeroEven + zeroOdd > 0 && control <= body * 0.01 && zerosAfter <= Math.max(4, body * 0.002)) {
    return { ...base, encoding: 'utf-8', bom: 0, nul: true };
  }
  if (zeroEven + zeroOdd > 0 || control > b.length * 0.1) {
    return {
      ...base,
      encoding: 'utf-8',
      bom: 0,
      error: `not a text log: ${zeroEven + zeroOdd} NUL and ${control} control bytes in the first ${b.length} bytes (binary file?)`,
    };
  }
  return { ...base, encoding: 'utf-8', bom: 0 };
}

/** A line's text without NUL characters, counting leading padding apart from NULs inside lines. */
export function withoutNul(text: string, nul: { leading: number; lines: number; started: boolean }): string {
  if (!text.includes('\u0000')) {
    if (text.length > 0) nul.started = true;
    return text;
  }
  let i = 0;
  if (!nul.started) {
    while (i < text.length && text.charCodeAt(i) === 0) i++;
    nul.leading += i;
    if (i < text.length) nul.started = true;
  }
  const rest = text.slice(i);
  if (rest.includes('\u0000')) {
    nul.lines++;
    return rest.replaceAll('\u0000', '');
  }
  return rest;
}
