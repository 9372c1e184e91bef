// logfmt (https://brandur.org/logfmt): `time=... level=info msg="..." k=v`, as
// written by Go's slog TextHandler, logrus TextFormatter, go-kit, Grafana and
// Heroku. Each line becomes a flat key/value record that json-record.ts maps
// with the same dialect rules as JSON (time/ts/t, level/lvl, msg/message...).

import { mapJsonRecord, hasMessage, type JsonObject } from './json-record.ts';
import { startsCutMark } from './elision.ts';
import { Flag } from '../model/kinds.ts';
import { LineType, type LineTypeCode, type LogFormat, type ParseEnv, type RecordOut } from './types.ts';

function isKeyChar(c: number): boolean {
  // letters, digits, _ . - @ /
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64 || c === 47;
}

/**
 * Does the line open with `key=`? Cheap enough for every text line: it only
 * looks at the first token.
 */
export function startsLikeLogfmt(s: string): boolean {
  const c = s.charCodeAt(0);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64)) return false;
  let i = 1;
  while (i < s.length && i < 64 && isKeyChar(s.charCodeAt(i))) i++;
  return s.charCodeAt(i) === 61 && s.charCodeAt(i + 1) !== 61; // '=' but not '=='
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

/** What the last splitLogfmt saw: the line was cut by hand ("...", an open quote). */
const split = { cut: false };

/** Split a logfmt line into a record (null prototype: keys are data). Null when it has fewer than two pairs. */
export function splitLogfmt(s: string): JsonObject | null {
  split.cut = false;
  const o: JsonObject = Object.create(null) as JsonObject;
  let pairs = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i >= n) break;
    const k0 = i;
    while (i < n && s.charCodeAt(i) !== 61 && s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 9) i++;
    const key = s.slice(k0, i);
    if (s.charCodeAt(i) !== 61 && startsCutMark(s, k0)) {
      // "... " or "[...]" where the author cut the line: the pairs before it are the record.
      split.cut = true;
      break;
    }
    if (s.charCodeAt(i) !== 61) {
      if (key) o[key] = true; // a bare key is a flag
      continue;
    }
    i++; // '='
    let value: string;
    if (s.charCodeAt(i) === 34) {
      i++;
      let v = '';
      let start = i;
      while (i < n && s.charCodeAt(i) !== 34) {
        if (s.charCodeAt(i) === 92 && i + 1 < n) {
          v += s.slice(start, i) + (ESCAPES[s[i + 1]] ?? s[i + 1]);
          i += 2;
          start = i;
        } else i++;
      }
      value = v + s.slice(start, i);
      if (i >= n) {
        // No closing quote: the line was cut inside the value.
        split.cut = true;
        value = value.replace(/\s*(?:\.{3,}|…)\s*$/, '');
      }
      i++; // closing quote
    } else {
      const v0 = i;
      while (i < n && s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 9) i++;
      // An unquoted message runs on to the next key=value or the end ("msg=MONGODB-001: Error trying to connect ..."):
      // logfmt writers quote it, but hand-rolled "k=v | k=v" loggers do not.
      if (key === 'msg' || key === 'message') i = messageEnd(s, i);
      value = s.slice(v0, i);
    }
    if (key) {
      o[key] = value;
      pairs++;
    }
  }
  return pairs >= 2 ? o : null;
}

/** Where an unquoted message value ends: before the next ` key=` word, a lone `|` separator or a cut mark; else at the line's end. */
function messageEnd(s: string, i: number): number {
  const n = s.length;
  let end = i;
  while (i < n) {
    let w = i;
    while (w < n && (s.charCodeAt(w) === 32 || s.charCodeAt(w) === 9)) w++;
    if (w >= n || startsCutMark(s, w)) break;
    let k = w;
    while (k < n && isKeyChar(s.charCodeAt(k))) k++;
    if (k > w && s.charCodeAt(k) === 61) break; // the next pair
    let e = w;
    while (e < n && s.charCodeAt(e) !== 32 && s.charCodeAt(e) !== 9) e++;
    if (e === w + 1 && s.charCodeAt(w) === 124) break; // "|" between pairs
    end = i = e;
  }
  return end;
}

const KNOWN_KEYS = /(?:^|\s)(?:time|ts|t|timestamp|level|lvl|severity|msg|message)=/;

/** Map a logfmt line; false when it is not logfmt (fewer than two pairs, none of the usual keys). */
export function parseLogfmt(s: string, out: RecordOut, env: ParseEnv): boolean {
  if (!KNOWN_KEYS.test(s)) return false;
  const o = splitLogfmt(s);
  if (!o) return false;
  mapJsonRecord(o, out, env);
  if (split.cut) out.flags |= Flag.recovered;
  // A line without a message key reads best as itself, not as re-serialised JSON.
  if (!hasMessage(o)) out.message = s;
  return true;
}

export const logfmtFormat: LogFormat = {
  id: 'logfmt',
  label: 'logfmt',
  splittable: true,
  detect(_name, lines) {
    let hits = 0;
    let nonBlank = 0;
    for (const l of lines) {
      if (!l.trim()) continue;
      nonBlank++;
      if (startsLikeLogfmt(l) && KNOWN_KEYS.test(l) && splitLogfmt(l)) hits++;
    }
    if (nonBlank === 0 || hits === 0) return 0;
    return 0.3 + 0.65 * (hits / nonBlank);
  },
  createParser(env) {
    return {
      parseLine(line: string, out: RecordOut): LineTypeCode {
        if (line.trim().length === 0) return LineType.blank;
        if (startsLikeLogfmt(line) && parseLogfmt(line, out, env)) return LineType.record;
        out.text = line;
        return LineType.text;
      },
    };
  },
  fields(raw) {
    const first = raw.split('\n')[0];
    return splitLogfmt(first) ?? { raw: first };
  },
};
