// A validating JSON scanner over one line of text, without building values:
// it finds where strings, numbers and nested values end and rejects anything
// JSON.parse would reject. The JSON-lines fast path (json-fast.ts) uses it to
// pick out a few top-level values; it lives apart because it is plain JSON
// grammar (https://www.rfc-editor.org/rfc/rfc8259) with no log knowledge.

const MAX_DEPTH = 64;

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

// Most lines hold no backslash and no control character (one regex test
// says so): there a string simply ends at the next quote. Other lines walk
// each string, rejecting raw control characters (invalid in JSON strings)
// and checking every escape.

/**
 * Per-line scanner state (the scanner is synchronous, so one is enough):
 * `plain`: the line has no backslash and no control character, so strings end
 * at the next quote; `hadEscape`: set by stringEnd, the string had an escape.
 */
export const scanState = { plain: false, hadEscape: false };
const SPECIAL = /[\u0000-\u001f\\]/;

/** Start scanning a line; returns whether it is plain. */
export function beginLine(line: string): boolean {
  scanState.plain = !SPECIAL.test(line);
  return scanState.plain;
}

/** Index of the closing quote of the string starting at i (after its opening quote), -1 if invalid. */
export function stringEnd(line: string, i: number): number {
  if (scanState.plain) {
    scanState.hadEscape = false;
    return line.indexOf('"', i);
  }
  const n = line.length;
  for (; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) {
      scanState.hadEscape = false;
      return i;
    }
    if (c === 92 || c < 32) return escapedEnd(line, i);
  }
  return -1;
}

function escapedEnd(line: string, j: number): number {
  scanState.hadEscape = true;
  const n = line.length;
  for (; j < n; j++) {
    const c = line.charCodeAt(j);
    if (c === 34) return j;
    if (c < 32) return -1;
    if (c !== 92) continue;
    const e = line.charCodeAt(++j);
    if (e === 117) { // \uXXXX
      if (!(isHex(line.charCodeAt(j + 1)) && isHex(line.charCodeAt(j + 2)) && isHex(line.charCodeAt(j + 3)) && isHex(line.charCodeAt(j + 4)))) return -1;
      j += 4;
    } else if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return -1;
  }
  return -1;
}

/** Like stringEnd for a key; -1 for invalid or escaped keys (the full path handles those). */
export function keyEnd(line: string, i: number): number {
  const n = line.length;
  for (; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92 || c < 32) return -1;
  }
  return -1;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** End (exclusive) of a JSON number starting at i, -1 if invalid. */
function numberEnd(line: string, i: number): number {
  let c = line.charCodeAt(i);
  if (c === 45) c = line.charCodeAt(++i);
  if (c === 48) c = line.charCodeAt(++i);
  else if (c >= 49 && c <= 57) {
    do c = line.charCodeAt(++i);
    while (isDigit(c));
  } else return -1;
  if (c === 46) {
    c = line.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    do c = line.charCodeAt(++i);
    while (isDigit(c));
  }
  if (c === 101 || c === 69) {
    c = line.charCodeAt(++i);
    if (c === 43 || c === 45) c = line.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    do c = line.charCodeAt(++i);
    while (isDigit(c));
  }
  return i;
}

export function ws(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** End (exclusive) of any JSON value starting at i (validated), -1 if invalid. */
export function valueEnd(line: string, i: number, depth: number): number {
  const c = line.charCodeAt(i);
  if (c === 34) {
    const e = stringEnd(line, i + 1);
    return e < 0 ? -1 : e + 1;
  }
  if (c === 123 || c === 91) {
    if (depth >= MAX_DEPTH) return -1;
    const close = c === 123 ? 125 : 93;
    i = ws(line, i + 1);
    if (line.charCodeAt(i) === close) return i + 1;
    for (;;) {
      if (c === 123) {
        if (line.charCodeAt(i) !== 34) return -1;
        const k = stringEnd(line, i + 1);
        if (k < 0) return -1;
        i = ws(line, k + 1);
        if (line.charCodeAt(i) !== 58) return -1;
        i = ws(line, i + 1);
      }
      i = valueEnd(line, i, depth + 1);
      if (i < 0) return -1;
      i = ws(line, i);
      const d = line.charCodeAt(i);
      if (d === close) return i + 1;
      if (d !== 44) return -1;
      i = ws(line, i + 1);
    }
  }
  if (c === 45 || isDigit(c)) return numberEnd(line, i);
  if (c === 116) return line.startsWith('true', i) ? i + 4 : -1;
  if (c === 102) return line.startsWith('false', i) ? i + 5 : -1;
  if (c === 110) return line.startsWith('null', i) ? i + 4 : -1;
  return -1;
}
