// base64url (RFC 4648 §5, no padding) over bytes, strict on decode: a link
// with a character outside the alphabet was mangled or tampered with, and
// saying so beats decoding garbage. Written out by hand because btoa/atob work
// on "binary strings" (an extra copy) and Buffer does not exist in browsers.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  if (i < n) {
    const v = (bytes[i] << 16) | ((i + 1 < n ? bytes[i + 1] : 0) << 8);
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63];
    if (i + 1 < n) chunk += ALPHABET[(v >> 6) & 63];
  }
  parts.push(chunk);
  return parts.join('');
}

/** Index of the first character outside the base64url alphabet, or -1. */
export function invalidBase64urlAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || LOOKUP[c] < 0) return i;
  }
  return -1;
}

/** Decode; throws RangeError on a bad character or an impossible length. */
export function decodeBase64url(s: string): Uint8Array {
  const bad = invalidBase64urlAt(s);
  if (bad >= 0) throw new RangeError(`character ${JSON.stringify(s[bad])} at position ${bad} is not base64url`);
  if (s.length % 4 === 1) throw new RangeError('length is not a whole number of bytes');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 3 < s.length; i += 4) {
    const v = (LOOKUP[s.charCodeAt(i)] << 18) | (LOOKUP[s.charCodeAt(i + 1)] << 12) | (LOOKUP[s.charCodeAt(i + 2)] << 6) | LOOKUP[s.charCodeAt(i + 3)];
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  const rest = s.length - i;
  if (rest >= 2) {
    const v = (LOOKUP[s.charCodeAt(i)] << 18) | (LOOKUP[s.charCodeAt(i + 1)] << 12) | (rest === 3 ? LOOKUP[s.charCodeAt(i + 2)] << 6 : 0);
    out[o++] = v >> 16;
    if (rest === 3) out[o++] = (v >> 8) & 255;
  }
  return out.subarray(0, o);
}
