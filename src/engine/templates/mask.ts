// Masking: the first half of Drain (https://jiemingzhu.github.io/pub/pjhe_icws2017.pdf,
// "preprocess by domain knowledge"). Values that obviously vary — quoted
// strings, URLs, UUIDs, IP addresses, host names, hex ids, numbers with units —
// become <*> before the tree sees the message, so "dial 10.0.0.1:443 after
// 30ms" and "dial 10.0.0.2:443 after 12ms" reach the same leaf.
//
// It runs once per distinct message during ingest, so it is built for speed
// while giving exactly the output of the plain definition (QUOTED, then each
// of TOKEN_MASKS over the whole string, in order, then COLLAPSE): no token
// mask can match across a space or look past one, so they run per
// space-separated token, only on tokens holding a digit, dot, colon or dash
// (a plain word never changes), each only when a cheap count says it could
// match. Bare numbers become <*> without a regex, and tokens that differ only
// in digit values share one remembered result (see "by shape" below).
// test/analysis/fast-paths.test.ts checks the equivalence on real logs.

import { RepeatMemo } from '../model/repeat-memo.ts';
import { detachString } from '../model/table-builder.ts';

export const WILDCARD = '<*>';

/** Longer messages are templated on their head: the tail is rarely what identifies them. */
export const MAX_TEMPLATE_INPUT = 400;

/** "double" and 'single' quoted values; a single quote must not be an apostrophe ("can't ... won't"). The one mask that spans spaces. */
export const QUOTED = /"(?:[^"\\]|\\.){0,200}"|(?<![\w'])'(?:[^'\\\n]|\\.){0,200}'(?![\w'])/g;

/** What one token holds, counted once: every mask needs some of it, and masks only ever remove it. */
interface Shape {
  digits: number;
  dots: number;
  colons: number;
  dashes: number;
  x: boolean;
  /** A dot followed by a letter: every host name has one. */
  dotLetter: boolean;
  /** A run of 8+ word characters or dashes with a digit and a letter or "_" in it: what an id is. */
  idRun: boolean;
}

type Mask = [RegExp, (s: Shape, token: string) => boolean];

// Order matters: whole structures (URLs, addresses) before bare numbers. Each gate is a
// necessary condition for its pattern to match (so skipping on it changes nothing).
export const TOKEN_MASKS: Mask[] = [
  // A share link's redaction placeholder (<ip-1>, <email-3>: src/share/redact.ts) stands for a value that varies.
  [/<[a-z0-9]+(?:-[a-z0-9]+)*-\d+>/g, (s, t) => s.dashes > 0 && s.digits > 0 && t.includes('<')],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (s, t) => s.colons > 0 && t.includes('://')],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, (s) => s.dashes >= 4],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, (s) => s.digits >= 4 && s.dots >= 3],
  [/\[?\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\]?(?::\d+)?(?![\w:])/gi, (s) => s.colons >= 2],
  // E-mail addresses whole (else the host mask leaves "alice@<*>", one template per user).
  [/[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}\b/gi, (s, t) => s.dotLetter && t.includes('@')],
  // Host names: three or more labels, or two with a common suffix.
  [/\b(?:\*\.)?(?:[a-z0-9-]+\.){2,}[a-z]{2,}\b(?::\d{1,5})?|\b[a-z0-9-]+\.(?:com|net|org|io|dev|local|internal|svc|cluster|example|test|cloud|app)\b(?::\d{1,5})?/gi, (s) => s.dotLetter],
  [/\b0x[0-9a-f]+\b/gi, (s) => s.digits > 0 && s.x],
  // Long hex or mixed ids (hashes, trace ids, "attempt_1445_0020_m_2"): a digit somewhere, 8+ chars.
  [/\b(?=[\w-]*\d)(?=[\w-]*[a-z_])[\w-]{8,}\b/gi, (s) => s.idRun],
  [/(?<![A-Za-z0-9]|status=)[-+]?\d+(?:[.,:]\d+)*(?:ns|us|µs|ms|s|m|h|d|b|kb|mb|gb|kib|mib|gib|%)?(?![A-Za-z])/gi, (s) => s.digits > 0],
];

// A request line with its status ("GET /x HTTP/1.1" 503, GET /x 503): the method and the
// status identify the template, the path does not. The status becomes an anchor token.
export const REQUEST_LINE = /"?\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE)\s+(\S+?)(?:\s+HTTP\/[\d.]+)?"?\s+([1-5]\d\d)\b/;

/** Tokens Drain must never widen to <*>: a 503 template is not a 200 template. */
export const ANCHOR = /^status=[1-5]\d\d$/;

/** ANCHOR.test without a regex call (Drain compares tokens in its inner loop). */
export function isAnchor(t: string): boolean {
  if (t.length !== 10 || !t.startsWith('status=')) return false;
  const a = t.charCodeAt(7);
  return a >= 49 && a <= 53 && isDigitCode(t.charCodeAt(8)) && isDigitCode(t.charCodeAt(9));
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** Whitespace that `replace(/\s+/g, ' ')` would change: a run of two, or anything but a plain space. */
const UNEVEN_SPACE = /\s\s|[^\S ]/;

export const COLLAPSE = /(?:<\*>[\s,;:=/-]*){2,}/g;

/**
 * Masked request lines by all their masking depends on: the text before and
 * after the request, its method and its status (the path always becomes
 * <*>). Access logs repeat those while every path differs ("handled request:
 * GET /api/items/8812 200"), so a new path costs a lookup instead of masking
 * the text around it again. Kept from the second sighting (repeat-memo.ts).
 */
const requests = new RepeatMemo<string>(MAX_TEMPLATE_INPUT, 10_000);

/**
 * Where the path is in the request line maskMessage read last (request-memo.ts
 * reuses the split instead of running REQUEST_LINE again): `message` is that
 * line, null when the last message masked was none or was cut to MAX_TEMPLATE_INPUT.
 */
export const lastRequest: { message: string | null; pathStart: number; pathEnd: number } = { message: null, pathStart: 0, pathEnd: 0 };

/** A message with its variable parts replaced by <*>. */
export function maskMessage(message: string): string {
  const s = message.length > MAX_TEMPLATE_INPUT ? message.slice(0, MAX_TEMPLATE_INPUT) : message;
  const req = REQUEST_LINE.exec(s);
  lastRequest.message = null;
  if (req) {
    if (s === message) {
      // The path (group 2) follows the optional quote, the method and the spaces after it.
      let at = req.index + (s.charCodeAt(req.index) === 34 ? 1 : 0) + req[1].length;
      while (at < s.length && /\s/.test(s[at])) at++;
      lastRequest.message = message;
      lastRequest.pathStart = at;
      lastRequest.pathEnd = at + req[2].length;
    }
    const before = s.slice(0, req.index);
    const after = s.slice(req.index + req[0].length);
    const key = `${req[1]} ${req[3]}\u0000${before}\u0000${after}`;
    const known = requests.get(key);
    if (known !== undefined) return known;
    const joined = `${maskText(before)} ${req[1]} ${WILDCARD} status=${req[3]} ${maskText(after)}`;
    // Whitespace runs become one space; most joined texts have none to fold (empty head or tail leaves one extra space at an end).
    const masked = (UNEVEN_SPACE.test(joined) ? joined.replace(/\s+/g, ' ') : joined).trim();
    requests.offer(key, masked);
    return masked;
  }
  return maskText(s);
}

function maskText(text: string): string {
  let s = text.indexOf('"') >= 0 || text.indexOf("'") >= 0 ? text.replace(QUOTED, WILDCARD) : text;
  s = maskTokens(s);
  // Runs of wildcards become one; a space that separated the run from the next word stays.
  // (A mask never leaves the text as it was once it matched, so "changed" is "masked".)
  if (s !== text && mayCollapse(s)) s = s.replace(COLLAPSE, (run) => (/\s$/.test(run) ? '<*> ' : WILDCARD));
  return s.trim();
}

/** ASCII characters of COLLAPSE's separator class [\s,;:=/-]. */
const isSeparator = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 44 || c === 59 || c === 58 || c === 61 || c === 47 || c === 45;

/** Could COLLAPSE match: two wildcards with only separators between? (Most masked messages hold none, and the regex costs more.) */
function mayCollapse(s: string): boolean {
  let i = s.indexOf(WILDCARD);
  while (i >= 0) {
    let j = i + WILDCARD.length;
    // Non-ASCII is skipped as if it were \s (some is): at worst the regex then runs for nothing.
    for (let c = s.charCodeAt(j); j < s.length && (isSeparator(c) || c >= 128); c = s.charCodeAt(++j));
    if (s.startsWith(WILDCARD, j)) return true;
    i = s.indexOf(WILDCARD, j);
  }
  return false;
}

// Tokens repeat by shape: "blk_-1608999687919862906" and "blk_-2218999687919862901" differ
// only in digit values, and no mask looks at a digit's value except the "0" of "0x". So the
// masks take the same spans of both, and when those spans cover every digit the result is
// the same string. A direct-mapped table keyed by shape remembers such results.
const SHAPE_SLOTS = 8192;
const shapeKey: (string | undefined)[] = new Array<string | undefined>(SHAPE_SLOTS);
/** The shape's masked form, or null when it keeps digits (then the masks run). */
const shapeOut: (string | null)[] = new Array<string | null>(SHAPE_SLOTS).fill(null);

/** Is c the "0" of "0x" (the one digit a mask names)? */
const hexZero = (t: string, i: number, c: number) => c === 48 && (t.charCodeAt(i + 1) | 32) === 120;

/** Is s[start, end) the same shape as the key? */
function sameShapeAt(key: string, s: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) {
    const x = key.charCodeAt(i);
    const y = s.charCodeAt(start + i);
    if (x === y) continue;
    if (!isDigitCode(x) || !isDigitCode(y) || hexZero(key, i, x) !== hexZero(s, start + i, y)) return false;
  }
  return true;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigitCode(s.charCodeAt(i))) return true;
  return false;
}

/** TOKEN_MASKS over every space-separated token of s; s itself when nothing changed. */
function maskTokens(s: string): string {
  const n = s.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    while (i < n && s.charCodeAt(i) === 32) i++;
    const start = i;
    let digits = 0;
    let marks = 0;
    let h = 0;
    /** Only [A-Za-z0-9_] so far. */
    let word = true;
    for (; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c === 32) break;
      if (c >= 48 && c <= 57) {
        digits++;
        c = hexZero(s, i, c) ? 48 : 49;
      } else {
        if (c === 46 || c === 58 || c === 45) marks++;
        const lower = c | 32;
        if (c !== 95 && (lower < 97 || lower > 122)) word = false;
      }
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (i === start) break;
    if (digits === 0 && marks === 0) continue;
    let masked: string;
    if (digits === i - start) masked = WILDCARD; // a bare number: the number mask takes all of it
    // An id ("5632b92409d3fb64", "attempt_1445"): 8+ word characters with a digit and so a letter or "_".
    // The id mask takes all of it; the masks before it need a ".", ":", "-" or "/" except "0x" hex,
    // which here can only match the whole token (\b inside a word token is at its ends), giving <*> too.
    // New ids miss the shape table (their letters differ), so this saves the regexes for them.
    else if (word && i - start >= 8) masked = WILDCARD;
    else {
      const slot = (h ^ (h >>> 13)) & (SHAPE_SLOTS - 1);
      const key = shapeKey[slot];
      const known = key !== undefined && sameShapeAt(key, s, start, i) ? shapeOut[slot] : null;
      if (known !== null) masked = known;
      else {
        const token = s.slice(start, i);
        masked = maskToken(token);
        if (key === undefined || !sameShapeAt(key, s, start, i)) {
          shapeKey[slot] = detachString(token);
          shapeOut[slot] = hasDigit(masked) ? null : detachString(masked);
        }
      }
      if (masked.length === i - start && s.startsWith(masked, start)) continue;
    }
    out += s.slice(copied, start) + masked;
    copied = i;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

const shape: Shape = { digits: 0, dots: 0, colons: 0, dashes: 0, x: false, dotLetter: false, idRun: false };

/** Count what the gates need in one pass over a token. */
function shapeOf(t: string): Shape {
  shape.digits = shape.dots = shape.colons = shape.dashes = 0;
  shape.x = shape.dotLetter = shape.idRun = false;
  // A run of [\w-] characters: its length and whether it holds a digit and a letter or "_".
  let run = 0;
  let runDigit = false;
  let runAlpha = false;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 32;
    const lower = c | 32;
    const letter = lower >= 97 && lower <= 122;
    const digit = c >= 48 && c <= 57;
    if (digit) shape.digits++;
    else if (c === 46) {
      shape.dots++;
      const d = t.charCodeAt(i + 1) | 32;
      if (d >= 97 && d <= 122) shape.dotLetter = true;
    } else if (c === 58) shape.colons++;
    else if (c === 45) shape.dashes++;
    if (lower === 120) shape.x = true;
    if (letter || digit || c === 95 || c === 45) {
      run++;
      runDigit ||= digit;
      runAlpha ||= letter || c === 95;
    } else {
      if (run >= 8 && runDigit && runAlpha) shape.idRun = true;
      run = 0;
      runDigit = runAlpha = false;
    }
  }
  return shape;
}

function maskToken(token: string): string {
  const sh = shapeOf(token);
  let t = token;
  for (const [re, applies] of TOKEN_MASKS) {
    if (!applies(sh, token)) continue;
    t = t.replace(re, WILDCARD);
    if (t === WILDCARD) break; // nothing matches inside <*>
  }
  return t;
}
