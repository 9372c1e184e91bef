// The one generic runner for the plain-text dialects in text-patterns.ts:
// finds the pattern of a line, reads its time, level, logger and message, and
// parses a JSON or logfmt payload behind a text prefix (journald short output,
// syslog in front of JSON). Every format falls back to it for lines that are
// not its own (mixed files), and the docker / compose / CSV wrappers run it on
// their inner text.
//
// Per line the cost is one regex: the pattern that matched the previous line
// is tried first (a file keeps one shape), and the others are only tried when
// their first character and a required substring fit.
//
// Over 500 lines: TextReader is the per-line hot path and stays one
// class; what can stand alone already does (text-tail.ts, zone-abbreviations.ts,
// json-recover.ts, the patterns themselves).

import { levelFromHttpStatus, levelFromSyslog, levelFromWord } from '../model/levels.ts';
import { FUTURE_MARGIN_MS, fromEpochString, parseZone, timeFromParts, yearEarlier } from '../model/time.ts';
import { fromTai64n } from '../model/tai64n.ts';
import { uptimeFromText } from '../model/uptime.ts';
import { offsetBetween } from '../model/zone-names.ts';
import { ZoneAbbreviations } from './zone-abbreviations.ts';
import { DateOrder, DateOrderState, parseTextTimeAt } from '../model/time-forms.ts';
import { isUnknownDay, UNKNOWN_DAY_MS } from '../model/time-of-day.ts';
import { isObject, mapJsonRecord } from './json-record.ts';
import { recoverJsonObject } from './json-recover.ts';
import { Flag } from '../model/kinds.ts';
import { parseLogfmt, startsLikeLogfmt } from './logfmt.ts';
import { expandPattern, TEXT_PATTERNS, type TextPattern } from './text-patterns.ts';
import { readTail } from './text-tail.ts';
import { LineType, newRecordOut, resetRecord, type ParseEnv, type RecordOut } from './types.ts';

/** What `TextReader.read` found. */
export const TextMatch = {
  /** No known shape: a continuation or an untimed event, the caller decides. */
  none: 0,
  /** A known shape with its own time. */
  timed: 1,
  /** A known shape without a (full) time: level, logger and message only. */
  untimed: 2,
} as const;
export type TextMatchCode = (typeof TextMatch)[keyof typeof TextMatch];

interface Compiled {
  pattern: TextPattern;
  re: RegExp;
  /** Allowed first characters (ASCII); null = any. */
  first: Uint8Array | null;
  /** For first characters beyond ASCII. */
  firstRe: RegExp | null;
  /** May read a wrapper's message: not the bare epoch shape ("kernel: 1234567890 bytes" is no time). */
  inner: boolean;
}

/** First-character tables by class: most patterns share a handful ('0-9', '\\['), and every run builds them at load. */
const firstTables = new Map<string, { first: Uint8Array; firstRe: RegExp }>();

function firstTable(cls: string): { first: Uint8Array; firstRe: RegExp } {
  let t = firstTables.get(cls);
  if (!t) {
    const firstRe = new RegExp(`^[${cls}]`);
    const first = new Uint8Array(128);
    for (let c = 0; c < 128; c++) first[c] = firstRe.test(String.fromCharCode(c)) ? 1 : 0;
    firstTables.set(cls, (t = { first, firstRe }));
  }
  return t;
}

function compile(p: TextPattern): Compiled {
  const re = new RegExp(expandPattern(p.re));
  const inner = !p.re.includes('{EPOCH}');
  if (!p.first) return { pattern: p, re, first: null, firstRe: null, inner };
  return { pattern: p, re, ...firstTable(p.first), inner };
}

const COMPILED: readonly Compiled[] = TEXT_PATTERNS.map(compile);

function firstFits(k: Compiled, s: string, c: number): boolean {
  if (!k.first) return true;
  return c < 128 ? k.first[c] === 1 : k.firstRe!.test(s);
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]/g;

/** Terminal colour codes (docker compose, dev servers) are not part of the message. */
export function stripAnsi(s: string): string {
  return s.indexOf('\x1b') < 0 ? s : s.replace(ANSI, '');
}

/** How far past the reference day a year-less date must fall to be read as last year's (see pastYear). */
const PAST_YEAR_MARGIN_MS = 60 * 86400000;

export class TextReader {
  /** Index of the pattern that matched the previous line, -1 before any. */
  private last = -1;
  private readonly inner: RecordOut = newRecordOut();
  /** Clocks without a date go on the day of the last full date seen, else the file's day. */
  private lastDay = NaN;
  /** Days added since (a clock going back by hours has passed midnight). */
  private dayShift = 0;
  private lastClockMs = -1;
  /** Day- or month-first numeric dates, as the file's first lines tell (time-forms.ts). */
  private readonly dates: DateOrderState;
  /** Zone abbreviations read (IST, CST...): their offsets and, for the file's notices, the ambiguous ones. */
  private readonly zones = new ZoneAbbreviations();
  /** Year-less dates read a year before the file's year, as the latest possible past date (pastYear). */
  private movedBack = 0;
  /** IANA zone ids the platform's time-zone data does not know: their times were read as UTC. */
  private readonly unknownZoneIds = new Set<string>();
  /** The inner record of a wrapper line (journald around klog), and the pattern that read it last. */
  private readonly innerOut: RecordOut = newRecordOut();
  private lastInner = -1;
  /** Index of the pattern that read the current line, -1 when none did (JSON, logfmt, no shape). */
  private matched = -1;
  /** See matchedPartOfPrevious. */
  private partOfPrevious = false;
  /** The line number npm's debug log gave the line before (see the `seq` group). */
  private lastSeq = '';
  /** A trial reading of an indented line, so a line that turns out untimed leaves `out` untouched. */
  private readonly scratch: RecordOut = newRecordOut();
  /** Inside a wrapper's message: a wrapper shape read there does not look for a third record inside. */
  private nested = false;
  /**
   * Offsets (minutes east of UTC) the file's times show: a zone
   * abbreviation's, or a zone-less wrapper's clock against the zoned time
   * inside it (journald's local "Oct 04 08:07:36" around "...T00:07:36Z").
   * With `zoneless`, the timed lines without one, zone-learn.ts decides the
   * zone of the file's zone-less lines from them.
   */
  readonly zoneEvidence = new Map<number, number>();
  zoneless = 0;

  constructor(private readonly env: ParseEnv) {
    this.dates = new DateOrderState(env.dateOrder === DateOrder.dayFirst || env.dateOrder === DateOrder.monthFirst ? env.dateOrder : DateOrder.unknown);
  }

  /** What the file's notices should say about the times read: ambiguous zones, an unsettled date order. */
  notices(): string[] {
    const out: string[] = [];
    out.push(...this.zones.notices());
    // No count: a file read in parallel slices gives one notice per slice, and they must be the same to merge.
    if (this.movedBack > 0) out.push(`dates without a year that would fall after the file was saved, or after today (or well after the other files' dates) in ${this.env.year} were read in ${this.env.year - 1}`);
    for (const id of this.unknownZoneIds) out.push(`the time zone ${id} is not in this platform's time-zone data: times written with it were read as UTC`);
    const d = this.dates;
    if (d.readUnsettled > 0) {
      out.push(d.order === DateOrder.dayFirst
        ? `${d.readUnsettled} numeric date(s) before the first telling one were read month-first; the file writes day-first dates`
        : 'numeric dates such as 03/04 could be day-first or month-first and nothing in the file tells: read month-first');
    }
    return out;
  }

  private noteOffset(min: number): void {
    if (Number.isNaN(min)) return;
    this.zoneEvidence.set(min, (this.zoneEvidence.get(min) ?? 0) + 1);
  }

  /** Id of the pattern that read the line just read, '' when none did. */
  get matchedPattern(): string {
    return this.matched >= 0 ? COMPILED[this.matched].pattern.id : '';
  }

  /** The line just read is the rest of the record before it (a PostgreSQL DETAIL: / STATEMENT: line), though it has its own time. */
  get matchedPartOfPrevious(): boolean {
    return this.partOfPrevious;
  }

  /** The pattern that read the line just read marks a header whose record runs to the next timed line (text-patterns.ts). */
  get matchedHeadsBody(): boolean {
    return this.matched >= 0 && COMPILED[this.matched].pattern.headsBody === true;
  }

  /** Id of the pattern that matched the last line read ('' when none did). */
  get lastPattern(): string {
    return this.last >= 0 ? COMPILED[this.last].pattern.id : '';
  }

  /** Read one text line into `out` (reset by the caller). */
  read(line: string, out: RecordOut): TextMatchCode {
    const found = this.match(line, out);
    if (found === TextMatch.timed && !out.zoned && !out.dateless) this.zoneless++;
    if (found === TextMatch.timed && !out.dateless && !isUnknownDay(out.tMs)) {
      // A full date: later clocks without one belong to this day.
      this.lastDay = Math.floor(out.tMs / 86400000) * 86400000;
      this.dayShift = 0;
      this.lastClockMs = out.tMs - this.lastDay;
    }
    return found;
  }

  /**
   * The fields of one line for the detail panel: the dialect, every named
   * group its pattern captured, and a JSON payload behind the prefix.
   */
  fields(line: string): Record<string, unknown> {
    const s = stripAnsi(line);
    const out = newRecordOut();
    if (this.match(s, out) === TextMatch.none || this.last < 0) return { text: s };
    const k = COMPILED[this.last];
    const g = (k.re.exec(s) ?? k.re.exec(s.trimStart()))?.groups;
    if (!g) return { text: s };
    const fields: Record<string, unknown> = { dialect: k.pattern.id };
    for (const [name, v] of Object.entries(g)) if (v !== undefined) fields[name] = v;
    const msg = g.msg ?? '';
    if (msg.charCodeAt(0) === 123) {
      try {
        const v: unknown = JSON.parse(msg);
        if (isObject(v)) fields.payload = v;
      } catch {
        // text that starts with "{"
      }
    }
    return fields;
  }

  private match(line: string, out: RecordOut): TextMatchCode {
    const found = this.matchAt(stripAnsi(line), out);
    if (found !== TextMatch.none) return found;
    const c = line.charCodeAt(0);
    if (c !== 32 && c !== 9 && c !== 96) return found;
    // Lines indented as pasted (a quote block, a copied terminal), or each wrapped in Markdown's
    // inline-code backticks: a full time after the indent (or in a logfmt or JSON record's field) makes it a record. Only a timed reading
    // counts, so stack frames stay continuations.
    let i = 0;
    while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
    const ticked = line.charCodeAt(i) === 96;
    if (ticked) i++;
    // A logfmt or JSON record carries its time in a field ("  logger=sqlstore t=2023-12-27T06:34:35Z level=info ...").
    if (!mayOpenWithTime(line, i) && !startsLikeLogfmt(line.slice(i, i + 70)) && line.charCodeAt(i) !== 123) return TextMatch.none;
    const end = line.trimEnd();
    const trimmed = stripAnsi(ticked && end.endsWith('`') ? end.slice(i, -1) : line.slice(i));
    resetRecord(this.scratch);
    if (this.matchAt(trimmed, this.scratch) !== TextMatch.timed) return TextMatch.none;
    return this.matchAt(trimmed, out);
  }

  private matchAt(s: string, out: RecordOut): TextMatchCode {
    const c = s.charCodeAt(0);
    this.matched = -1;
    this.partOfPrevious = false;
    if (c === 123 && this.json(s, out)) return timedOrNot(out);
    if (startsLikeLogfmt(s) && parseLogfmt(s, out, this.env)) return timedOrNot(out);
    const last = this.last;
    if (last >= 0 && this.tryPattern(COMPILED[last], s, out)) {
      this.matched = last;
      return timedOrNot(out);
    }
    for (let i = 0; i < COMPILED.length; i++) {
      if (i === last) continue;
      const k = COMPILED[i];
      if (!firstFits(k, s, c)) continue;
      if (k.pattern.has !== undefined && s.indexOf(k.pattern.has) < 0) continue;
      if (this.tryPattern(k, s, out)) {
        this.last = i;
        this.matched = i;
        return timedOrNot(out);
      }
    }
    return TextMatch.none;
  }

  private json(s: string, out: RecordOut): boolean {
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch {
      // A record cut by hand ("..., ...}"): the fields before the cut (json-recover.ts).
      v = recoverJsonObject(s);
      if (v === null) return false;
      out.flags |= Flag.recovered;
    }
    if (!isObject(v)) return false;
    const type = mapJsonRecord(v, out, this.env);
    if (type === LineType.text) out.message = out.text;
    return true;
  }

  private tryPattern(k: Compiled, s: string, out: RecordOut): boolean {
    const m = k.re.exec(s);
    if (!m || !m.groups) return false;
    const g = m.groups;
    const p = k.pattern;
    let level = 0;
    if (g.level !== undefined) {
      level = levelOfGroup(p, g.level);
      if (p.needsLevel && !level) return false;
      this.partOfPrevious = p.partOfPrevious?.includes(g.level) === true;
    } else if (g.pri !== undefined) level = levelFromSyslog(Number(g.pri) & 7);
    if (g.seq !== undefined) {
      // npm's debug log numbers each log call; one call written over several lines repeats its number.
      this.partOfPrevious = g.seq === this.lastSeq;
      this.lastSeq = g.seq;
    }
    const timed = readTime(g, this.env, out, this.dates);
    if (timed === false) return false;
    if (timed === 'date-less' && g.h !== undefined) this.placeClock(g, out);
    else if (out.yearless) this.pastYear(out);
    const zoneName = this.env.time.zoneName;
    if (this.env.time.zoneId && !out.zoned) this.unknownZoneIds.add(this.env.time.zoneId);
    if (zoneName) {
      this.noteOffset(this.zones.read(zoneName, g.dow));
      out.tMs -= this.zones.correctionMs;
    } else if (p.tellsZone) this.noteOffset(this.env.time.offsetMin ?? NaN);
    let logger = g.logger === undefined || g.logger === '-' ? '' : g.logger.trim();
    let msg = g.msg ?? '';
    out.level = level;
    out.extra = g.extra ?? '';
    if (g.status !== undefined) {
      out.status = Number(g.status);
      if (!level) out.level = levelFromHttpStatus(out.status);
    }
    if (msg.charCodeAt(0) === 123 || startsLikeLogfmt(msg)) {
      if (this.payload(msg, out, logger)) {
        // A record that names no logger of its own goes on the prefix's lane (the pod before a logfmt record).
        if (!out.logger && g.source) out.logger = g.source;
        return true;
      }
    }
    if (p.wrapper && !this.nested && mayBeInner(msg) && this.innerText(msg, out, logger || g.source || '')) return true;
    if (p.tail) {
      const t = readTail(msg, level === 0, logger === '');
      if (t.level) out.level = t.level;
      if (t.logger) logger = t.logger;
      msg = t.message;
    }
    out.logger = logger || g.source || p.source || '';
    out.message = msg;
    return true;
  }

  /**
   * A year-less date is never in the future: one that would fall after
   * the file was saved (env.now; else today: the file's year is its
   * modification year, or this year) was
   * written the year before, as "Dec 26" read on December 7th. Nor well
   * after the latest full date of the files loaded with it: "Dec 31" beside
   * files of January 2nd. That margin is wide because a reference day taken
   * from other files' first lines can precede this file's later lines by
   * days or weeks; the one past today only allows for a zone ahead of UTC.
   */
  private pastYear(out: RecordOut): void {
    const day = this.env.day;
    const now = (this.env.now ?? Date.now()) + FUTURE_MARGIN_MS;
    const limit = day === undefined ? now : Math.min(now, day + PAST_YEAR_MARGIN_MS);
    if (out.tMs <= limit) return;
    out.tMs = yearEarlier(out.tMs);
    this.movedBack++;
  }

  /**
   * A clock without a date ("10:00:00.120 [main] WARN ...", logback's
   * default): placed on the day of the last full date in the file; before
   * any, left as a raw clock that the driver places (time-of-day.ts). A
   * wrapper's full time (Docker, CSV) wins over it in the driver.
   */
  private placeClock(g: Record<string, string | undefined>, out: RecordOut): void {
    const t = this.env.time;
    // A zone on the clock ("22:40:53.187Z", "14:02:11 CET") moves it to UTC, maybe across midnight (time-of-day.ts allows that).
    const off = g.tz !== undefined ? parseZone(g.tz.trim(), t) : NaN;
    if (!timeFromParts(1970, 1, 1, Number(g.h), Number(g.m), Number(g.s ?? 0), 0, g.frac ?? '', off, t)) return;
    const clock = t.ms;
    if (this.lastClockMs >= 0 && clock < this.lastClockMs - 6 * 3600000) this.dayShift++;
    this.lastClockMs = clock;
    const day = Number.isNaN(this.lastDay) ? UNKNOWN_DAY_MS : this.lastDay + this.dayShift * 86400000;
    out.tMs = day + clock;
    out.subNs = t.subNs;
    out.zoned = t.zoned;
    out.dateless = true;
  }

  /**
   * The message of a wrapper line read as a line of its own (klog inside
   * journald, a timestamped line inside kubectl's or a console's prefix).
   * The inner level, logger and message win; the inner time wins when the
   * wrapper has none, when it carries a zone the wrapper lacks, or when it
   * refines the wrapper's whole second (same second, finer digits).
   */
  private innerText(msg: string, out: RecordOut, logger: string): boolean {
    const r = this.innerOut;
    resetRecord(r);
    if (!this.innerPattern(msg, r)) return false;
    if (!Number.isNaN(r.tMs) && !r.dateless && (!r.uptime || Number.isNaN(out.tMs))) {
      const refines = !subSecond(out) && subSecond(r) && Math.abs(r.tMs - out.tMs) < 1000;
      // A wrapper without a year ("Oct 04 08:07:36 host app[1]:") around a dated time: the inner one is the truth.
      const dates = out.yearless && !r.yearless;
      if (r.zoned && !out.zoned && !Number.isNaN(out.tMs)) this.noteOffset(offsetBetween(out.tMs, r.tMs));
      if (Number.isNaN(out.tMs) || (r.zoned && !out.zoned) || refines || dates) {
        out.zoned = r.zoned || (refines && out.zoned);
        if (!refines || dates) out.yearless = r.yearless;
        out.tMs = r.tMs;
        out.subNs = r.subNs;
        out.uptime = r.uptime;
      }
    }
    adoptInner(out, r, r.logger || logger);
    return true;
  }

  /**
   * Read `msg` with the patterns (the last one that did first). A wrapper shape
   * may be the inner one ("2023-10-04T08:07:36+08:00 ERROR ..." inside journald
   * is the generic ISO shape), but it is not searched for a record of its own.
   */
  private innerPattern(msg: string, r: RecordOut): boolean {
    this.nested = true;
    try {
      const c = msg.charCodeAt(0);
      const last = this.lastInner;
      if (last >= 0 && this.tryPattern(COMPILED[last], msg, r)) return true;
      for (let i = 0; i < COMPILED.length; i++) {
        const k = COMPILED[i];
        if (i === last || !k.inner || !firstFits(k, msg, c)) continue;
        if (k.pattern.has !== undefined && msg.indexOf(k.pattern.has) < 0) continue;
        if (this.tryPattern(k, msg, r)) {
          this.lastInner = i;
          return true;
        }
      }
      return false;
    } finally {
      this.nested = false;
    }
  }

  /** A JSON or logfmt record behind a text prefix: its fields win, except the prefix's logger (the syslog ident). */
  private payload(msg: string, out: RecordOut, logger: string): boolean {
    const r = this.inner;
    resetRecord(r);
    const ok = msg.charCodeAt(0) === 123 ? this.json(msg, r) : parseLogfmt(msg, r, this.env);
    if (!ok) return false;
    // journald's local clock around a record's zoned time ("Feb 06 18:03:14 host grafana[1]: t=2024-02-06T18:03:14+01:00 ..."): the file's zone.
    if (r.zoned && !out.zoned && !Number.isNaN(r.tMs) && !Number.isNaN(out.tMs)) this.noteOffset(offsetBetween(out.tMs, r.tMs));
    if (!Number.isNaN(r.tMs) && (r.zoned || !out.zoned || Number.isNaN(out.tMs))) {
      out.tMs = r.tMs;
      out.subNs = r.subNs;
      out.zoned = r.zoned;
      out.yearless = r.yearless;
    }
    adoptInner(out, r, logger || r.logger);
    return true;
  }
}

/** What an inner record (behind a wrapper's prefix) gives the line: its level, status, message, fields and flags. */
function adoptInner(out: RecordOut, r: RecordOut, logger: string): void {
  if (r.level) out.level = r.level;
  if (r.status) out.status = r.status;
  out.message = r.message;
  out.extra = r.extra;
  out.logger = logger;
  out.flags |= r.flags;
}

function timedOrNot(out: RecordOut): TextMatchCode {
  return Number.isNaN(out.tMs) ? TextMatch.untimed : TextMatch.timed;
}

function levelOfGroup(p: TextPattern, v: string): number {
  const map = p.levels;
  if (map) {
    if (Object.prototype.hasOwnProperty.call(map, v)) return map[v];
    if (v && Object.prototype.hasOwnProperty.call(map, '*')) return map['*'];
  }
  return levelFromWord(v);
}

/**
 * Can an indented line's text be a timed record? Its first character is a
 * digit, '<' or '[', or a capital letter with a digit soon after ("Oct 04
 * 08:07:36", "Tue May 01 ..."). Stack frames ("at com.example...", 'File
 * "x.py"', "... 42 more") are the indented lines of a log and are let go
 * here without trying the dialect table on them.
 */
function mayOpenWithTime(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if ((c >= 48 && c <= 57) || c === 60 || c === 91) return true;
  if (c < 65 || c > 90) return false;
  for (let i = at + 1; i < at + 12 && i < s.length; i++) {
    const d = s.charCodeAt(i);
    if (d >= 48 && d <= 57) return true;
  }
  return false;
}

/** A wrapper's message that may itself be a known shape: a timestamp or a klog header first. */
function mayBeInner(msg: string): boolean {
  const c = msg.charCodeAt(0);
  const d = msg.charCodeAt(1);
  const digitNext = d >= 48 && d <= 57;
  if (c >= 48 && c <= 57) return true;
  return (c === 91 || c === 60 || c === 73 || c === 87 || c === 69 || c === 70) && digitNext; // [ < I W E F
}

/** A time with a part below the second (a wrapper printing whole seconds is less precise). */
function subSecond(r: RecordOut): boolean {
  return r.subNs !== 0 || r.tMs % 1000 !== 0;
}

/**
 * Fill out's time from the groups. Returns false when the groups hold an
 * impossible time (the pattern then does not match), 'date-less' for a clock
 * without a date (untimed), true otherwise.
 */
function readTime(g: Record<string, string | undefined>, env: ParseEnv, out: RecordOut, dates: DateOrderState): boolean | 'date-less' {
  const t = env.time;
  t.zoneName = '';
  t.zoneId = '';
  t.offsetMin = NaN;
  if (g.ts !== undefined) {
    if (!parseTextTimeAt(g.ts, 0, env.year, t, dates)) return false;
  } else if (g.up !== undefined || g.upms !== undefined) {
    // Uptime (a JVM's "[27.223s]", dmesg's "[12345.678901]", V8's "331617 ms:"): elapsed time, put on the unknown day.
    if (!uptimeFromText(g.up ?? '', g.upms ?? '', t)) return false;
    out.tMs = t.ms;
    out.subNs = t.subNs;
    out.zoned = true; // elapsed time has no zone to assume
    out.yearless = false;
    out.uptime = true;
    return true;
  } else if (g.tai !== undefined) {
    if (!fromTai64n(g.tai, t)) return false;
  } else if (g.epoch !== undefined) {
    if (!fromEpochString(g.frac ? `${g.epoch}.${g.frac}` : g.epoch, t)) return false;
  } else if (g.h !== undefined) {
    // A day of the year counted from 0 (HAProxy's "035/080447") stands for month and day.
    const yday = g.yday !== undefined ? Number(g.yday) : -1;
    if (yday > 365) return false;
    const mo = yday >= 0 ? 1 : g.M !== undefined ? Number(g.M) : g.mon !== undefined ? monthNumber(g.mon) : -1;
    if (mo < 0 || (g.D === undefined && yday < 0)) return 'date-less';
    const y = g.Y !== undefined ? Number(g.Y) : g.y2 !== undefined ? 2000 + Number(g.y2) : env.year;
    const off = g.tz !== undefined ? parseZone(g.tz, t) : NaN;
    if (!timeFromParts(y, mo, yday >= 0 ? 1 : Number(g.D), hour24(g.h, g.ap), Number(g.m), Number(g.s ?? 0), Number(g.ms ?? 0), g.frac ?? '', off, t)) return false;
    if (yday > 0) t.ms += yday * 86400000;
    t.yearless = g.Y === undefined && g.y2 === undefined;
  } else return 'date-less';
  out.tMs = t.ms;
  out.subNs = t.subNs;
  out.zoned = t.zoned;
  out.yearless = t.yearless;
  return true;
}

/** The hour on a 24-hour clock: a 12-hour one with `ap` ("am", "PM"); 12 am is 0, 12 pm is 12, an hour over 12 there is no time. */
function hour24(h: string, ap: string | undefined): number {
  const n = Number(h);
  if (ap === undefined) return n;
  if (n < 1 || n > 12) return 99;
  return (n % 12) + ((ap.charCodeAt(0) | 32) === 112 ? 12 : 0);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
function monthNumber(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? -1 : i + 1;
}

// ---- helpers other modules use

export { leadingLevel, readTail } from './text-tail.ts';

/** Does a text line carry its own time? (detection and tests) */
export function parseTextLine(s: string, out: RecordOut, env: ParseEnv): boolean {
  return new TextReader(env).read(s, out) === TextMatch.timed;
}
