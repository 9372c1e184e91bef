// JSON lines (one record per line) in every common dialect; see json-record.ts
// for the field mapping. Non-JSON lines in between (a Go runtime trace, a
// plain-text line from another writer) fall back to the text path, so mixed
// files keep every line.

import { FAST_FALLBACK, parseJsonFast } from './json-fast.ts';
import { mapJsonRecord, isObject } from './json-record.ts';
import { LineType, type LineTypeCode, type LogFormat, type ParseEnv, type RecordOut } from './types.ts';

export function parseJsonLine(line: string, out: RecordOut, env: ParseEnv): LineTypeCode {
  const c = line.charCodeAt(0);
  if (c !== 123) {
    const trimmed = line.trimStart();
    if (trimmed.length === 0) return LineType.blank;
    if (trimmed.charCodeAt(0) !== 123) {
      out.text = line;
      return LineType.text;
    }
    line = trimmed;
  }
  // Most records never need a full object (json-fast.ts); the rest take JSON.parse below.
  const fast = parseJsonFast(line, out, env);
  if (fast !== FAST_FALLBACK) return fast;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    out.message = line;
    return LineType.malformed;
  }
  if (!isObject(v)) {
    out.message = line;
    return LineType.malformed;
  }
  return mapJsonRecord(v, out, env);
}

export const jsonLinesFormat: LogFormat = {
  id: 'json-lines',
  label: 'JSON lines',
  detect(_name, lines) {
    let json = 0;
    let nonBlank = 0;
    for (const l of lines) {
      const t = l.trim();
      if (!t) continue;
      nonBlank++;
      if (t[0] === '{' && t[t.length - 1] === '}') json++;
    }
    if (nonBlank === 0 || json === 0) return 0;
    // Mixed files (JSON records between raw trace lines) are still JSON lines.
    return json / nonBlank >= 0.3 ? 0.5 + 0.4 * (json / nonBlank) : 0.2;
  },
  createParser(env) {
    return { parseLine: (line, out) => parseJsonLine(line, out, env) };
  },
  fields(raw) {
    try {
      const v: unknown = JSON.parse(raw.split('\n')[0]);
      return isObject(v) ? v : { value: v };
    } catch {
      return { raw };
    }
  },
};
