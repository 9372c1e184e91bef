// A file that is one JSON document (or several pretty-printed ones): an array
// of records ("[{...},{...}]", `gcloud logging read --format=json`), records
// printed by `jq .`, or a container whose arrays hold the records (CloudWatch
// `aws logs filter-log-events` exports, {"group": [{...}]} lists). The file is
// read line by line with a small lexer, never held whole: the first line of
// each record is its event (pending until the record closes), its other lines
// are continuations, and brackets and container fields are continuations too.
//
// Which objects are records: an object inside an array (outside any record),
// or a top-level object. A top-level object whose own fields are not log
// fields and that turns out to hold an array of objects is a container, not a
// record: it is dropped as a candidate and its array's objects become records.

import { isCloudWatchEvent, mapCloudWatchEvent } from './cloudwatch.ts';
import { isObject, mapJsonRecord, own, type JsonObject } from './json-record.ts';
import { leadingLevel, TextMatch, TextReader } from './text-line.ts';
import { LineType, newRecordOut, resetRecord, type LineParser, type LineTypeCode, type LogFormat, type ParseEnv, type RecordOut } from './types.ts';
import { Flag } from '../model/kinds.ts';

/** Keys that make a top-level object a log record rather than a container. */
const LOG_KEYS = new Set(['time', 'ts', 'timestamp', '@timestamp', '@t', 'level', 'severity', 'msg', 'message', '@m', '@mt', 'MESSAGE', '__REALTIME_TIMESTAMP', 'textPayload', 'jsonPayload', 'insertId', 'log', 'fields']);

/** Arrays of metadata, not of records (CloudWatch exports list the streams they searched). */
const NOT_RECORD_LISTS = new Set(['searchedLogStreams', 'subscriptionFilters', 'tags', 'labels', 'spans']);

/** Records larger than this are not buffered further (the rest of the file still parses). */
const MAX_RECORD_CHARS = 16 << 20;

interface Item {
  kind: 'open' | 'complete' | 'close' | 'dropped';
  text: string;
}

export class JsonDocumentParser implements LineParser {
  private readonly stack: number[] = [];
  /** Per open container: the key it is the value of ('' for array elements and the top level). */
  private readonly keys: string[] = [];
  private inStr = false;
  private esc = false;
  /** Stack depth of the open record's "{" (1-based), 0 when no record is open. */
  private recDepth = 0;
  private candidate = false;
  private candidateIsRecord = false;
  private buf: string[] = [];
  private bufChars = 0;
  /** Index in `items` of the open record's item when it started on this line, else -1. */
  private openItem = -1;
  private items: Item[] = [];
  private next = 1;
  private strStart = -1;
  /** The last string, until we know whether a ':' makes it a key. */
  private lastString = '';
  /** The key whose value comes next ('' after a value). */
  private key = '';
  private readonly reader: TextReader;
  private readonly textOut = newRecordOut();

  constructor(private readonly env: ParseEnv) {
    this.reader = new TextReader(env);
  }

  parseLine(line: string, out: RecordOut): LineTypeCode {
    this.scan(line);
    const live = this.items.filter((x) => x.kind !== 'dropped');
    this.items = live;
    this.next = 1;
    if (live.length === 0) return line.trim().length === 0 && this.recDepth === 0 ? LineType.blank : LineType.continuation;
    return this.emit(live[0], out);
  }

  more(out: RecordOut): LineTypeCode | null {
    const item = this.items[this.next++];
    return item ? this.emit(item, out) : null;
  }

  private emit(item: Item, out: RecordOut): LineTypeCode {
    if (item.kind === 'open') return LineType.pending;
    this.map(item.text, out);
    return item.kind === 'close' ? LineType.done : LineType.record;
  }

  /** Lex one line, collecting the records that open, close or fit on it. */
  private scan(line: string): void {
    this.items = [];
    this.openItem = -1;
    let pieceStart = this.recDepth > 0 ? 0 : -1;
    const st = this.stack;
    this.strStart = -1; // a string carried over from the previous line is a value, not a key we need
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (this.inStr) {
        if (this.esc) this.esc = false;
        else if (c === 92) this.esc = true;
        else if (c === 34) {
          this.inStr = false;
          this.lastString = this.strStart >= 0 ? line.slice(this.strStart, i) : '';
        }
        continue;
      }
      if (c === 34) {
        this.inStr = true;
        this.strStart = i + 1;
      } else if (c === 58) {
        this.key = this.lastString;
        // Keys at a candidate's own level tell a record from a container.
        if (this.candidate && st.length === this.recDepth && LOG_KEYS.has(this.key)) this.candidateIsRecord = true;
      } else if (c === 44) {
        this.key = '';
      } else if (c === 123) {
        const parent = st.length > 0 ? st[st.length - 1] : 0;
        const listKey = this.keys.length > 0 ? this.keys[this.keys.length - 1] : '';
        const inRecordList = parent === 91 && !NOT_RECORD_LISTS.has(listKey);
        this.push(c);
        if (this.recDepth === 0 && (parent === 0 || inRecordList)) {
          pieceStart = this.open(i, parent === 0);
          continue;
        }
        if (this.candidate && !this.candidateIsRecord && inRecordList) {
          // The top-level object is a container: its array's objects are the records.
          if (this.openItem >= 0) this.items[this.openItem].kind = 'dropped';
          pieceStart = this.open(i, false);
          continue;
        }
      } else if (c === 91) this.push(c);
      else if (c === 125 || c === 93) {
        st.pop();
        this.keys.pop();
        this.key = '';
        if (this.recDepth > 0 && st.length === this.recDepth - 1 && c === 125) {
          const text = this.buf.join('') + line.slice(pieceStart, i + 1);
          if (this.openItem >= 0) this.items[this.openItem] = { kind: 'complete', text };
          else this.items.push({ kind: 'close', text });
          this.recDepth = 0;
          this.candidate = false;
          this.buf = [];
          this.bufChars = 0;
          this.openItem = -1;
          pieceStart = -1;
        }
      }
    }
    if (this.recDepth > 0 && pieceStart >= 0 && this.bufChars < MAX_RECORD_CHARS) {
      const piece = line.slice(pieceStart) + '\n';
      this.buf.push(piece);
      this.bufChars += piece.length;
    }
  }

  private push(c: number): void {
    this.stack.push(c);
    this.keys.push(this.key);
    this.key = '';
  }

  /** A record (or top-level candidate) opens at line[i]; returns where its text starts. */
  private open(i: number, topLevel: boolean): number {
    this.recDepth = this.stack.length;
    this.candidate = topLevel;
    this.candidateIsRecord = false;
    this.buf = [];
    this.bufChars = 0;
    this.openItem = this.items.length;
    this.items.push({ kind: 'open', text: '' });
    return i;
  }

  /** Map one record's text; a record that does not parse keeps its first line as a malformed message. */
  private map(text: string, out: RecordOut): void {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      v = null;
    }
    if (!isObject(v)) {
      out.message = text.split('\n')[0];
      out.flags |= Flag.malformed;
      return;
    }
    const type = isCloudWatchEvent(v) ? mapCloudWatchEvent(v, streamOf(v), out, this.env) : mapJsonRecord(v, out, this.env);
    if (type === LineType.text) this.readText(out);
  }

  /** A record whose message is plain text (CloudWatch, Docker): level and logger come from the text. */
  private readText(out: RecordOut): void {
    const t = this.textOut;
    resetRecord(t);
    const found = this.reader.read(out.text, t);
    if (found === TextMatch.none) {
      out.message = out.text;
      if (!out.level) out.level = leadingLevel(out.text);
      return;
    }
    out.message = t.message;
    if (t.level) out.level = t.level;
    if (!out.logger) out.logger = t.logger;
    if (Number.isNaN(out.tMs)) {
      out.tMs = t.tMs;
      out.subNs = t.subNs;
      out.zoned = t.zoned;
    }
  }
}

function streamOf(o: JsonObject): string {
  const s = own(o, 'logStreamName');
  return typeof s === 'string' ? s : '';
}

export const jsonDocumentFormat: LogFormat = {
  id: 'json-document',
  label: 'JSON document',
  detect(_name, lines) {
    const content = lines.filter((l) => l.trim());
    const first = (content[0] ?? '').trim();
    // Above JSON lines: the inner records of a pretty array also look like JSON lines.
    if (first === '[' || first === '{' || /^\[\s*[{[\]]/.test(first)) return 0.95;
    if (!first.startsWith('{')) return 0;
    try {
      JSON.parse(first);
      return 0; // a whole record on its first line: JSON lines
    } catch {
      // a record that goes on past its first line, or a cut-off JSON line
    }
    // Pretty-printed: the next line is an indented field, not another record.
    return /^\s+"/.test(content[1] ?? '') ? 0.9 : 0;
  },
  createParser(env) {
    return new JsonDocumentParser(env);
  },
  fields(raw) {
    const a = raw.indexOf('{');
    const b = raw.lastIndexOf('}');
    if (a < 0 || b < a) return { raw };
    try {
      const v: unknown = JSON.parse(raw.slice(a, b + 1));
      return isObject(v) ? v : { value: v };
    } catch {
      return { raw };
    }
  },
};
