// JSON lines (one record per line) in every common dialect; see json-record.ts
// for the field mapping. Non-JSON lines in between (a Go runtime trace, a
// plain-text line from another writer) fall back to the text path, so mixed
// files keep every line. Lines that pack several records (CloudWatch
// subscription payloads, objects written back to back as "}{") hand the
// extra records out through `more()`.

import { cloudWatchPayload, mapCloudWatchEvent } from './cloudwatch.ts';
import { otlpRecords } from './otlp.ts';
import { FAST_FALLBACK, lastLineSubject, parseJsonBytes, parseJsonFast, scanJsonLine, scanned } from './json-fast.ts';
import { shareChunk } from './json-values.ts';
import { mapJsonRecord, isObject, type JsonObject } from './json-record.ts';
import { recoverJsonObject } from './json-recover.ts';
import { Flag } from '../model/kinds.ts';
import { TextMatch, TextReader } from './text-line.ts';
import { newTimeOut } from '../model/time.ts';
import { LineType, newRecordOut, resetRecord, type LineParser, type LineTypeCode, type LogFormat, type ParseEnv, type RecordOut } from './types.ts';

/** A record still to hand out from the current line (a lane name overrides the record's own). */
type Queued = { ev: JsonObject; group: string } | { obj: JsonObject; logger?: string };

/**
 * Split "{...}{...}" (objects back to back, Firehose style) into the texts
 * of the objects; null when the line is not exactly that.
 */
export function splitConcatenated(line: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let inStr = false;
  let start = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
      continue;
    }
    if (c === 34) inStr = true;
    else if (c === 123 || c === 91) {
      if (depth === 0) {
        if (c !== 123) return null;
        start = i;
      }
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) parts.push(line.slice(start, i + 1));
    } else if (depth === 0 && c !== 32 && c !== 9 && c !== 44) return null;
  }
  return depth === 0 && parts.length > 1 ? parts : null;
}

/** A record right after a leading time ("2024-05-01T10:00:00Z {", "2024-05-01 10:00:00 {"), not JSON fields at the end of a text line. */
const JSON_AFTER_TIME = /^\S+(?: [\d:.,]+)?\s+\{"/;

export class JsonLinesParser implements LineParser {
  private queue: Queued[] = [];
  /** parseBytes just gave this line up: parseLine goes straight to the full parse. */
  private fastFailed = false;

  constructor(private readonly env: ParseEnv) {}

  parseBytes(b: Uint8Array, start: number, end: number, out: RecordOut): LineTypeCode | typeof FAST_FALLBACK {
    if (this.queue.length !== 0) this.queue.length = 0;
    const type = parseJsonBytes(b, start, end, out, this.env);
    this.fastFailed = type === FAST_FALLBACK;
    return type;
  }

  scannedType: LineTypeCode | typeof FAST_FALLBACK = LineType.record;

  chunk(b: Uint8Array | null): void {
    shareChunk(b);
  }

  scanBytes(b: Uint8Array, start: number, out: RecordOut): number {
    if (this.queue.length !== 0) this.queue.length = 0;
    const nl = scanJsonLine(b, start, out, this.env);
    this.scannedType = scanned.type;
    // A line scanned whole but left to the full path is decoded next: parseLine need not scan it again.
    this.fastFailed = nl >= 0 && scanned.type === FAST_FALLBACK;
    return nl;
  }

  subject(): string | null {
    return lastLineSubject();
  }

  parseLine(line: string, out: RecordOut): LineTypeCode {
    if (this.queue.length !== 0) this.queue.length = 0;
    const tryFast = !this.fastFailed;
    this.fastFailed = false;
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
    // CloudWatch payloads start with "messageType"; the fast path must not read them as one record.
    if (tryFast && !line.startsWith('{"messageType"') && !line.startsWith('{"resourceLogs"')) {
      // Most records never need a full object (json-fast.ts); the rest take JSON.parse below.
      const fast = parseJsonFast(line, out, this.env);
      if (fast !== FAST_FALLBACK) return fast;
    }
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      const parts = splitConcatenated(line);
      if (parts) return this.several(parts, out);
      // A hand-edited excerpt ("..., ...}", a missing brace): the fields before the cut.
      const cut = recoverJsonObject(line);
      if (cut) return recovered(this.record(cut, out), out);
      out.message = line;
      return LineType.malformed;
    }
    if (!isObject(v)) {
      out.message = line;
      return LineType.malformed;
    }
    return this.record(v, out);
  }

  more(out: RecordOut): LineTypeCode | null {
    const q = this.queue.shift();
    if (!q) return null;
    if ('ev' in q) return mapCloudWatchEvent(q.ev, q.group, out, this.env);
    const type = this.record(q.obj, out);
    if (q.logger) out.logger = q.logger;
    return type;
  }

  private record(o: JsonObject, out: RecordOut): LineTypeCode {
    const otlp = otlpRecords(o);
    if (otlp && otlp.length > 0) {
      this.queue.unshift(...otlp.slice(1).map((r) => ({ obj: r.record, logger: r.logger })));
      const type = mapJsonRecord(otlp[0].record, out, this.env);
      if (otlp[0].logger) out.logger = otlp[0].logger;
      return type;
    }
    const cw = cloudWatchPayload(o);
    if (!cw) return mapJsonRecord(o, out, this.env);
    // The payload's other events come next, before anything queued after the payload.
    this.queue.unshift(...cw.events.slice(1).map((ev) => ({ ev, group: cw.group })));
    if (cw.events.length > 0) return mapCloudWatchEvent(cw.events[0], cw.group, out, this.env);
    // A control message or an empty delivery: the payload itself is the event.
    out.message = `CloudWatch ${typeof o.messageType === 'string' ? o.messageType : 'payload'} without log events`;
    out.logger = cw.group;
    return LineType.record;
  }

  private several(parts: string[], out: RecordOut): LineTypeCode {
    const objs: JsonObject[] = [];
    for (const p of parts) {
      try {
        const v: unknown = JSON.parse(p);
        if (isObject(v)) objs.push(v);
      } catch {
        // a broken piece: the rest still count
      }
    }
    if (objs.length === 0) return LineType.malformed;
    const type = this.record(objs[0], out);
    const rest = this.queue.splice(0);
    for (const o of objs.slice(1)) rest.push({ obj: o });
    this.queue = rest;
    return type;
  }
}

/** A record read from a cut line is flagged so the file's statistics count it as recovered. */
function recovered(type: LineTypeCode, out: RecordOut): LineTypeCode {
  out.flags |= Flag.recovered;
  return type;
}

/** One JSON line, without the packed-record handling (tests, other formats). */
export function parseJsonLine(line: string, out: RecordOut, env: ParseEnv): LineTypeCode {
  return new JsonLinesParser(env).parseLine(line, out);
}

export const jsonLinesFormat: LogFormat = {
  id: 'json-lines',
  label: 'JSON lines',
  splittable: true,
  detect(_name, lines) {
    let json = 0;
    let nonBlank = 0;
    // Lines outside the JSON records that carry a time of their own: a text log with a few JSON lines is text.
    let timedText = 0;
    const reader = new TextReader({ year: 2000, time: newTimeOut() });
    const out = newRecordOut();
    for (const l of lines) {
      const t = l.trim();
      if (!t) continue;
      nonBlank++;
      // A line cut by hand ('{"time":..., "msg":"x", ...') is still a record.
      if (t[0] === '{' && (t[t.length - 1] === '}' || t[1] === '"')) json++;
      else {
        resetRecord(out);
        if (reader.read(l, out) !== TextMatch.timed) continue;
        // "2024-05-01T10:00:00Z {...}" (kubectl logs --timestamps): a JSON record behind a time.
        if (t.endsWith('}') && JSON_AFTER_TIME.test(t)) json++;
        else timedText++;
      }
    }
    if (nonBlank === 0 || json === 0) return 0;
    // Mixed files (JSON records between raw trace lines) are still JSON lines:
    // the records carry the times, the rest are stack frames and stray output.
    const share = json >= timedText ? json / (json + timedText) : json / nonBlank;
    return share >= 0.3 ? 0.5 + 0.4 * share : 0.2;
  },
  createParser(env) {
    return new JsonLinesParser(env);
  },
  fields(raw) {
    const first = raw.split('\n')[0].trim();
    try {
      const v: unknown = JSON.parse(first);
      return isObject(v) ? v : { value: v };
    } catch {
      return { raw };
    }
  },
};
