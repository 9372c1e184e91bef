// A shortcut for access logs: "handled request: GET /api/items/8812 200"
// comes once per request, each with a path of its own, but the text around the
// path (the words before, the method, the status, what follows) repeats from
// line to line. Masking such a line runs REQUEST_LINE and two lookups; when
// the line is the last request line with only its path changed, its masked
// text is the same (the path always becomes <*>), so the templater's answer
// for the last one holds for it too and none of that runs.
//
// "Only its path changed" is checked so that REQUEST_LINE must match the new
// line at the same place with the same method and status: the text up to the
// path (head) and after it (tail) are equal, and both paths start with "/"
// and hold no space, quote or non-ASCII character. A match starting earlier
// could only reach into the path through a status, an "HTTP/" or a quote at
// its first character, and the lazy path cannot stop inside it (what follows
// the path must begin with a quote or a space). test/analysis/fast-paths.test.ts
// compares the ids with a templater that masks every line.

import { MAX_TEMPLATE_INPUT, REQUEST_LINE } from './mask.ts';
import { detachString } from '../model/table-builder.ts';

/** A path as the shortcut takes it: "/" first, then no space, quote, control or non-ASCII character. */
function plainPath(s: string, from: number, to: number): boolean {
  if (to <= from || s.charCodeAt(from) !== 47) return false;
  for (let i = from + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 34 || c >= 127) return false;
  }
  return true;
}

export class LastRequest<V> {
  private head = '';
  private tail = '';
  private value: V | undefined = undefined;

  /** The answer kept for the last request line, when `message` is that line with another path. */
  get(message: string): V | undefined {
    const value = this.value;
    if (value === undefined) return undefined;
    const n = message.length;
    const head = this.head;
    const tail = this.tail;
    if (n > MAX_TEMPLATE_INPUT || n <= head.length + tail.length) return undefined;
    if (!message.startsWith(head) || !message.endsWith(tail)) return undefined;
    return plainPath(message, head.length, n - tail.length) ? value : undefined;
  }

  /**
   * Keep `value` as the answer for `message` (which masked like a request
   * line: the caller checks for "status=" in its masked text) if it is one
   * the shortcut can take; else forget the last one.
   */
  set(message: string, value: V): void {
    this.value = undefined;
    if (message.length > MAX_TEMPLATE_INPUT) return;
    const req = REQUEST_LINE.exec(message);
    if (!req) return;
    // The path (group 2) follows the optional quote, the method and its spaces.
    let at = req.index + (message.charCodeAt(req.index) === 34 ? 1 : 0) + req[1].length;
    while (at < message.length && message.charCodeAt(at) !== 47 && /\s/.test(message[at])) at++;
    const end = at + req[2].length;
    if (message.slice(at, end) !== req[2] || !plainPath(message, at, end)) return;
    this.head = detachString(message.slice(0, at));
    this.tail = detachString(message.slice(end));
    this.value = value;
  }
}
