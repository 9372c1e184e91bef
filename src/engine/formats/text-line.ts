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

import { levelFromHttpStatus, levelFromSyslog, levelFromWord } from '../model/levels.ts';
import { fromEpochString, parseTimeAt, parseZone, timeFromParts } from '../model/time.ts';
import { isObject, mapJsonRecord } from './json-record.ts';
import { parseLogfmt, startsLikeLogfmt } from './logfmt.ts';
import { expandPattern, TEXT_PATTERNS, type TextPattern } from './text-patterns.ts';
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
}

function compile(p: TextPattern): Compiled {
  const re = new RegExp(expandPattern(p.re));
  if (!p.first) return { pattern: p, re, first: null, firstRe: null };
  const firstRe = new RegExp(`^[${p.first}]`);
  const first = new Uint8Array(128);
  for (let c = 0; c < 128; c++) first[c] = firstRe.test(String.fromCharCode(c)) ? 1 : 0;
  return { pattern: p, re, first, firstRe };
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

export class TextReader {
  /** Index of the pattern that matched the previous line, -1 before any. */
  private last = -1;
  private readonly inner: RecordOut = newRecordOut();

  constructor(private readonly env: ParseEnv) {}

  /** Id of the pattern that matched the last line read ('' when none did). */
  get lastPattern(): string {
    return this.last >= 0 ? COMPILED[this.last].pattern.id : '';
  }

  /** Read one text line into `out` (reset by the caller). */
  read(line: string, out: RecordOut): TextMatchCode {
    const s = stripAnsi(line);
    const c = s.charCodeAt(0);
    if (c === 123 && this.json(s, out)) return timedOrNot(out);
    if (startsLikeLogfmt(s) && parseLogfmt(s, out, this.env)) return timedOrNot(out);
    const last = this.last;
    if (last >= 0 && this.tryPattern(COMPILED[last], s, out)) return timedOrNot(out);
    for (let i = 0; i < COMPILED.length; i++) {
      if (i === last) continue;
      const k = COMPILED[i];
      if (!firstFits(k, s, c)) continue;
      if (k.pattern.has !== undefined && s.indexOf(k.pattern.has) < 0) continue;
      if (this.tryPattern(k, s, out)) {
        this.last = i;
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
      return false;
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
    } else if (g.pri !== undefined) level = levelFromSyslog(Number(g.pri) & 7);
    const timed = readTime(g, this.env, out);
    if (timed === false) return false;
    let logger = g.logger === undefined || g.logger === '-' ? '' : g.logger.trim();
    let msg = g.msg ?? '';
    out.level = level;
    out.extra = g.extra ?? '';
    if (g.status !== undefined) {
      out.status = Number(g.status);
      if (!level) out.level = levelFromHttpStatus(out.status);
    }
    if (msg.charCodeAt(0) === 123 || startsLikeLogfmt(msg)) {
      if (this.payload(msg, out, logger)) return true;
    }
    if (p.tail) {
      const t = readTail(msg, level === 0, logger === '');
      if (t.level) out.level = t.level;
      if (t.logger) logger = t.logger;
      msg = t.message;
    }
    out.logger = logger || g.source || '';
    out.message = msg;
    return true;
  }

  /** A JSON or logfmt record behind a text prefix: its fields win, except the prefix's logger (the syslog ident). */
  private payload(msg: string, out: RecordOut, logger: string): boolean {
    const r = this.inner;
    resetRecord(r);
    const ok = msg.charCodeAt(0) === 123 ? this.json(msg, r) : parseLogfmt(msg, r, this.env);
    if (!ok) return false;
    if (!Number.isNaN(r.tMs) && (r.zoned || !out.zoned || Number.isNaN(out.tMs))) {
      out.tMs = r.tMs;
      out.subNs = r.subNs;
      out.zoned = r.zoned;
      out.yearless = r.yearless;
    }
    if (r.level) out.level = r.level;
    if (r.status) out.status = r.status;
    out.message = r.message;
    out.extra = r.extra;
    out.logger = logger || r.logger;
    out.flags |= r.flags;
    return true;
  }
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
 * Fill out's time from the groups. Returns false when the groups hold an
 * impossible time (the pattern then does not match), 'date-less' for a clock
 * without a date (untimed), true otherwise.
 */
function readTime(g: Record<string, string | undefined>, env: ParseEnv, out: RecordOut): boolean | 'date-less' {
  const t = env.time;
  if (g.ts !== undefined) {
    if (!parseTimeAt(g.ts, 0, env.year, t)) return false;
  } else if (g.epoch !== undefined) {
    if (!fromEpochString(g.frac ? `${g.epoch}.${g.frac}` : g.epoch, t)) return false;
  } else if (g.h !== undefined) {
    const mo = g.M !== undefined ? Number(g.M) : g.mon !== undefined ? monthNumber(g.mon) : -1;
    if (mo < 0 || g.D === undefined) return 'date-less';
    const y = g.Y !== undefined ? Number(g.Y) : g.y2 !== undefined ? 2000 + Number(g.y2) : env.year;
    const off = g.tz !== undefined ? parseZone(g.tz, t) : NaN;
    if (!timeFromParts(y, mo, Number(g.D), Number(g.h), Number(g.m), Number(g.s ?? 0), Number(g.ms ?? 0), g.frac ?? '', off, t)) return false;
    t.yearless = g.Y === undefined && g.y2 === undefined;
  } else return 'date-less';
  out.tMs = t.ms;
  out.subNs = t.subNs;
  out.zoned = t.zoned;
  out.yearless = t.yearless;
  return true;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
function monthNumber(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? -1 : i + 1;
}

// ---- the tail: level word, [thread], logger at the front of a message

/** Level words accepted bare (no brackets, no colon) in lower or Capital case; others must be UPPER. */
const PLAIN_LEVEL_WORDS = new Set(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'dbg', 'inf', 'wrn', 'err', 'eror', 'erro', 'crit', 'critical', 'notice', 'verbose', 'information', 'trc', 'ftl']);

const LOGGER_LIKE = /^[A-Za-z_$][\w$-]*(?:(?:\.|::|\/|\$)[\w$-]+)+(?:#\d+)?$/;
const CALLER_LIKE = /\.(?:go|py|js|ts|rb|java|c|cc|cpp|rs|cs|php|kt|scala):\d+$/;

interface Tail {
  level: number;
  logger: string;
  message: string;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Skip spaces and the separators people put between fields: "|", " - ", ": ", ",". */
function skipSeparators(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === 124 || c === 44) i++;
    else if ((c === 45 || c === 58) && isSpace(s.charCodeAt(i + 1))) i += 2;
    else return i;
  }
}

function bareLevel(word: string): number {
  const w = word.endsWith(':') ? word.slice(0, -1) : word;
  if (w.length < 3) return 0;
  const lv = levelFromWord(w);
  if (!lv) return 0;
  if (w === w.toUpperCase() || word.endsWith(':')) return lv;
  return PLAIN_LEVEL_WORDS.has(w.toLowerCase()) ? lv : 0;
}

function loggerName(token: string): string {
  if (!LOGGER_LIKE.test(token) || CALLER_LIKE.test(token) || token.includes('://')) return '';
  return token.replace(/#\d+$/, '');
}

/**
 * Read up to four leading fields of `s`: a level word (bare or bracketed), a
 * [thread] or pid to skip, and a logger ("com.x.Y:", "[a.b]", "pkg.mod -").
 * Stops at the first field that is none of these: the rest is the message.
 */
export function readTail(s: string, wantLevel: boolean, wantLogger: boolean): Tail {
  let level = 0;
  let logger = '';
  /** A short [name] after the level: the component, when no better logger follows. */
  let component = '';
  let i = skipSeparators(s, 0);
  for (let fields = 0; fields < 4 && i < s.length; fields++) {
    const c = s.charCodeAt(i);
    if (c === 91 || c === 60 || c === 40) { // [ < (
      const close = c === 91 ? 93 : c === 60 ? 62 : 41;
      const j = closing(s, i, c, close);
      if (j < 0) break;
      const token = s.slice(i + 1, j).trim();
      const lv = wantLevel && !level ? levelFromWord(token) : 0;
      if (lv) level = lv;
      else if (c !== 91 || token.length === 0 || token.length > 60 || /\s/.test(token)) break;
      else if (wantLogger && !logger && loggerName(token)) logger = loggerName(token);
      else if (level && !component) component = token; // "[warn] [cache] ..."
      // else: a [thread] before the level, skipped
      i = skipSeparators(s, j + 1);
      continue;
    }
    let j = i;
    while (j < s.length && !isSpace(s.charCodeAt(j))) j++;
    const word = s.slice(i, j);
    const lv = wantLevel && !level ? bareLevel(word) : 0;
    if (lv) {
      level = lv;
    } else if (!level && /^\d{1,7}$/.test(word)) {
      // a pid before the level (OpenStack "25746 INFO")
    } else if (wantLogger && !logger) {
      const colon = word.endsWith(':');
      const name = loggerName(colon ? word.slice(0, -1) : word);
      const dash = s.charCodeAt(j + 1) === 45 && isSpace(s.charCodeAt(j + 2));
      if (!name || !(colon || dash || (level && (name.match(/\./g)?.length ?? 0) >= 2))) break;
      logger = name;
    } else break;
    i = skipSeparators(s, j);
  }
  return { level, logger: logger || (wantLogger ? component : ''), message: s.slice(i) };
}

/** Index of the bracket closing the one at s[i] (nesting counted), or -1. */
function closing(s: string, i: number, open: number, close: number): number {
  let depth = 0;
  for (let j = i; j < s.length && j - i < 120; j++) {
    const d = s.charCodeAt(j);
    if (d === open) depth++;
    else if (d === close && --depth === 0) return j;
  }
  return -1;
}

// ---- helpers other modules use

/** Does a text line carry its own time? (detection and tests) */
export function parseTextLine(s: string, out: RecordOut, env: ParseEnv): boolean {
  return new TextReader(env).read(s, out) === TextMatch.timed;
}

const LEADING_LEVEL = /^[[(<]?([A-Za-z]{3,11})[\])>]?:?(?=\s|$)/;

/** A level word at the start of an untimed line ("ERROR: boom", "[warn] x"). */
export function leadingLevel(s: string): number {
  const m = LEADING_LEVEL.exec(s.slice(0, 14));
  if (!m) return 0;
  const decorated = m[0].length > m[1].length;
  return decorated ? levelFromWord(m[1]) : bareLevel(m[1]);
}
