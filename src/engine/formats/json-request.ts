// Caddy's access log says "handled request" on every line; the message an
// event gets is the request line json-record's describeRequest builds from
// the record ("handled request: GET /api/items/8812 200"). Built from its
// parts, that text is a string of pieces (V8 joins them only when one reads
// its characters), and every request has a path of its own, so each line's
// classifier scan and template lookup would first copy it into one piece and
// then read it a character at a time. Here the same text is also written out
// as bytes, one per character, when every part is ASCII read unescaped: the
// classifier and templater read those (RecordOut.messageBytes) and the string
// is only joined if the message is kept. Part of the JSON fast path
// (json-fast.ts).

import { REQ_METHOD, REQ_PATH, L_REQUEST, S_REQUEST, S_RESPONSE_FLAGS, TOP_METHOD, TOP_PATH } from './json-lists.ts';
import { firstOf, present, T_OBJECT, T_STRING, value, vEnd, vEsc, vStart, vType, type Scalar } from './json-values.ts';

const str = (v: Scalar) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/**
 * The last request line describeRequest built, as bytes (one ASCII character
 * each) in bytes[0..length); length -1 when that line has none (a part not
 * ASCII, escaped or not a string). Valid until the next call.
 */
export const requestLine = { bytes: new Uint8Array(512), length: -1 };

let at = 0;

function room(n: number): void {
  if (at + n <= requestLine.bytes.length) return;
  const grown = new Uint8Array(Math.max(2 * requestLine.bytes.length, at + n));
  grown.set(requestLine.bytes.subarray(0, at));
  requestLine.bytes = grown;
}

/** Append the ASCII text s; false when it is not ASCII. */
function putText(s: string): boolean {
  room(s.length);
  const out = requestLine.bytes;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return false;
    out[at++] = c;
  }
  return true;
}

/** Append node n's string value from its bytes; false unless it is a string, unescaped and ASCII (then bytes are characters). */
function putNode(b: Uint8Array, n: number): boolean {
  if (vType[n] !== T_STRING || vEsc[n]) return false;
  const s = vStart[n];
  const e = vEnd[n];
  room(e - s);
  const out = requestLine.bytes;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c >= 128) return false;
    out[at++] = c;
  }
  return true;
}

function putDigits(n: number): void {
  room(16);
  const s = String(n);
  for (let i = 0; i < s.length; i++) requestLine.bytes[at++] = s.charCodeAt(i);
}

/**
 * json-record's describeRequest: "<msg>: METHOD path status [flags]" from
 * `request` (when an object) or the record; its bytes in requestLine when
 * they can be written. `message` is the record's (a short interned string).
 */
export function describeRequest(b: Uint8Array, message: string, status: number): string {
  requestLine.length = -1;
  const inRequest = vType[S_REQUEST] === T_OBJECT;
  const mn = firstOf(inRequest ? REQ_METHOD : TOP_METHOD, L_REQUEST);
  const pn = firstOf(inRequest ? REQ_PATH : TOP_PATH, L_REQUEST);
  const method = mn < 0 ? '' : str(value(b, mn));
  const path = pn < 0 ? '' : str(value(b, pn));
  if (!method && !path) return message;
  const flags = present(S_RESPONSE_FLAGS) ? str(value(b, S_RESPONSE_FLAGS)) : '';
  // [method, path, status || '', flags unless "-"].filter(Boolean).join(' '), without the array.
  let req = method;
  if (path) req = req ? `${req} ${path}` : path;
  if (status) req = req ? `${req} ${status}` : String(status);
  const flagged = flags !== '' && flags !== '-';
  if (flagged) req = req ? `${req} ${flags}` : flags;
  // The same text as bytes, part by part in the same order (each part present exactly when it is above).
  at = 0;
  let ok = putText(message) && putText(': ');
  let any = false;
  if (ok && method) {
    ok = putNode(b, mn);
    any = true;
  }
  if (ok && path) {
    if (any) putText(' ');
    ok = putNode(b, pn);
    any = true;
  }
  if (ok && status) {
    if (any) putText(' ');
    putDigits(status);
    any = true;
  }
  if (ok && flagged) {
    if (any) putText(' ');
    ok = putNode(b, S_RESPONSE_FLAGS);
  }
  const line = `${message}: ${req}`;
  if (ok && at === line.length) requestLine.length = at;
  return line;
}
