// Share payload <-> link text. JSON -> gzip (CompressionStream) -> base64url,
// placed in the fragment (`#s=...`), which browsers never send to a server.
// gzip rather than raw deflate because its CRC-32 and length trailer turn a
// tampered or truncated link into a clear error instead of garbage.
// Decoding never trusts a number from the link: the text length is capped
// before decoding, decompression is fed in small slices and stopped as soon
// as the output passes the cap (a zip bomb or a trailer claiming 2 GB never
// allocates more than the cap), and the JSON is validated field by field.

import { jsonDeeperThan, MAX_JSON_DEPTH } from './json-depth.ts';
import { decodeBase64url, encodeBase64url, invalidBase64urlAt } from './base64url.ts';
import { fitPayload } from './fit.ts';
import { MAX_DECOMPRESSED_BYTES, MAX_ENCODED_CHARS } from './limits.ts';
import { migrateToCurrent } from './migrations.ts';
import type { SharePayload } from './payload.ts';
import { validatePayload } from './validate.ts';

export type ShareErrorCode = 'empty' | 'too-long' | 'not-base64' | 'not-a-link' | 'damaged' | 'too-large' | 'not-json' | 'unsupported-version' | 'invalid';

/** Why a link cannot be opened; `message` is written for the person who clicked it. */
export class ShareLinkError extends Error {
  constructor(readonly code: ShareErrorCode, message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

export interface DecodeLimits {
  maxEncodedChars?: number;
  maxDecompressedBytes?: number;
}

const INCOMPLETE = 'This link is incomplete or damaged (was it cut off when it was copied?).';

/** Input fed to the decompressor per step: deflate expands at most ~1032x, so one step yields at most ~4 MB. */
const INFLATE_SLICE = 4096;

async function streamToBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const source = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
  return streamToBytes(source.pipeThrough(new CompressionStream('gzip')) as ReadableStream<Uint8Array>);
}

/** Gunzip with a hard output cap; throws ShareLinkError('too-large') as soon as it is passed. */
export async function gunzipCapped(bytes: Uint8Array, cap: number): Promise<Uint8Array> {
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let stopped = false;
  const pump = (async () => {
    for (let i = 0; i < bytes.length && !stopped; i += INFLATE_SLICE) {
      await writer.write(bytes.slice(i, i + INFLATE_SLICE));
    }
    if (!stopped) await writer.close();
  })().catch(() => undefined); // the reader below sees the same failure and reports it
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        stopped = true;
        await reader.cancel().catch(() => undefined);
        throw new ShareLinkError('too-large', `This link unpacks to more than ${Math.round(cap / (1024 * 1024))} MB, more than Timberline opens from a link.`);
      }
      chunks.push(value);
    }
  } catch (e) {
    stopped = true;
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError('damaged', INCOMPLETE);
  } finally {
    await pump;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Payload -> the text after `#s=`. */
export async function encodePayload(payload: SharePayload): Promise<string> {
  const json = JSON.stringify(fitPayload(payload));
  return encodeBase64url(await gzipBytes(new TextEncoder().encode(json)));
}

/** The text after `#s=` -> a validated, current-version payload. Never executes or evaluates anything. */
export async function decodePayload(encoded: string, limits: DecodeLimits = {}): Promise<SharePayload> {
  const maxChars = limits.maxEncodedChars ?? MAX_ENCODED_CHARS;
  // Mail clients wrap long links; whitespace is never part of base64url.
  const text = encoded.length <= maxChars + 4096 ? encoded.replace(/\s+/g, '') : encoded;
  if (text.length === 0) throw new ShareLinkError('empty', 'This share link carries no incident (the part after "#s=" is empty).');
  if (text.length > maxChars) {
    throw new ShareLinkError('too-long', `This link is ${text.length.toLocaleString('en')} characters long; Timberline opens links up to ${maxChars.toLocaleString('en')} characters.`);
  }
  let bytes: Uint8Array;
  const bad = invalidBase64urlAt(text);
  if (bad >= 0) throw new ShareLinkError('not-base64', `This link was changed or damaged: character ${JSON.stringify(text[bad])} at position ${bad} cannot be part of it.`);
  try {
    bytes = decodeBase64url(text);
  } catch {
    throw new ShareLinkError('damaged', INCOMPLETE);
  }
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new ShareLinkError('not-a-link', 'This is not a Timberline share link (the data after "#s=" is not a packed incident).');
  }
  const json = await gunzipCapped(bytes, limits.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES);
  if (jsonDeeperThan(json)) {
    throw new ShareLinkError('invalid', `This link's incident is malformed: it nests data more than ${MAX_JSON_DEPTH} levels deep, which no Timberline link does.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    throw new ShareLinkError('not-json', 'This link unpacks, but not to an incident Timberline can read (damaged or not made by Timberline).');
  }
  const migrated = migrateToCurrent(value);
  if (!migrated.ok) throw new ShareLinkError(migrated.code, migrated.message);
  const checked = validatePayload(migrated.value);
  if (!checked.ok) throw new ShareLinkError('invalid', `This link's incident is malformed: ${checked.error}.`);
  return checked.value;
}
