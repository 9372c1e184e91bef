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

/** The message putText last wrote and its bytes (-1: not ASCII): every line of an access log says "handled request". */
let lastText = '';
let lastCodes = new Uint8Array(0);
let lastAscii = true;

/** Append the ASCII text s; false when it is not ASCII. */
function putText(s: string): boolean {
  if (s !== lastText) {
    lastText = s;
    lastCodes = new Uint8Array(s.length);
    lastAscii = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      lastCodes[i] = c;
      if (c >= 128) lastAscii = false;
    }
  }
  if (!lastAscii) return false;
  room(s.length);
  const out = requestLine.bytes;
  for (let i = 0; i < lastCodes.length; i++) out[at++] = lastCodes[i];
  return true;
}

/** Bytes of " " and ": ", written between the parts. */
function putSpace(): void {
  room(1);
  requestLine.bytes[at++] = 32;
}

/** HTTP statuses as text, made once each (a number turned into a string was a runtime call per line, twice). */
const STATUS_TEXT: string[] = [];
function statusText(n: number): string {
  if (!(n >= 0 && n < 1000 && Number.isInteger(n))) return String(n);
  return (STATUS_TEXT[n] ??= String(n));
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
  const s = statusText(n);
  room(s.length);
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
  if (status) req = req ? `${req} ${statusText(status)}` : statusText(status);
  const flagged = flags !== '' && flags !== '-';
  if (flagged) req = req ? `${req} ${flags}` : flags;
  // The same text as bytes, part by part in the same order (each part present exactly when it is above).
  at = 0;
  let ok = putText(message);
  if (ok) {
    room(2);
    requestLine.bytes[at++] = 58; // ": "
    requestLine.bytes[at++] = 32;
  }
  let any = false;
  if (ok && method) {
    ok = putNode(b, mn);
    any = true;
  }
  if (ok && path) {
    if (any) putSpace();
    ok = putNode(b, pn);
    any = true;
  }
  if (ok && status) {
    if (any) putSpace();
    putDigits(status);
    any = true;
  }
  if (ok && flagged) {
    if (any) putSpace();
    ok = putNode(b, S_RESPONSE_FLAGS);
  }
  const line = `${message}: ${req}`;
  if (ok && at === line.length) requestLine.length = at;
  return line;
}
