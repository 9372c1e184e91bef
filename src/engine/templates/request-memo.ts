// A shortcut for access logs: "handled request: GET /api/items/8812 200"
// comes once per request, each with a path of its own, but the text around the
// path (the words before, the method, the status, what follows) repeats from
// line to line. Masking such a line runs REQUEST_LINE and two lookups; when
// the line is one of the last few request lines with only its path changed,
// its masked text is the same (the path always becomes <*>), so the
// templater's answer for that one holds for it too and none of that runs.
//
// "Only its path changed" is checked so that REQUEST_LINE must match the new
// line at the same place with the same method and status: the text up to the
// path (head) and after it (tail) are equal, and both paths start with "/"
// and hold no space, quote or non-ASCII character. A match starting earlier
// could only reach into the path through a status, an "HTTP/" or a quote at
// its first character, and the lazy path cannot stop inside it (what follows
// the path must begin with a quote or a space). test/analysis/fast-paths.test.ts
// and template-shapes.test.ts compare the ids with a templater that masks every line.

import { lastRequest, MAX_TEMPLATE_INPUT } from './mask.ts';
import { detachString } from '../model/table-builder.ts';

/** Request lines remembered: a log that mixes a few statuses or methods still finds its line among them. */
const KEPT = 4;

/** A path as the shortcut takes it: "/" first, then no space, quote, control or non-ASCII character. */
function plainPath(s: string, from: number, to: number): boolean {
  if (to <= from || s.charCodeAt(from) !== 47) return false;
  for (let i = from + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 34 || c >= 127) return false;
  }
  return true;
}

interface Kept<V> {
  head: string;
  tail: string;
  /** head and tail as character codes when both are ASCII (getBytes compares them with bytes), else null. */
  headCodes: Uint8Array | null;
  tailCodes: Uint8Array | null;
  value: V;
}

/** s's character codes, or null when one is not ASCII. */
function asciiCodes(s: string): Uint8Array | null {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return null;
    out[i] = c;
  }
  return out;
}

/** plainPath for a path given as bytes b[from..to), one ASCII character per byte. */
function plainPathBytes(b: Uint8Array, from: number, to: number): boolean {
  if (to <= from || b[from] !== 47) return false;
  for (let i = from + 1; i < to; i++) {
    const c = b[i];
    if (c <= 32 || c === 34 || c >= 127) return false;
  }
  return true;
}

/** Do the bytes b[at..at + codes.length) equal codes? */
function bytesAre(b: Uint8Array, at: number, codes: Uint8Array): boolean {
  for (let i = 0; i < codes.length; i++) if (b[at + i] !== codes[i]) return false;
  return true;
}

export class LastRequests<V> {
  /** Most recent first. */
  private readonly kept: Kept<V>[] = [];

  /** The answer kept for a request line that `message` is with another path, if any. */
  get(message: string): V | undefined {
    const kept = this.kept;
    if (kept.length === 0) return undefined;
    const n = message.length;
    if (n > MAX_TEMPLATE_INPUT) return undefined;
    for (let k = 0; k < kept.length; k++) {
      const { head, tail, value } = kept[k];
      if (n > head.length + tail.length && message.startsWith(head) && message.endsWith(tail) && plainPath(message, head.length, n - tail.length)) return value;
    }
    return undefined;
  }

  /**
   * get() for a message given as its bytes b[start..end), one ASCII
   * character per byte (RecordOut.messageBytes): the same answer, read from
   * the bytes (a message built from pieces is then never joined to be read).
   */
  getBytes(b: Uint8Array, start: number, end: number): V | undefined {
    const kept = this.kept;
    if (kept.length === 0) return undefined;
    const n = end - start;
    if (n > MAX_TEMPLATE_INPUT) return undefined;
    for (let k = 0; k < kept.length; k++) {
      const { head, tail, headCodes, tailCodes, value } = kept[k];
      if (n <= head.length + tail.length) continue;
      // A head or tail that is not ASCII is no run of these bytes (each a character below 128): get() would not match either.
      if (headCodes === null || tailCodes === null) continue;
      if (bytesAre(b, start, headCodes) && bytesAre(b, end - tail.length, tailCodes) && plainPathBytes(b, start + head.length, end - tail.length)) return value;
    }
    return undefined;
  }

  /**
   * Keep `value` as the answer for `message`, the line maskMessage has just
   * read (its split is in mask.ts' lastRequest), when it is a request line
   * the shortcut can take.
   */
  set(message: string, value: V): void {
    if (lastRequest.message !== message) return;
    const { pathStart, pathEnd } = lastRequest;
    if (!plainPath(message, pathStart, pathEnd)) return;
    const head = detachString(message.slice(0, pathStart));
    const tail = detachString(message.slice(pathEnd));
    const entry: Kept<V> = { head, tail, headCodes: asciiCodes(head), tailCodes: asciiCodes(tail), value };
    const kept = this.kept;
    // The same head and tail replace their old entry (its answer is older); else the oldest goes.
    let at = kept.findIndex((e) => e.head === entry.head && e.tail === entry.tail);
    if (at < 0) at = Math.min(kept.length, KEPT - 1);
    kept.splice(at, 1);
    kept.unshift(entry);
  }
}
