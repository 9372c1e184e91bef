// Records whose first line carries the time and whose next lines carry the
// rest. Two shapes are read:
//
// Java util.logging's SimpleFormatter (Tomcat's catalina.out before 8.0,
// Jenkins, many JVM tools) writes each record on two lines:
//
//     May 16, 2020 3:57:52 AM org.apache.catalina.startup.Catalina start
//     INFO: Server startup in 1234 ms
//
// The first carries the time and the source class and method, the second the
// level and the message.
//
// A line that holds only a time (Oracle's alert log, digests and layouts that
// print the time, maybe a host, then the record on the lines below) heads a
// body: every untimed line after it, up to a blank line or the next timed
// one, is its text.
//
//     2022-07-10T21:25:27.971681+00:00
//     Thread 1 cannot allocate new log, sequence 26
//     Checkpoint not complete
//
// Windows Event Viewer's "Copy details as text" writes one entry as fields,
// the time in the middle of them and the text after `Description:`:
//
//     Log Name:      Application
//     Source:        Application Error
//     Date:          20/11/2023 18:37:22
//     Event ID:      1000
//     Level:         Error
//     Description:
//     Faulting application name: repackinator.exe, version: 0.0.0.0, …
//
// `Log Name:` heads the entry, `Date:` times it, `Level:` and `Source:` give
// its level and lane, the first line after `Description:` its message.
//
// The driver holds such a header until the lines after it tell, so a record
// becomes one event (its other lines continuations, its level and message
// from them) instead of an event without a message followed by untimed ones.
// A header with nothing after it is kept as it is.

import { leadingLevel } from '../formats/text-tail.ts';
import { levelFromWord } from '../model/levels.ts';
import { newRecordOut, type RecordOut } from '../formats/types.ts';

const SECOND_LINE = /^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST|严重|警告|信息|配置|详细|较详细|非常详细): ?(.*)$/;

/** The level words of a JVM running in a Chinese locale, as English's. */
const CHINESE_LEVELS: Readonly<Record<string, string>> = { 严重: 'SEVERE', 警告: 'WARNING', 信息: 'INFO', 配置: 'CONFIG', 详细: 'FINE', 较详细: 'FINER', 非常详细: 'FINEST' };

/** The text pattern (text-patterns.ts) whose lines are such headers. */
export const HEADER_PATTERN = 'jul-header';

/**
 * `systemctl status` pasted with its unit line: "● nginx.service - …" has no
 * time, the indented "Active: failed (…) since … CST" line below it has. The
 * unit line heads the block (held as a body whose message it keeps) and the
 * Active line gives it its time and level.
 */
export const STATUS_PATTERN = 'systemctl-unit';
export const STATUS_TIME_PATTERN = 'systemctl-active';

/** A Windows event entry's first line, and its Date: line (text-patterns.ts). */
export const EVENT_PATTERN = 'windows-event-log-name';
export const EVENT_TIME_PATTERN = 'windows-event-date';

/** What a held block is: a systemctl status block or a Windows event entry, whose time comes from a line inside it. */
export const Block = { none: 0, status: 1, event: 2 } as const;
export type BlockCode = (typeof Block)[keyof typeof Block];

/** A field line of a Windows event entry: Level: and Source: say something; the others are kept as text. */
const EVENT_FIELD = /^(?:Level: +(Critical|Error|Warning|Information|Verbose)|Source: +(\S.*?)|(Description):.*|(?:Event ID|Task Category|Keywords|User|Computer|OpCode):.*?) *$/;

/**
 * What may follow the time on a line that heads a body: nothing, or only
 * where the record came from (`@10.1.2.3`, a bare address): no message.
 */
const HEADER_ONLY = /^(?:@\S+|\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)?$/;

/** A body line that names the source location (`SqlExceptionHelper.java:144`): the record's logger, not its message. */
const SOURCE_LOCATION = /^[\w$.-]+\.(?:java|kt|scala|groovy|py|rb|go|js|ts|cs|php|c|cc|cpp|h):\d+$/;

/** The message of a timed line says nothing: its record's text is on the lines below. */
export function headsBody(message: string): boolean {
  return message.length <= 64 && HEADER_ONLY.test(message.trim());
}

export class HeldHeader {
  /** A header is held. */
  active = false;
  /** It heads a body (untimed lines up to a blank or timed one), not a two-line record. */
  body = false;
  /** The body runs over blank lines too, up to the next timed line (a pattern marked headsBody: Erlang reports). */
  throughBlanks = false;
  readonly record: RecordOut = newRecordOut();
  line = 0;
  offset = 0;
  length = 0;
  /** The last line taken into the body (its record ends there). */
  endLine = 0;
  endOffset = 0;
  endLength = 0;
  /** The wrapper's lane of the header (a compose service): body lines come from the same one. */
  lane = '';
  /** The body has given the record its message. */
  private messaged = false;
  /** A block whose time is on a line inside it (Block): a systemctl status block (STATUS_PATTERN), a Windows event entry (EVENT_PATTERN). */
  block: BlockCode = Block.none;

  /**
   * A systemctl unit line or a Windows event's Log Name: line: the block
   * below is its body, a line inside it its time; the unit line stays the
   * message, an event's message is the line after Description:.
   */
  holdBlock(r: RecordOut, line: number, offset: number, length: number, lane: string, block: BlockCode): void {
    this.hold(r, line, offset, length, true, lane);
    this.record.extra = r.extra;
    this.block = block;
    this.messaged = true;
    // An event's description may run over blank lines: only the next entry (or a timed line) ends it.
    this.throughBlanks = block === Block.event;
  }

  /** Is the line read with `pattern` the one that times this block (its time not taken yet)? */
  timesBlock(pattern: string): boolean {
    if (!Number.isNaN(this.record.tMs)) return false;
    return (this.block === Block.status && pattern === STATUS_TIME_PATTERN) || (this.block === Block.event && pattern === EVENT_TIME_PATTERN);
  }

  /** The block's time line (systemctl's Active:, an event's Date:): its time is the block's, and systemctl's state its level and message. */
  takeBlockTime(t: RecordOut, line: number, offset: number, length: number): void {
    const r = this.record;
    r.tMs = t.tMs;
    r.subNs = t.subNs;
    r.zoned = t.zoned;
    r.yearless = t.yearless;
    r.dateless = t.dateless;
    if (this.block === Block.status) {
      r.level = t.level;
      r.message = `${r.message}: ${t.message.trim()}`;
    }
    this.extendTo(line, offset, length);
  }

  /**
   * A field line of a Windows event entry other than its Date: Level: and
   * Source: fill the record, Description: says the next line is the message.
   * False for the lines of the description (and the entry's XML), which
   * takeBodyLine reads.
   */
  takeEventLine(text: string, line: number, offset: number, length: number): boolean {
    if (this.block !== Block.event || !this.messaged) return false;
    const m = EVENT_FIELD.exec(text);
    if (!m) return false;
    const r = this.record;
    if (m[1]) r.level = levelFromWord(m[1]);
    if (m[2]) r.logger = m[2];
    if (m[3]) {
      const after = text.slice(text.indexOf(':') + 1).trim();
      if (after) r.message = after;
      else this.messaged = false;
    }
    this.extendTo(line, offset, length);
    return true;
  }

  private extendTo(line: number, offset: number, length: number): void {
    this.endLine = line;
    this.endOffset = offset;
    this.endLength = length;
  }

  hold(r: RecordOut, line: number, offset: number, length: number, body: boolean, lane = ''): void {
    this.block = Block.none;
    Object.assign(this.record, r);
    this.lane = lane;
    this.line = line;
    this.offset = offset;
    this.length = length;
    this.endLine = line;
    this.endOffset = offset;
    this.endLength = length;
    this.active = true;
    this.body = body;
    this.throughBlanks = false;
    this.messaged = false;
    if (body && r.message) {
      // The host or address the header named stays searchable.
      const where = r.message.trim();
      this.record.extra = r.extra ? `${r.extra} ${where}` : where;
    }
  }

  /**
   * Is `text` the header's second line? Then the held record takes its level
   * and message (the header's method stays in front of it only when the
   * second line says nothing).
   */
  takeSecondLine(text: string): boolean {
    const m = SECOND_LINE.exec(text);
    if (!m) return false;
    const r = this.record;
    r.level = levelFromWord(CHINESE_LEVELS[m[1]] ?? m[1]);
    const msg = m[2].trim();
    if (msg) r.message = msg;
    return true;
  }

  /**
   * An untimed line of the body (the caller has checked it is one): the first
   * that says something is the record's message, a source location its
   * logger; a level the header lacked comes from the first line that has one.
   */
  takeBodyLine(message: string, level: number, line: number, offset: number, length: number): void {
    const r = this.record;
    const text = message.trim();
    if (!r.logger && !this.messaged && SOURCE_LOCATION.test(text)) r.logger = text;
    else if (!this.messaged && text) {
      r.message = text;
      this.messaged = true;
    }
    if (!r.level) r.level = level || leadingLevel(text);
    this.extendTo(line, offset, length);
  }
}
