// Reads one file's lines into the table builder: asks the detected format to
// parse each line, then applies the rules every format shares: text lines
// find their own time or continue a stack trace, untimed lines take their
// predecessor's time, and each event is classified and templated.
// It is one class over 500 lines on purpose: it is the per-line hot path, and
// its state (the previous event, the open stack, the untimed run) is shared by
// every step, so splitting it would pass that state across calls on each line.

import { defaultPlausibleRange, implausibleNotice, isPlausible, type PlausibleRange } from './plausible-time.ts';
import { Flag, Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import { leadingLevel, TextMatch, TextReader } from '../formats/text-line.ts';
import { DECODE_LINE, LineType, newRecordOut, type LineTypeCode, resetRecord, type LineParser, type LogFormat, type ParseEnv, type RecordOut } from '../formats/types.ts';
import { createClassifier, type Classification, type Classifier, type Watch } from '../classify/classifier.ts';
import type { VocabularyEntry } from '../classify/vocabulary.ts';
import { lineSubject } from '../classify/subject.ts';
import type { Templater } from '../templates/templater.ts';
import type { FileStats } from './file-stats.ts';
import { STACK_WORDS, StackState } from './multiline.ts';
import { Block, EVENT_PATTERN, HEADER_PATTERN, HeldHeader, headsBody, STATUS_PATTERN } from './two-line-records.ts';
import { MessageFacts } from './message-facts.ts';
import { detachString, type TableBuilder } from '../model/table-builder.ts';
import { ClockPlacer, DATE_PLACED_NOTICE, DATE_UNKNOWN_NOTICE, isRawClock, isUnknownDay, UPTIME_NOTICE } from '../model/time-of-day.ts';
import { EarlyClocks } from './early-clocks.ts';
import { isElisionLine } from '../formats/elision.ts';
import { isColumnHeader } from '../formats/column-header.ts';

/** Messages longer than this are kept truncated in memory; the raw bytes stay in the file. */
export const MAX_MESSAGE_CHARS = 4096;
/** Lines longer than this get a notice: a 10 MB line is usually a dump, not a log line. */
const LONG_LINE_CHARS = 1 << 20;

export interface SharedSinks {
  builder: TableBuilder;
  classify: Classifier;
  /** Set by `classify` when it can tell a message holds no stack-opening word (see ingestClassifier). */
  stackWords?: Watch;
  templater: Templater;
  /** Message per builder row (undefined when over the memory budget). */
  messages: (string | undefined)[];
  /** Keep every message while the total stays under this many characters. */
  messageBudget: number;
  messageChars: number;
}

/**
 * The classifier for FileIngest's sinks: its literal scan also tells whether a
 * message holds a word that could open a stack trace (multiline.ts), so most
 * messages skip those searches. `memo: false` when the caller remembers
 * answers per message itself (message-facts.ts).
 */
export function ingestClassifier(vocabulary: readonly VocabularyEntry[], memo: boolean): { classify: Classifier; stackWords: Watch } {
  const stackWords: Watch = { words: STACK_WORDS, seen: true };
  return { classify: createClassifier(vocabulary, { memo, watch: stackWords }), stackWords };
}

/**
 * Everything FileIngest carries from one line to the next, so a file read in
 * slices (parallel ingest, see slice-ingest.ts) continues exactly where the
 * previous slice stopped. Row numbers are builder rows.
 */
export interface FileIngestState {
  lineNo: number;
  current: number;
  currentLevel: number;
  inStack: boolean;
  lastMs: number;
  lastNs: number;
  maxMs: number;
  maxNs: number;
  leadingUntimed: number[];
  lastEnd: number;
  /** Bits of Seen: what the file's notices will mention (OR-ed across slices). */
  seen?: number;
  /** Bytes of the longest very long line (max across slices). */
  longest?: number;
  /** ClockPlacer state: times of day crossing midnight. */
  clocks?: [number, number, number];
  /** An elision line came last: the next event was cut from what came before. */
  elided?: boolean;
}

/** FileIngest.bodyLine: the line was taken into the held record's body. */
const BODY_TAKEN = -2;

/** Things worth a notice, kept as bits so slices of one file combine by OR. */
const Seen = { crlf: 1, bom: 2, long: 4, dateless: 8, packed: 16, implausible: 32 } as const;

export class FileIngest {
  private readonly parser: LineParser;
  private readonly out: RecordOut = newRecordOut();
  private readonly textOut: RecordOut = newRecordOut();
  private readonly stack = new StackState();
  private readonly facts = new MessageFacts();
  private readonly reader: TextReader;
  /** A record's first line, waiting for the lines that carry its message (two-line-records.ts). */
  private readonly held = new HeldHeader();
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
  /** A record that started on `line` and is not complete yet; `shared` when that line already counted for another item. */
  private pending: { line: number; offset: number; shared: boolean } | null = null;
  /** Byte offset just past the last line seen. */
  private lastEnd = 0;
  /** Bits of Seen. Notices carry no counts, so slices of a file (parallel ingest) give the same ones. */
  private seen = 0;
  private longest = 0;
  /** The physical line being read: operations and signals look at its fields for their subject. */
  private lineText: string | null = '';
  /** ...or, for a line read as bytes (lineText null), where its bytes are. */
  private lineBuf: Uint8Array = new Uint8Array(0);
  private lineStart = 0;
  private lineEnd = 0;
  /** Same options as the splitter's decoder, so a line decoded here reads as it would have there. */
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  /** Lines read as bytes whose text had invalid UTF-8 (the splitter counts the others). */
  invalidLines = 0;
  /** Places times of day that carry no date (time-of-day.ts). */
  private readonly clocks: ClockPlacer;
  /** The last line was an elision ("..."): the next event is marked as following a cut. */
  private elided = false;
  /** Timed events earlier / later than the timed one before them: a file pasted newest first goes back at nearly every step. */
  private stepsBack = 0;
  private stepsOn = 0;
  /** Times of day before the file's first date, moved onto its day when it comes. */
  private readonly early = new EarlyClocks();
  /** The last timed event's time came from a time of day (so it is no date to place the next on). */
  private lastWasClock = false;
  /**
   * The last logger interned and its id: a file's lines mostly repeat their logger. `lastLoggerIn` is the
   * string the parser gave for the last line (the JSON fast path hands a repeated value back as the same
   * string, so the check is by identity, not by reading its text), `lastLogger` the builder's copy.
   */
  private lastLoggerIn = '';
  private lastLogger = '';
  private lastLoggerId = 0;
  /** Rows whose kept message is still a slice of a decoded window: detachKept makes them strings of their own. */
  private readonly sliceRows: number[] = [];
  /**
   * Rows whose kept message was built from pieces (a request line, json-request.ts) and came with its bytes:
   * the bytes are copied into byteText (byteLengths[i] each) and detachKept decodes them in one call.
   */
  private readonly byteRows: number[] = [];
  private readonly byteLengths: number[] = [];
  private byteText = new Uint8Array(1 << 16);
  private byteAt = 0;
  /** ASCII decodes the same in any decoder; this one never throws and keeps no state. */
  private static readonly asciiDecoder = new TextDecoder();

  constructor(
    private readonly fileIndex: number,
    format: LogFormat,
    private readonly env: ParseEnv,
    private readonly stats: FileStats,
    private readonly sinks: SharedSinks,
    /** Minutes added to zone-less times (the user's per-file zone). */
    private readonly zoneOffsetMin = 0,
    /** Times outside it are treated as missing (plausible-time.ts). */
    private readonly plausible: PlausibleRange = defaultPlausibleRange(),
  ) {
    this.parser = format.createParser(env);
    this.reader = new TextReader(env);
    this.clocks = new ClockPlacer(env.day);
  }

  line(text: string, offset: number, length: number, truncated: boolean): void {
    const lineNo = this.begin(offset, length, text.length > LONG_LINE_CHARS);
    this.lineText = text;
    const out = this.out;
    resetRecord(out);
    const type = this.parser.parseLine(text, out);
    if (truncated) out.flags |= Flag.truncated;
    this.handle(type, text, lineNo, offset, length);
    // Formats that pack several items in one line (CloudWatch payloads, a JSON array's "}, {").
    if (this.parser.more) {
      for (;;) {
        resetRecord(out);
        const next = this.parser.more(out);
        if (next === null) break;
        this.packedItem(next, lineNo, offset, length);
      }
    }
  }

  /** The parser reads undecoded lines (LineSplitter.useBytes can feed lineBytes). */
  get takesBytes(): boolean {
    return this.parser.parseBytes !== undefined;
  }

  /** For LineSplitter.useBytes' ChunkListener: the buffer lines now come from (see LineParser.chunk). */
  chunk(b: Uint8Array | null): void {
    this.detachKept();
    this.parser.chunk?.(b);
  }

  /**
   * Make the kept messages still sliced from a decoded window (sliceRows)
   * strings of their own, all at once: one string of their characters, each
   * message a slice of it. It holds nothing but kept text, so no window stays
   * pinned; copying each message on its own (detachString) took a runtime
   * call and three allocations per message. Called before the chunk the
   * windows were decoded from goes, and before anything reads the messages.
   */
  private detachKept(): void {
    if (this.byteRows.length > 0) this.detachBytes();
    const rows = this.sliceRows;
    const n = rows.length;
    if (n === 0) return;
    const messages = this.sinks.messages;
    const parts = new Array<string>(n);
    for (let i = 0; i < n; i++) parts[i] = messages[rows[i]] ?? '';
    const all = parts.join('');
    for (let i = 0, at = 0; i < n; i++) {
      const end = at + parts[i].length;
      // A row rolled back meanwhile (a file that failed) is not brought back.
      if (rows[i] < messages.length) messages[rows[i]] = all.slice(at, end);
      at = end;
    }
    rows.length = 0;
  }

  /**
   * The kept messages copied as bytes (byteRows): one decode of all of them,
   * each message a slice of it. A request line is a string built of pieces;
   * joining it with the others flattened each piece by piece, which cost more
   * than copying its bytes, already written out, as they come.
   */
  private detachBytes(): void {
    const rows = this.byteRows;
    const lengths = this.byteLengths;
    const messages = this.sinks.messages;
    const all = FileIngest.asciiDecoder.decode(this.byteText.subarray(0, this.byteAt));
    for (let i = 0, at = 0; i < rows.length; i++) {
      const end = at + lengths[i];
      // A row rolled back meanwhile (a file that failed) is not brought back.
      if (rows[i] < messages.length) messages[rows[i]] = all.slice(at, end);
      at = end;
    }
    rows.length = 0;
    lengths.length = 0;
    this.byteAt = 0;
  }

  /** Keep the message of `row` as its ASCII bytes b[start..end) until detachBytes. */
  private keepBytes(row: number, b: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.byteAt + n > this.byteText.length) {
      const grown = new Uint8Array(Math.max(2 * this.byteText.length, this.byteAt + n));
      grown.set(this.byteText.subarray(0, this.byteAt));
      this.byteText = grown;
    }
    const dst = this.byteText;
    let o = this.byteAt;
    for (let i = start; i < end; i++) dst[o++] = b[i];
    this.byteAt = o;
    this.byteRows.push(row);
    this.byteLengths.push(n);
  }

  /**
   * A UTF-8 line as bytes b[start..end) (see ByteLineSink): the parser reads
   * it undecoded, or asks for the text, and then it is exactly line(text).
   */
  lineBytes(b: Uint8Array, start: number, end: number, offset: number): void {
    const length = end - start;
    const parser = this.parser;
    if (length > LONG_LINE_CHARS || !parser.parseBytes) {
      this.line(this.decodeLine(b, start, end), offset, length, false);
      return;
    }
    const out = this.out;
    resetRecord(out);
    this.parsedBytes(parser.parseBytes(b, start, end, out), b, start, end, offset);
  }

  /**
   * For LineSplitter.useBytes' scanner: read the line starting at b[start] when
   * the parser finds its end itself (LineParser.scanBytes); returns the index
   * of the line's '\n', or -1 and the splitter hands the line to lineBytes.
   */
  scanLine(b: Uint8Array, start: number, offset: number): number {
    const parser = this.parser;
    if (!parser.scanBytes) return -1;
    const out = this.out;
    resetRecord(out);
    const nl = parser.scanBytes(b, start, out);
    if (nl < 0) return -1;
    const end = b[nl - 1] === 13 && nl - 1 >= start ? nl - 1 : nl;
    const length = end - start;
    if (length > LONG_LINE_CHARS) return -1; // the text path reads it, with its notice
    this.parsedBytes(parser.scannedType ?? LineType.record, b, start, end, offset);
    return nl;
  }

  /** A line the parser read as bytes (`out` filled), or asked to have decoded (DECODE_LINE). */
  private parsedBytes(type: LineTypeCode | typeof DECODE_LINE, b: Uint8Array, start: number, end: number, offset: number): void {
    const length = end - start;
    if (type === DECODE_LINE) {
      this.line(this.decodeLine(b, start, end), offset, length, false);
      return;
    }
    const lineNo = this.begin(offset, length, false);
    this.lineText = null;
    this.lineBuf = b;
    this.lineStart = start;
    this.lineEnd = end;
    this.handle(type, '', lineNo, offset, length);
  }

  /** Decode a line the splitter handed over as bytes, counting invalid bytes as the splitter would have. */
  private decodeLine(b: Uint8Array, start: number, end: number): string {
    const text = this.decoder.decode(b.subarray(start, end));
    if (text.includes('\uFFFD')) this.invalidLines++;
    return text;
  }

  /** Per-line bookkeeping shared by both entry points; returns the line's number. */
  private begin(offset: number, length: number, long: boolean): number {
    const lineNo = ++this.lineNo;
    // Offsets tell what the splitter removed: a BOM before line 1, a CR before each LF.
    // (A slice of a split file also starts at lineNo 1, but never 2 or 3 bytes into the file.)
    if (lineNo === 1 && offset === (this.stats.encoding === 'utf-8' ? 3 : 2)) this.seen |= Seen.bom;
    else if (offset - this.lastEnd === (this.stats.encoding === 'utf-8' ? 2 : 4)) this.seen |= Seen.crlf;
    if (long) {
      this.seen |= Seen.long;
      this.longest = Math.max(this.longest, length);
    }
    this.lastEnd = offset + length;
    this.stats.lines++;
    return lineNo;
  }

  /** The text of the line being read (decoded on demand when it came as bytes). */
  private currentLine(): string {
    if (this.lineText === null) this.lineText = this.decoder.decode(this.lineBuf.subarray(this.lineStart, this.lineEnd));
    return this.lineText;
  }

  /** An item that starts on a line already counted: it adds a row (or extends one), never a line count. */
  private packedItem(type: number, lineNo: number, offset: number, length: number): void {
    const out = this.out;
    if (this.held.active) this.releaseHeld();
    if (type === LineType.pending) {
      this.pending = { line: lineNo, offset, shared: true };
      return;
    }
    if (type === LineType.text) {
      if (this.textEvent(out.text) === null && this.current >= 0) this.extend(lineNo, offset, length);
      else this.startEvent(this.textOut, lineNo, offset, length, 0, true);
      return;
    }
    if (type === LineType.record || type === LineType.malformed) {
      if (type === LineType.record) this.pending = null;
      if (type === LineType.malformed || out.flags & Flag.malformed) this.stats.malformed++;
      this.startEvent(out, lineNo, offset, length, type === LineType.malformed ? Flag.malformed : 0, true);
    }
  }

  end(): void {
    this.detachKept();
    if (this.held.active) this.releaseHeld();
    if (this.pending && this.parser.end) {
      resetRecord(this.out);
      const type = this.parser.end(this.out);
      if (type === LineType.done || type === LineType.malformed) {
        this.handle(type, '', this.lineNo, -1, 0);
      }
    }
    if (this.pending) {
      // A record that never completed: its first line is kept as a malformed event.
      const p = this.pending;
      resetRecord(this.out);
      this.out.message = '(incomplete record at end of file)';
      if (!p.shared) this.stats.continuations--;
      this.startEvent(this.out, p.line, p.offset, Math.max(0, this.lastEnd - p.offset), Flag.malformed, p.shared);
      this.sinks.builder.columns.lineCount[this.current] = this.lineNo - p.line + 1;
      this.stats.malformed++;
      this.pending = null;
    }
    const s = this.stats;
    const seen = this.seen;
    const notice = (text: string) => {
      if (!s.notices.includes(text)) s.notices.push(text);
    };
    if (this.leadingUntimed.length > 0) notice(`${this.leadingUntimed.length} event(s) have no time in the whole file`);
    if (seen & Seen.packed) notice('some lines pack several records (CloudWatch payloads, a JSON array on one line): each record is shown as an event, its line is counted once');
    if (s.yearAssumed) notice(`timestamps without a year were read as ${this.env.year}`);
    if (seen & Seen.dateless) notice('times with a clock but no date were placed on the day of the date before them');
    if (s.uptimeClock) notice(UPTIME_NOTICE);
    if (this.clocks.placedUnknown) {
      s.dateUnknown = true;
      notice(DATE_UNKNOWN_NOTICE);
    }
    if (this.early.placedOn !== undefined) notice(`times of day before the file's first date were placed on its day, ${new Date(this.early.placedOn).toISOString().slice(0, 10)}`);
    if (this.clocks.placedOnDay && this.env.day !== undefined) notice(`${DATE_PLACED_NOTICE} ${new Date(this.env.day).toISOString().slice(0, 10)}`);
    for (const n of this.reader.notices()) notice(n);
    if (s.elided > 0) notice('lines cut out of the excerpt ("...") are counted with the blank lines; the event after each cut is marked');
    if (seen & Seen.bom) notice('a byte-order mark at the start was skipped');
    if (seen & Seen.implausible) notice(implausibleNotice(this.plausible));
    if (seen & Seen.crlf) notice('lines end in CR LF (Windows line endings); the CR is not part of the text');
    if (seen & Seen.long) notice(`very long line(s), up to ${(this.longest / 1048576).toFixed(1)} MB: each is one event; its message keeps the first ${MAX_MESSAGE_CHARS} characters`);
  }

  /** The line-to-line state (parallel ingest hands it from slice to slice). */
  snapshot(): FileIngestState {
    this.detachKept();
    return {
      lineNo: this.lineNo,
      current: this.current,
      currentLevel: this.currentLevel,
      inStack: this.stack.inStack,
      lastMs: this.lastMs,
      lastNs: this.lastNs,
      maxMs: this.maxMs,
      maxNs: this.maxNs,
      leadingUntimed: this.leadingUntimed.slice(),
      lastEnd: this.lastEnd,
      seen: this.seen,
      longest: this.longest,
      clocks: this.clocks.state,
      elided: this.elided,
    };
  }

  restore(s: FileIngestState): void {
    this.lineNo = s.lineNo;
    this.current = s.current;
    this.currentLevel = s.currentLevel;
    this.stack.inStack = s.inStack;
    this.lastMs = s.lastMs;
    this.lastNs = s.lastNs;
    this.maxMs = s.maxMs;
    this.maxNs = s.maxNs;
    this.leadingUntimed = s.leadingUntimed.slice();
    // Rows of earlier slices live in their own tables: early clocks are only moved within the first.
    this.early.close();
    this.lastEnd = s.lastEnd;
    // What earlier slices saw still counts: OR and max never double-count when a state is restored twice.
    this.seen |= s.seen ?? 0;
    this.longest = Math.max(this.longest, s.longest ?? 0);
    if (s.clocks) this.clocks.state = s.clocks;
    this.elided = s.elided ?? false;
  }

  /** Every time of day went on the day the caller gave (env.day), none after a dated event of the file. */
  get clocksOnGivenDay(): boolean {
    return this.clocks.placedOnDay && !this.clocks.sawDate && !this.clocks.placedUnknown;
  }

  /** Rows of this file that never got a time (placed later at the timeline's start). */
  /**
   * The file was written (or pasted) newest first: its times go back at
   * nearly every step (a console that shows the latest line at the top).
   */
  get newestFirst(): boolean {
    return this.stepsBack >= 2 && this.stepsBack >= 4 * this.stepsOn;
  }

  get untimedRows(): readonly number[] {
    return this.leadingUntimed;
  }

  private handle(type: number, text: string, lineNo: number, offset: number, length: number): void {
    const out = this.out;
    let found = -1;
    if (this.held.active) {
      if (this.held.body && this.held.throughBlanks && type === LineType.blank) {
        // An Erlang report's text has blank lines of its own: only the next header ends it.
        this.stats.blank++;
        return;
      }
      if (this.held.body) {
        // A body line joins the held record; any other line ends it (and is read once, here).
        found = type === LineType.text ? this.bodyLine(out.text, lineNo, offset, length) : -1;
        if (found === BODY_TAKEN) return;
        this.releaseHeld();
      } else {
        const second = type === LineType.text && this.held.takeSecondLine(out.text);
        this.releaseHeld();
        if (second) {
          this.stats.continuations++;
          this.extend(lineNo, offset, length);
          return;
        }
      }
    }
    switch (type) {
      case LineType.record:
        // A record while one is pending: the pending one was a container after all (JSON documents).
        this.pending = null;
        if (out.flags & Flag.malformed) this.stats.malformed++;
        this.startEvent(out, lineNo, offset, length, 0);
        return;
      case LineType.text:
        this.text(out.text, lineNo, offset, length, found);
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
        // A pending record replacing another: the earlier one was not a record after all (its lines stay continuations).
        this.pending = { line: lineNo, offset, shared: false };
        this.stats.continuations++; // re-counted as the event's line when it completes
        return;
      case LineType.done: {
        if (!this.pending) {
          this.startEvent(out, lineNo, offset, length, 0);
          return;
        }
        const p = this.pending;
        this.pending = null;
        if (out.flags & Flag.malformed) this.stats.malformed++;
        if (p.line !== lineNo) this.stats.continuations++;
        if (!p.shared) this.stats.continuations--; // the first line is the event's, not a continuation
        const end = offset >= 0 ? offset + length : this.lastEnd;
        this.startEvent(out, p.line, p.offset, end - p.offset, 0, p.shared);
        this.sinks.builder.columns.lineCount[this.current] = lineNo - p.line + 1;
        return;
      }
    }
  }

  /**
   * A line after a header that heads a body (two-line-records.ts): BODY_TAKEN
   * when it is an untimed line of the body, else what the reader found in it
   * (textOut filled), -1 when it was not read (blank, a cut mark, a wrapper's
   * own time: each ends the body).
   */
  private bodyLine(text: string, lineNo: number, offset: number, length: number): number {
    // A wrapper's own time, or another wrapper's lane (a docker compose service), is another record.
    if (!Number.isNaN(this.out.tMs) || this.out.logger !== this.held.lane || text.trim().length === 0 || isElisionLine(text)) return -1;
    const t = this.textOut;
    resetRecord(t);
    const found = this.reader.read(text, t);
    const pattern = this.reader.matchedPattern;
    if (found === TextMatch.timed && this.held.timesBlock(pattern)) {
      this.held.takeBlockTime(t, lineNo, offset, length);
      this.stats.continuations++;
      return BODY_TAKEN;
    }
    // The next entry's first line ends this one.
    if (found === TextMatch.timed || pattern === EVENT_PATTERN) return found;
    // An entry's fields are read as fields, whatever the dialect table makes of them ("Level: Error" looks like a program and its level).
    if (this.held.takeEventLine(text, lineNo, offset, length)) {
      this.stats.continuations++;
      return BODY_TAKEN;
    }
    this.held.takeBodyLine(found === TextMatch.none ? text : t.message, t.level, lineNo, offset, length);
    this.stats.continuations++;
    return BODY_TAKEN;
  }

  /** Generic text path, shared by every format; `found` when the line was already read into textOut. */
  private text(text: string, lineNo: number, offset: number, length: number, found = -1): void {
    if (text.trim().length === 0) {
      this.stats.blank++;
      return;
    }
    if (isElisionLine(text)) {
      // "..." where the author cut lines: no event; counted with the blank lines (lines == events + continuations + blank).
      this.stats.blank++;
      this.stats.elided++;
      this.elided = true;
      return;
    }
    if (found !== TextMatch.timed && isColumnHeader(text)) {
      // A pasted table's header row names its columns: a continuation, as a CSV header is.
      this.stats.continuations++;
      if (this.current >= 0) this.extend(lineNo, offset, length);
      return;
    }
    const t = this.textEvent(text, found);
    if (t === null) {
      this.stats.continuations++;
      this.extend(lineNo, offset, length);
      return;
    }
    const pattern = this.reader.matchedPattern;
    if (pattern === STATUS_PATTERN || pattern === EVENT_PATTERN) {
      this.held.holdBlock(t, lineNo, offset, length, this.out.logger, pattern === STATUS_PATTERN ? Block.status : Block.event);
      return;
    }
    if (pattern === HEADER_PATTERN) {
      this.held.hold(t, lineNo, offset, length, false);
      return;
    }
    // A time with nothing after it (the wrapper had no time of its own): its record is on the lines below.
    if (pattern !== '' && Number.isNaN(this.out.tMs) && !Number.isNaN(t.tMs) && headsBody(t.message)) {
      this.held.hold(t, lineNo, offset, length, true, this.out.logger);
      this.held.throughBlanks = this.reader.matchedHeadsBody;
      return;
    }
    this.startEvent(t, lineNo, offset, length, 0);
  }

  /** The held header becomes an event (with its second line, when one came). */
  private releaseHeld(): void {
    const h = this.held;
    h.active = false;
    this.startEvent(h.record, h.line, h.offset, h.length, 0);
    if (h.endLine > h.line) this.extend(h.endLine, h.endOffset, h.endLength);
  }

  /**
   * Read a text line (the wrapper's fields are in this.out) into this.textOut.
   * Returns null when the line continues the current event (a stack frame).
   * A wrapper's logger (compose service, CSV pod column, syslog ident) names
   * the lane; its zoned time beats a zone-less or missing inner time.
   */
  private textEvent(text: string, preRead = -1): RecordOut | null {
    const wrapper = this.out;
    const t = this.textOut;
    let found = preRead;
    if (found < 0) {
      resetRecord(t);
      found = this.reader.read(text, t);
    }
    const shapeless = found === TextMatch.none || (found === TextMatch.untimed && this.stack.reporting);
    if (shapeless && this.current >= 0 && this.stack.continues(text, this.currentLevel)) return null;
    // PostgreSQL's "STATEMENT:  SELECT ..." under its "ERROR:" line, npm's "9 verbose stack" lines: one message written over several prefixed lines.
    if (found !== TextMatch.none && this.current >= 0 && this.reader.matchedPartOfPrevious) return null;
    if (found === TextMatch.none) {
      t.message = text.trim();
      t.level = leadingLevel(text);
    }
    if (!Number.isNaN(wrapper.tMs) && (found !== TextMatch.timed || t.dateless || t.uptime || (!t.zoned && wrapper.zoned))) {
      t.tMs = wrapper.tMs;
      t.subNs = wrapper.subNs;
      t.zoned = wrapper.zoned;
      t.yearless = wrapper.yearless;
      t.dateless = false;
      t.uptime = wrapper.uptime;
    }
    if (!t.level) t.level = wrapper.level;
    if (wrapper.logger) t.logger = wrapper.logger;
    if (!t.status) t.status = wrapper.status;
    if (wrapper.extra) t.extra = t.extra ? `${t.extra} ${wrapper.extra}` : wrapper.extra;
    t.flags |= wrapper.flags;
    return t;
  }

  /** The file's first dated event, after times of day on the unknown day: those move onto its day when they fit (early-clocks.ts). */
  private placeEarlyClocks(ms: number): void {
    const shift = this.early.dated(ms, this.sinks.builder.columns);
    if (shift === 0) return;
    // Every timed row so far was an early one: the running figures move with them.
    const s = this.stats;
    this.maxMs += shift;
    this.lastMs += shift;
    s.firstTime += shift;
    s.lastTime += shift;
    this.clocks.placedUnknown = false;
  }

  /** builder.internLogger(name), without the map lookup when the logger is the last one's. */
  private loggerId(name: string): number {
    // (=== on two strings compares their text unless they are the same string; the same one is the common case.)
    if (name !== this.lastLoggerIn && name !== this.lastLogger) {
      const builder = this.sinks.builder;
      this.lastLoggerId = builder.internLogger(name);
      this.lastLogger = builder.loggers[this.lastLoggerId];
    }
    // Always the latest: the parser's first sighting of a logger may be another string than the one it then repeats.
    // (Holding it keeps the chunk it may be cut from alive until the next line.)
    this.lastLoggerIn = name;
    return this.lastLoggerId;
  }

  private extend(lineNo: number, offset: number, length: number): void {
    const c = this.sinks.builder.columns;
    const i = this.current;
    c.lineCount[i] = lineNo - c.line[i] + 1;
    if (offset >= 0) c.byteLength[i] = offset + length - c.byteOffset[i];
  }

  private startEvent(r: RecordOut, lineNo: number, offset: number, length: number, flags: number, packed = false): void {
    const s = this.stats;
    const sinks = this.sinks;
    if (packed) this.seen |= Seen.packed;
    else s.events++;
    if (r.yearless) s.yearAssumed = true;
    flags |= r.flags;
    if (flags & Flag.recovered) s.recovered++;
    if (this.elided) {
      flags |= Flag.afterElision;
      this.elided = false;
    }
    let ms = r.tMs;
    // A time of day without a date (time-of-day.ts): placed on the file's day, else the unknown day.
    const clock = !r.uptime && isRawClock(ms);
    if (r.uptime && ms === ms) s.uptimeClock = true;
    // The clock goes on the day of a dated event before it, not of another clock it placed.
    if (clock) ms = this.clocks.place(ms, this.lastWasClock ? NaN : this.lastMs);
    else if (r.dateless) this.seen |= Seen.dateless;
    if (ms === ms) this.lastWasClock = clock;
    let ns = r.subNs;
    if (!Number.isNaN(ms) && !isPlausible(ms, this.plausible)) {
      this.seen |= Seen.implausible;
      ms = NaN;
    }
    if (this.early.open && ms === ms) {
      if (r.uptime) this.early.close();
      else if (!isUnknownDay(ms)) this.placeEarlyClocks(ms);
    }
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
      if (ms < this.lastMs) this.stepsBack++;
      else if (ms > this.lastMs) this.stepsOn++;
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
    // What the message and its extra text decide, remembered per message (message-facts.ts).
    const facts = this.facts;
    const extra = r.extra;
    const memo = MessageFacts.keeps(message, extra);
    // A message (or a request line's path) sliced from a decoded window is, as far as the value interning can
    // tell (json-values.ts), seen for the first time: it is never stored below, and is in the table only when an
    // earlier sighting left the interning but not the table. Not looked up (the answers are worked out again).
    const cached = memo && !r.sliced && facts.find(message, extra);
    let cls: Classification;
    let template: number;
    let opens: number;
    /** The message's bytes when it was not looked up (RecordOut.messageBytes). */
    let b: Uint8Array | null = null;
    if (cached) {
      // (A text line's message may be a slice of its chunk: only the byte path's strings are kept.)
      if (this.lineText === null) facts.adopt(message, extra);
      cls = facts.classification();
      template = facts.templateId();
      opens = facts.stackOpens();
      sinks.templater.count(template);
    } else {
      // A message sliced from a decoded window is also read from its bytes (RecordOut.messageBytes).
      b = extra === '' && message === r.message && r.messageEnd - r.messageStart === message.length ? r.messageBytes : null;
      cls = b !== null && sinks.classify.bytes ? sinks.classify.bytes(message, b, r.messageStart, r.messageEnd) : sinks.classify(message, extra);
      template = b !== null ? sinks.templater.add(message, b, r.messageStart, r.messageEnd) : sinks.templater.add(message);
      const words = sinks.stackWords?.seen ?? true;
      if (b === null || words) opens = StackState.opens(message, words);
      else {
        // Its first two characters from its bytes: a request line built from pieces is not joined to be read.
        const n = r.messageEnd - r.messageStart;
        opens = StackState.opensByStart(message, n > 0 ? b[r.messageStart] : NaN, n > 1 ? b[r.messageStart + 1] : NaN);
      }
      // Strings the byte path made are strings of their own unless it says it sliced the message from a
      // decoded window (one seen once, so it will not come back as this object: not worth a slot); text lines may be slices of a chunk.
      const own = this.lineText === null;
      if (memo && !r.sliced) facts.store(own ? message : detachString(message), own ? extra : detachString(extra), cls, template, opens);
    }
    let level = r.level;
    if (level === Level.none && cls.kind === Kind.crash) level = Level.fatal;
    const logger = r.logger ? this.loggerId(r.logger) : 0;
    const row = sinks.builder.pushRow(ms, ns, level, cls.kind, flags | cls.flags, this.fileIndex, logger, lineNo, 1, offset, length, template);
    if (cls.kind === Kind.opStart || cls.kind === Kind.opEnd || cls.kind === Kind.signal) {
      // Rare rows: read what they are about from the record's fields (`identifier`, `job`...).
      // A line read as bytes: the parser tells from the values it scanned, else the text decides.
      const subject = (this.lineText === null && this.parser.subject ? this.parser.subject() : null) ?? lineSubject(this.currentLine());
      if (subject) sinks.builder.setSubject(row, subject);
    }
    if (Number.isNaN(ms)) this.leadingUntimed.push(row);
    else if (this.leadingUntimed.length > 0) {
      // Lines before the file's first timestamp take that first time.
      const c = sinks.builder.columns;
      for (const k of this.leadingUntimed) {
        c.tMs[k] = ms;
        c.subNs[k] = ns;
        if (this.early.open && isUnknownDay(ms)) this.early.add(k);
      }
      this.leadingUntimed = [];
    }
    if (this.early.open && ms === ms && isUnknownDay(ms)) this.early.add(row);
    // A repeated message is one shared string (no memory of its own); notable rows always keep theirs;
    // other one-off messages until the budget is spent (the rest are read back from the file when shown).
    // A kept message is a string of its own: a text line's (or a sliced value) would pin the decoded chunk it came from.
    const keep = cached || cls.kind !== Kind.plain || level >= Level.warn || sinks.messageChars + message.length <= sinks.messageBudget;
    // A message the byte path sliced from a decoded window is detached with the rest of its chunk's (detachKept).
    if (!keep || cached || !(r.sliced || this.lineText !== null)) sinks.messages[row] = keep ? message : undefined;
    else if (this.lineText === null) {
      sinks.messages[row] = message;
      // Bytes other than the line's own buffer were written out for a message built of pieces (a request line).
      if (b !== null && b !== this.lineBuf) this.keepBytes(row, b, r.messageStart, r.messageEnd);
      else this.sliceRows.push(row);
    } else sinks.messages[row] = detachString(message);
    if (keep && !cached) sinks.messageChars += message.length;
    this.current = row;
    this.currentLevel = level;
    this.stack.startEventWith(opens);
  }
}
