// Java util.logging's SimpleFormatter (Tomcat's catalina.out before 8.0,
// Jenkins, many JVM tools) writes each record on two lines:
//
//     May 16, 2020 3:57:52 AM org.apache.catalina.startup.Catalina start
//     INFO: Server startup in 1234 ms
//
// The first carries the time and the source class and method, the second the
// level and the message. The driver holds a header line until it sees the
// next one, so the pair becomes one event with the second line as its
// continuation and its level and message, instead of an event without level
// followed by an untimed one. A header with no such second line is kept as it is.

import { levelFromWord } from '../model/levels.ts';
import { newRecordOut, type RecordOut } from '../formats/types.ts';

const SECOND_LINE = /^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): ?(.*)$/;

/** The text pattern (text-patterns.ts) whose lines are such headers. */
export const HEADER_PATTERN = 'jul-header';

export class HeldHeader {
  /** A header is held. */
  active = false;
  readonly record: RecordOut = newRecordOut();
  line = 0;
  offset = 0;
  length = 0;

  hold(r: RecordOut, line: number, offset: number, length: number): void {
    Object.assign(this.record, r);
    this.line = line;
    this.offset = offset;
    this.length = length;
    this.active = true;
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
    r.level = levelFromWord(m[1]);
    const msg = m[2].trim();
    if (msg) r.message = msg;
    return true;
  }
}
