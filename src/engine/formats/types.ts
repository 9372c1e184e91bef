// The contract every input format implements (speedscope's importer-per-format
// idea): `detect` scores a file from its first lines, `createParser` reads it a
// physical line at a time. Parsers write into a reused `RecordOut` and return a
// LineType, so the hot loop allocates nothing per line.

import type { TimeOut } from '../model/time.ts';

export const LineType = {
  /** The line starts a new structured event; `out` is filled. */
  record: 1,
  /** Unstructured text (`out.text`): the generic text path decides (leading
   * timestamp, continuation of a stack trace, or an untimed event). `out` may
   * carry a fallback time, level and logger from a wrapper. */
  text: 2,
  /** The line belongs to the current event (format-specific, e.g. a quoted CSV newline). */
  continuation: 3,
  blank: 4,
  /** The line looked like this format but failed to parse; it becomes an event with its raw text. */
  malformed: 5,
  /** The line starts a record that is not complete yet (pretty JSON, quoted CSV). */
  pending: 6,
  /** This line completes the pending record: the event starts at the pending line. */
  done: 7,
} as const;
export type LineTypeCode = (typeof LineType)[keyof typeof LineType];

/** From LineParser.parseBytes: decode this line and hand it to parseLine instead. */
export const DECODE_LINE = -1;

export interface RecordOut {
  /** Epoch ms, NaN when the record has no time. */
  tMs: number;
  subNs: number;
  /** The time carried a zone or was an epoch. */
  zoned: boolean;
  /** The time carried no year (syslog, klog): the file's year was assumed. */
  yearless: boolean;
  /** The time was a clock without a date: it was placed on the file's day. */
  dateless: boolean;
  /** The time counts from the program's (or the machine's) start, not the time of day: it sits on the unknown day (time-of-day.ts). */
  uptime: boolean;
  level: number;
  message: string;
  /** Logger / target / component / compose service: becomes a lane within the file. */
  logger: string;
  /** More text the classifier should look at (error, err, reason fields). */
  extra: string;
  /** For LineType.text: the text to analyse (wrapper removed). */
  text: string;
  /** HTTP status when the record is a request (access logs), else 0. */
  status: number;
  /** Bit set of Flag values the parser knows (e.g. failed). */
  flags: number;
  /** `message` may be a slice of a larger decoded string (json-values.ts' window): whoever keeps it keeps a copy. */
  sliced: boolean;
  /**
   * When not null, `message` is exactly messageBytes[messageStart..messageEnd),
   * one ASCII character per byte (a value sliced from a decoded window):
   * passes over every character of a new message (classifier, templater) read
   * the bytes, a typed-array load being about half the cost of a charCodeAt on
   * a sliced string. Only valid until the next line.
   */
  messageBytes: Uint8Array | null;
  messageStart: number;
  messageEnd: number;
}

export function newRecordOut(): RecordOut {
  return { tMs: NaN, subNs: 0, zoned: false, yearless: false, dateless: false, uptime: false, level: 0, message: '', logger: '', extra: '', text: '', status: 0, flags: 0, sliced: false, messageBytes: null, messageStart: 0, messageEnd: 0 };
}

export function resetRecord(o: RecordOut): void {
  o.tMs = NaN;
  o.subNs = 0;
  o.zoned = false;
  o.yearless = false;
  o.dateless = false;
  o.uptime = false;
  o.level = 0;
  o.message = '';
  o.logger = '';
  o.extra = '';
  o.text = '';
  o.status = 0;
  o.flags = 0;
  o.sliced = false;
  o.messageBytes = null;
}

export interface ParseEnv {
  /** Year for timestamps that carry none (syslog, klog): from the file's mtime, else now. */
  year: number;
  /** Midnight UTC (epoch ms) of the day a clock without a date is placed on; default January 1 of `year`. */
  day?: number;
  /** The present (epoch ms), which no year-less date may pass; default the clock's (tests fix it). */
  now?: number;
  /** Shared scratch for time parsing. */
  time: TimeOut;
  /** How the file writes numeric dates (DateOrder in time-forms.ts), told by its first lines; unknown when absent. */
  dateOrder?: number;
}

export interface LineParser {
  /** Parse one physical line (no newline, no CR). `out` was reset by the caller. */
  parseLine(line: string, out: RecordOut): LineTypeCode;
  /**
   * Optional fast path over a line's UTF-8 bytes b[start..end), without
   * decoding it (JSON lines). b[end] is the line's '\n' or '\r', or
   * past the buffer. Returns record, or DECODE_LINE: then the caller decodes
   * the line and calls parseLine with it, which must give what parseLine
   * alone would have given. A line read here has no more() items.
   */
  parseBytes?(b: Uint8Array, start: number, end: number, out: RecordOut): LineTypeCode | typeof DECODE_LINE;
  /**
   * Optional, with parseBytes: read the line that starts at b[start] without
   * being told where it ends. Returns the index of its '\n' (the line is
   * b[start..that], less a CR before it) after filling `out`, with the line's
   * type in `scannedType` (DECODE_LINE: decode it and call parseLine); or -1,
   * and the caller finds the end and reads the line with parseBytes. Spares a
   * newline search per line.
   */
  scanBytes?(b: Uint8Array, start: number, out: RecordOut): number;
  scannedType?: LineTypeCode | typeof DECODE_LINE;
  /**
   * Optional, with parseBytes: the buffer the next lines come from, whose
   * bytes do not change until the next call (null: lines stop coming from
   * it). The parser may decode runs of it once and slice values out.
   */
  chunk?(b: Uint8Array | null): void;
  /**
   * After parseBytes gave a record: what lineSubject (classify/subject.ts)
   * would read from that line, or null when the caller must decode the line
   * and ask lineSubject (operation and signal rows only).
   */
  subject?(): string | null;
  /**
   * After a line: another item that starts on the same line (CloudWatch
   * payloads pack many events in one line; a JSON array may close one record
   * and open the next on one line). Returns record, text (the text path
   * decides, as for parseLine) or pending, or null when the line is used up.
   * These items share their line, so they add rows, not line counts.
   */
  more?(out: RecordOut): LineTypeCode | null;
  /** End of input: a pending record can be completed (done) or given up (malformed). */
  end?(out: RecordOut): LineTypeCode | null;
}

export interface LogFormat {
  id: string;
  label: string;
  /** Confidence 0..1 that these first lines are this format. Must not depend on `name` alone. */
  detect(name: string, firstLines: readonly string[]): number;
  createParser(env: ParseEnv): LineParser;
  /**
   * Lines of this format can be parsed starting at any line boundary (no
   * header, no records spanning lines), so a large file may be split across
   * workers. CSV (header, quoted newlines) and JSON documents are not.
   */
  splittable?: boolean;
  /**
   * Full detail of one event for the detail panel (all fields, nested), from
   * its raw text; `head` is the file's first line (CSV names its columns there).
   */
  fields?(raw: string, env: ParseEnv, head?: string): Record<string, unknown>;
}
