// Reads one file's lines into the table builder: asks the detected format to
// parse each line, then applies the rules every format shares: text lines
// find their own time or continue a stack trace, untimed lines take their
// predecessor's time, and each event is classified and templated.

import { Flag, Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import type { TableBuilder } from '../model/table-builder.ts';
import { leadingLevel, parseTextLine } from '../formats/text-line.ts';
import { LineType, newRecordOut, resetRecord, type LineParser, type LogFormat, type ParseEnv, type RecordOut } from '../formats/types.ts';
import type { Classifier } from '../classify/classifier.ts';
import type { Templater } from '../templates/templater.ts';
import type { FileStats } from './file-stats.ts';
import { StackState } from './multiline.ts';

/** Messages longer than this are kept truncated in memory; the raw bytes stay in the file. */
export const MAX_MESSAGE_CHARS = 4096;

export interface SharedSinks {
  builder: TableBuilder;
  classify: Classifier;
  templater: Templater;
  /** Message per builder row (undefined when over the memory budget). */
  messages: (string | undefined)[];
  /** Keep every message while the total stays under this many characters. */
  messageBudget: number;
  messageChars: number;
}

export class FileIngest {
  private readonly parser: LineParser;
  private readonly out: RecordOut = newRecordOut();
  private readonly textOut: RecordOut = newRecordOut();
  private readonly stack = new StackState();
  private lineNo = 0;
  /** Builder row of the current event, -1 before the first. */
  private current = -1;
  private currentLevel = 0;
  private lastMs = NaN;
  private lastNs = 0;
  private maxMs = -Infinity;
  private maxNs = 0;
  /** Rows at the head of the file with no time yet: they get the first time seen. */
  private leadingUntimed: number[] = [];
  private pending: { line: number; offset: number } | null = null;
  /** Byte offset just past the last line seen. */
  private lastEnd = 0;

  constructor(
    private readonly fileIndex: number,
    format: LogFormat,
    private readonly env: ParseEnv,
    private readonly stats: FileStats,
    private readonly sinks: SharedSinks,
    /** Minutes added to zone-less times (the user's per-file zone). */
    private readonly zoneOffsetMin = 0,
  ) {
    this.parser = format.createParser(env);
  }

  line(text: string, offset: number, length: number, truncated: boolean): void {
    const lineNo = ++this.lineNo;
    this.lastEnd = offset + length;
    this.stats.lines++;
    const out = this.out;
    resetRecord(out);
    let type = this.parser.parseLine(text, out);
    if (truncated) out.flags |= Flag.truncated;
    this.handle(type, text, lineNo, offset, length);
    // Formats that pack several records in one line (CloudWatch payloads).
    while (this.parser.more) {
      resetRecord(out);
      if (!this.parser.more(out)) break;
      type = LineType.record;
      this.startEvent(out, lineNo, offset, length, 0);
    }
  }

  end(): void {
    if (this.pending && this.parser.end) {
      resetRecord(this.out);
      const type = this.parser.end(this.out);
      if (type === LineType.done || type === LineType.malformed) {
        this.handle(type, '', this.lineNo, -1, 0);
      }
    }
    if (this.pending) {
      // A record that never completed: its first line is kept as a malformed event.
      resetRecord(this.out);
      this.out.message = '(incomplete record at end of file)';
      this.stats.continuations--;
      this.startEvent(this.out, this.pending.line, this.pending.offset, 0, Flag.malformed);
      this.stats.malformed++;
      this.pending = null;
    }
    if (this.leadingUntimed.length > 0) this.stats.notices.push(`${this.leadingUntimed.length} event(s) have no time in the whole file`);
  }

  /** Rows of this file that never got a time (placed later at the timeline's start). */
  get untimedRows(): readonly number[] {
    return this.leadingUntimed;
  }

  private handle(type: number, text: string, lineNo: number, offset: number, length: number): void {
    const out = this.out;
    switch (type) {
      case LineType.record:
        this.startEvent(out, lineNo, offset, length, 0);
        return;
      case LineType.text:
        this.text(out.text, lineNo, offset, length);
        return;
      case LineType.blank:
        this.stats.blank++;
        return;
      case LineType.continuation:
        this.stats.continuations++;
        if (this.pending) return;
        if (this.current < 0) return;
        this.extend(lineNo, offset, length);
        return;
      case LineType.malformed:
        this.stats.malformed++;
        if (!out.message) out.message = text;
        this.startEvent(out, lineNo, offset, length, Flag.malformed);
        return;
      case LineType.pending:
        this.pending = { line: lineNo, offset };
        this.stats.continuations++; // re-counted as the event's line when it completes
        return;
      case LineType.done: {
        if (!this.pending) {
          this.startEvent(out, lineNo, offset, length, 0);
          return;
        }
        const p = this.pending;
        this.pending = null;
        if (p.line !== lineNo) this.stats.continuations++;
        this.stats.continuations--; // the first line is the event's, not a continuation
        const end = offset >= 0 ? offset + length : this.lastEnd;
        this.startEvent(out, p.line, p.offset, end - p.offset, 0);
        this.sinks.builder.columns.lineCount[this.current] = lineNo - p.line + 1;
        return;
      }
    }
  }

  /** Generic text path, shared by every format. */
  private text(text: string, lineNo: number, offset: number, length: number): void {
    const wrapper = this.out;
    if (text.trim().length === 0) {
      this.stats.blank++;
      return;
    }
    const t = this.textOut;
    resetRecord(t);
    if (parseTextLine(text, t, this.env)) {
      if (!t.logger) t.logger = wrapper.logger;
      t.flags = wrapper.flags;
      this.startEvent(t, lineNo, offset, length, 0);
      return;
    }
    if (this.current >= 0 && this.stack.continues(text, this.currentLevel)) {
      this.stats.continuations++;
      this.extend(lineNo, offset, length);
      return;
    }
    // An event of its own: the wrapper's time if any, else the predecessor's.
    t.tMs = wrapper.tMs;
    t.subNs = wrapper.subNs;
    t.zoned = wrapper.zoned;
    t.logger = wrapper.logger;
    t.level = wrapper.level || leadingLevel(text);
    t.message = text;
    t.flags = wrapper.flags;
    this.startEvent(t, lineNo, offset, length, 0);
  }

  private extend(lineNo: number, offset: number, length: number): void {
    const c = this.sinks.builder.columns;
    const i = this.current;
    c.lineCount[i] = lineNo - c.line[i] + 1;
    if (offset >= 0) c.byteLength[i] = offset + length - c.byteOffset[i];
  }

  private startEvent(r: RecordOut, lineNo: number, offset: number, length: number, flags: number): void {
    const s = this.stats;
    const sinks = this.sinks;
    s.events++;
    flags |= r.flags;
    let ms = r.tMs;
    let ns = r.subNs;
    if (Number.isNaN(ms)) {
      s.untimed++;
      flags |= Flag.untimed;
      ms = this.lastMs;
      ns = this.lastNs;
    } else {
      if (!r.zoned) {
        s.zoneAssumed = true;
        flags |= Flag.zoneAssumed;
        ms -= this.zoneOffsetMin * 60000;
      }
      if (ms < this.maxMs || (ms === this.maxMs && ns < this.maxNs)) s.outOfOrder++;
      else {
        this.maxMs = ms;
        this.maxNs = ns;
      }
      if (!(ms >= s.firstTime)) s.firstTime = ms;
      if (!(ms <= s.lastTime)) s.lastTime = ms;
      this.lastMs = ms;
      this.lastNs = ns;
    }
    const message = r.message.length > MAX_MESSAGE_CHARS ? r.message.slice(0, MAX_MESSAGE_CHARS) : r.message;
    const cls = sinks.classify(message, r.extra);
    let level = r.level;
    if (level === Level.none && cls.kind === Kind.crash) level = Level.fatal;
    const row = sinks.builder.push({
      tMs: ms,
      subNs: ns,
      level,
      kind: cls.kind,
      flags: flags | cls.flags,
      file: this.fileIndex,
      logger: r.logger ? sinks.builder.internLogger(r.logger) : 0,
      line: lineNo,
      lineCount: 1,
      byteOffset: offset,
      byteLength: length,
      template: sinks.templater.add(message),
    });
    if (Number.isNaN(ms)) this.leadingUntimed.push(row);
    else if (this.leadingUntimed.length > 0) {
      // Lines before the file's first timestamp take that first time.
      const c = sinks.builder.columns;
      for (const k of this.leadingUntimed) {
        c.tMs[k] = ms;
        c.subNs[k] = ns;
      }
      this.leadingUntimed = [];
    }
    const keep = sinks.messageChars + message.length <= sinks.messageBudget || cls.kind !== Kind.plain || level >= Level.warn;
    sinks.messages[row] = keep ? message : undefined;
    if (keep) sinks.messageChars += message.length;
    this.current = row;
    this.currentLevel = level;
    this.stack.startEvent(message);
  }
}
