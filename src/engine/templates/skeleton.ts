// A shortcut for the commonest one-off message: words and bare numbers
// ("order 7731 shipped to customer 204"). Masking such a message only turns
// each number token into <*> (and runs of them into one), so two messages
// that differ only in their numbers' values and lengths mask to the same
// text. A message of that shape is recognised in one pass, and a
// direct-mapped table remembers, per shape, a message of it and its
// templater answer: a new message of a known shape skips masking, string
// building and the masked-text lookup (most of a one-off message's cost).
//
// Only messages whose masking cannot depend on anything but the shape take
// the shortcut: ASCII letters, digits and single spaces, each token all
// letters or all digits, no two capitals in a row (so no request line,
// "GET /x 503", whose status digits stay in the template), at most
// MAX_CHARS long (far below the masker's own length cut).

const SLOTS = 4096;
const MAX_CHARS = 200;

/** Set by shapeHash: why it returned 0. */
export const NOT_SIMPLE = 0;

// Character classes, one table lookup per character.
const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const SPACE = 4;
const CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
CLASS[32] = SPACE;

const classOf = (c: number) => (c < 128 ? CLASS[c] : OTHER);

/**
 * A hash of the message's shape (its text with every number token as one
 * digit), never 0; or NOT_SIMPLE when the message is not of the simple shape.
 */
export function shapeHash(s: string): number {
  const n = s.length;
  if (n === 0 || n > MAX_CHARS) return NOT_SIMPLE;
  let h = 0x811c9dc5;
  // The start reads as after a space: a token must begin there.
  let prev = SPACE;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = classOf(c);
    if (k === DIGIT) {
      if (prev === DIGIT) continue; // a number's digits are one digit of the shape
      if (prev !== SPACE) return NOT_SIMPLE; // a digit after a letter: a mixed token
      h = Math.imul(h ^ 48, 0x01000193);
    } else if (k === LOWER || k === UPPER) {
      // A letter after a digit is a mixed token; two capitals in a row may be a request method.
      if (prev === DIGIT || (k === UPPER && prev === UPPER)) return NOT_SIMPLE;
      h = Math.imul(h ^ c, 0x01000193);
    } else if (k === SPACE) {
      if (prev === SPACE) return NOT_SIMPLE;
      h = Math.imul(h ^ 32, 0x01000193);
    } else return NOT_SIMPLE;
    prev = k;
  }
  return prev === SPACE ? NOT_SIMPLE : h | 1;
}

/** Do a and b (both of the simple shape) have the same shape: equal but for the digits of number tokens? */
function sameShape(a: string, b: string): boolean {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const x = a.charCodeAt(i++);
    const y = b.charCodeAt(j++);
    if (x === y && (x < 48 || x > 57)) continue;
    if (x < 48 || x > 57 || y < 48 || y > 57) return false;
    // Both at a number: skip the rest of each.
    while (i < n && classOf(a.charCodeAt(i)) === DIGIT) i++;
    while (j < m && classOf(b.charCodeAt(j)) === DIGIT) j++;
  }
  return i === n && j === m;
}

/** sameShape(a, b) for b given as its bytes b[start..end) (one ASCII character per byte), a as its character codes. */
function sameShapeBytes(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  const n = a.length;
  let i = 0;
  let j = start;
  while (i < n && j < end) {
    const x = a[i++];
    const y = b[j++];
    if (x === y && (x < 48 || x > 57)) continue;
    if (x < 48 || x > 57 || y < 48 || y > 57) return false;
    while (i < n && a[i] >= 48 && a[i] <= 57) i++;
    while (j < end && b[j] >= 48 && b[j] <= 57) j++;
  }
  return i === n && j === end;
}

/** Per shape: a message of it and what the templater answered for it (the caller checks the answer still holds). */
export class ShapeMemo<V> {
  private readonly keys: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  private readonly hashes = new Int32Array(SLOTS);
  private readonly values: (V | undefined)[] = new Array<V | undefined>(SLOTS);
  /** A key as character codes (a simple message is ASCII), for getLastBytes: the codes of `codesOf`. */
  private codes = new Uint8Array(0);
  private codesOf: string | undefined = undefined;
  /** The slot last found or filled: one-off messages mostly come in runs of one shape. */
  private last = -1;

  /** The answer remembered for the shape of `message` (whose shapeHash is `h`, not NOT_SIMPLE). */
  get(message: string, h: number): V | undefined {
    const slot = (h ^ (h >>> 12)) & (SLOTS - 1);
    const key = this.keys[slot];
    if (key === undefined || this.hashes[slot] !== h || !sameShape(key, message)) return undefined;
    this.last = slot;
    return this.values[slot];
  }

  /**
   * get() for a message of the shape last found or filled, in one pass where
   * shapeHash and get take two; undefined for any other message (the caller
   * then asks shapeHash and get). A message of a simple key's shape, no longer
   * than a simple message may be, is simple and hashes as the key does, so
   * get() would answer from this very slot.
   */
  getLast(message: string): V | undefined {
    const slot = this.last;
    if (slot < 0 || message.length > MAX_CHARS) return undefined;
    const key = this.keys[slot];
    return key !== undefined && sameShape(key, message) ? this.values[slot] : undefined;
  }

  /**
   * getLast() for a message given also as its bytes b[start..end), one ASCII
   * character per byte (RecordOut.messageBytes): the one pass reads bytes.
   */
  getLastBytes(message: string, b: Uint8Array, start: number, end: number): V | undefined {
    const slot = this.last;
    if (slot < 0 || message.length > MAX_CHARS) return undefined;
    const key = this.keys[slot];
    if (key === undefined) return undefined;
    let codes = this.codes;
    if (this.codesOf !== key) {
      codes = this.codes = new Uint8Array(key.length);
      for (let i = 0; i < key.length; i++) codes[i] = key.charCodeAt(i);
      this.codesOf = key;
    }
    return sameShapeBytes(codes, b, start, end) ? this.values[slot] : undefined;
  }

  /** Remember `v` for the shape; `message` must be a string of its own (not a slice of a chunk). */
  set(message: string, h: number, v: V): void {
    const slot = (h ^ (h >>> 12)) & (SLOTS - 1);
    this.keys[slot] = message;
    this.hashes[slot] = h;
    this.values[slot] = v;
    this.last = slot;
  }
}
