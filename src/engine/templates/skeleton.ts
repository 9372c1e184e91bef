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

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isUpper = (c: number) => c >= 65 && c <= 90;

/**
 * A hash of the message's shape (its text with every number token as one
 * digit), never 0; or NOT_SIMPLE when the message is not of the simple shape.
 */
export function shapeHash(s: string): number {
  const n = s.length;
  if (n === 0 || n > MAX_CHARS) return NOT_SIMPLE;
  let h = 0x811c9dc5;
  let i = 0;
  for (;;) {
    const c0 = s.charCodeAt(i);
    if (isDigit(c0)) {
      // A number token: digits up to a space or the end.
      do i++;
      while (i < n && isDigit(s.charCodeAt(i)));
      h = Math.imul(h ^ 48, 0x01000193);
    } else if (isLetter(c0)) {
      let prevUpper = false;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (!isLetter(c)) break;
        const up = isUpper(c);
        if (up && prevUpper) return NOT_SIMPLE;
        prevUpper = up;
        h = Math.imul(h ^ c, 0x01000193);
      }
    } else return NOT_SIMPLE;
    if (i === n) return h | 1;
    // A token ends at one space, and another token follows it.
    if (s.charCodeAt(i) !== 32 || i + 1 === n) return NOT_SIMPLE;
    h = Math.imul(h ^ 32, 0x01000193);
    i++;
  }
}

/** Do a and b (both of the simple shape) have the same shape: equal but for the digits of number tokens? */
function sameShape(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  const n = a.length;
  const m = b.length;
  while (i < n && j < m) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      while (i < n && isDigit(a.charCodeAt(i))) i++;
      while (j < m && isDigit(b.charCodeAt(j))) j++;
      continue;
    }
    if (x !== y) return false;
    i++;
    j++;
  }
  return i === n && j === m;
}

/** Per shape: a message of it and what the templater answered for it (the caller checks the answer still holds). */
export class ShapeMemo<V> {
  private readonly keys: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  private readonly hashes = new Int32Array(SLOTS);
  private readonly values: (V | undefined)[] = new Array<V | undefined>(SLOTS);

  /** The answer remembered for the shape of `message` (whose shapeHash is `h`, not NOT_SIMPLE). */
  get(message: string, h: number): V | undefined {
    const slot = (h ^ (h >>> 12)) & (SLOTS - 1);
    const key = this.keys[slot];
    return key !== undefined && this.hashes[slot] === h && sameShape(key, message) ? this.values[slot] : undefined;
  }

  /** Remember `v` for the shape; `message` must be a string of its own (not a slice of a chunk). */
  set(message: string, h: number, v: V): void {
    const slot = (h ^ (h >>> 12)) & (SLOTS - 1);
    this.keys[slot] = message;
    this.hashes[slot] = h;
    this.values[slot] = v;
  }
}
