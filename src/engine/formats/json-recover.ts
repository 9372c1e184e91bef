// JSON lines as people paste them into issues: cut with `, ...}`, `…`,
// `[...]` or `<big list of alt names>`, with a trailing comma, or without the
// closing brace. JSON.parse rejects the whole line; this reads the record up
// to the cut so the event keeps its time, level, message and every field
// before it. Only lines that JSON.parse already refused come here, so the
// fast path never pays for it.

import { startsCutMark } from './elision.ts';
import type { JsonObject } from './json-record.ts';

/** Where reading stopped: at the end of a complete record, or at a cut. */
interface Cursor {
  s: string;
  i: number;
  /** Something was missing or cut: the record is partial. */
  cut: boolean;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function ws(c: Cursor): void {
  const s = c.s;
  while (c.i < s.length) {
    const ch = s.charCodeAt(c.i);
    if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) break;
    c.i++;
  }
}

/** A string at s[i] (the opening quote); a string the line cuts off keeps what it has. */
function str(c: Cursor): string | undefined {
  const s = c.s;
  let j = c.i + 1;
  while (j < s.length) {
    const ch = s.charCodeAt(j);
    if (ch === 92) j += 2;
    else if (ch === 34) break;
    else j++;
  }
  if (j >= s.length) {
    // Cut inside the string: keep its text, less a trailing cut mark.
    c.cut = true;
    const text = unescape(s.slice(c.i + 1).replace(/\\$/, '')) ?? s.slice(c.i + 1);
    c.i = s.length;
    return text.replace(/\s*(?:\.{3,}|…)\s*$/, '');
  }
  const text = unescape(s.slice(c.i + 1, j));
  c.i = j + 1;
  return text;
}

function unescape(inner: string): string | undefined {
  if (inner.indexOf('\\') < 0) return inner;
  try {
    const v: unknown = JSON.parse(`"${inner}"`);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A value at the cursor, or undefined at a cut (the cursor then stops there). */
function value(c: Cursor, depth: number): unknown {
  ws(c);
  const s = c.s;
  const ch = s.charCodeAt(c.i);
  if (ch === 34) return str(c);
  if (ch === 123) return depth < 16 ? object(c, depth + 1) : undefined;
  if (ch === 91 && !startsCutMark(s, c.i)) return depth < 16 ? array(c, depth + 1) : undefined;
  for (const [word, v] of LITERALS) {
    if (s.startsWith(word, c.i)) {
      c.i += word.length;
      return v;
    }
  }
  NUMBER.lastIndex = c.i;
  const m = NUMBER.exec(s);
  if (m) {
    c.i += m[0].length;
    return Number(m[0]);
  }
  c.cut = true;
  return undefined;
}

const LITERALS: [string, unknown][] = [['true', true], ['false', false], ['null', null]];

function object(c: Cursor, depth: number): JsonObject {
  const o: JsonObject = {};
  c.i++; // {
  for (;;) {
    ws(c);
    const s = c.s;
    const ch = s.charCodeAt(c.i);
    if (ch === 125) {
      c.i++;
      return o;
    }
    if (ch !== 34) {
      c.cut = true;
      return o;
    }
    const key = str(c);
    ws(c);
    if (key === undefined || c.cut || s.charCodeAt(c.i) !== 58) {
      c.cut = true;
      return o;
    }
    c.i++;
    const v = value(c, depth);
    if (v !== undefined) Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
    if (c.cut) return o;
    ws(c);
    const sep = s.charCodeAt(c.i);
    if (sep === 44) {
      c.i++;
      continue;
    }
    if (sep === 125) {
      c.i++;
      return o;
    }
    c.cut = true;
    return o;
  }
}

function array(c: Cursor, depth: number): unknown[] {
  const a: unknown[] = [];
  c.i++; // [
  for (;;) {
    ws(c);
    const ch = c.s.charCodeAt(c.i);
    if (ch === 93) {
      c.i++;
      return a;
    }
    const v = value(c, depth);
    if (v !== undefined) a.push(v);
    if (c.cut) return a;
    ws(c);
    const sep = c.s.charCodeAt(c.i);
    if (sep === 44) c.i++;
    else if (sep === 93) {
      c.i++;
      return a;
    } else {
      c.cut = true;
      return a;
    }
  }
}

/**
 * The record a hand-edited JSON line starts with, read up to its first cut,
 * or null when the line does not start a record with at least one field.
 * For a line JSON.parse accepts this is not called.
 */
export function recoverJsonObject(line: string): JsonObject | null {
  const c: Cursor = { s: line, i: line.indexOf('{'), cut: false };
  if (c.i < 0) return null;
  const o = object(c, 0);
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return o;
  return null;
}
