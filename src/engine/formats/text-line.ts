// The generic reader for one line of plain text: finds a leading timestamp in
// any common shape (with the level word before or after it), then a level
// word and a logger, and leaves the rest as the message. Every format falls
// back to this for lines that are not its own (mixed files), and the
// docker/compose/syslog wrappers run it on their inner text.

import { levelFromHttpStatus, levelFromWord } from '../model/levels.ts';
import { fromEpoch, parseClfAt, parseCtimeAt, parseIsoAt, parseKlogAt, parseSyslogAt } from '../model/time.ts';
import type { ParseEnv, RecordOut } from './types.ts';

const KLOG_LEVELS: Record<string, number> = { I: 3, W: 4, E: 5, F: 6, D: 2 };
const LEVEL_TOKEN = /^[[(<]?([A-Za-z]{1,11})[\])>]?:?(?=\s|$)/;
const CLF = /^(\S+) (\S+) (\S+) \[([^\]]+)\] "([^"]*)" (\d{3}) (\S+)/;
const LOGGER_TOKEN = /^\[([\w.$:/@-]{1,80})\]:?\s+|^([\w$]+(?:[.:/][\w$]+)+):\s+/;

/** Try a timestamp at s[i]; fills env.time. */
function timeAt(s: string, i: number, env: ParseEnv): boolean {
  const t = env.time;
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) {
    if (parseIsoAt(s, i, t)) return true;
    if (parseClfAt(s, i, t)) return true;
    // Two-digit year "yy/MM/dd HH:mm:ss" (Spark) and "yyMMdd HHmmss" (HDFS).
    const m = /^(\d{2})[/-](\d{2})[/-](\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(s.slice(i, i + 17));
    if (m) {
      t.ms = Date.UTC(2000 + +m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
      t.subNs = 0;
      t.zoned = false;
      t.end = i + 17;
      return Number.isFinite(t.ms);
    }
    const e = /^(\d{10}(?:\.\d{1,9})?|\d{13})(?=[\s,;\]|]|$)/.exec(s.slice(i, i + 24));
    if (e && fromEpoch(Number(e[1]), t)) {
      t.end = i + e[1].length;
      return true;
    }
    return false;
  }
  if (parseSyslogAt(s, i, env.year, t)) return true;
  if (parseCtimeAt(s, i, env.year, t)) return true;
  return false;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i;
}

/**
 * Parse a text line. Returns true when the line carries its own time (out
 * filled with time, level, logger, message); false leaves `out` untouched
 * except possibly `level` (a leading level word without a time).
 */
export function parseTextLine(s: string, out: RecordOut, env: ParseEnv): boolean {
  const t = env.time;
  // klog: "I0516 18:34:04.558677   12345 file.go:123] message"
  const k = KLOG_LEVELS[s[0]];
  if (k !== undefined && parseKlogAt(s, 1, env.year, t)) {
    out.level = k;
    let i = skipSpaces(s, t.end);
    const m = /^\d+\s+([\w./-]+:\d+)\]\s?/.exec(s.slice(i, i + 200));
    if (m) i += m[0].length;
    return fill(out, t.ms, t.subNs, t.zoned, s.slice(i));
  }
  // Apache/nginx common and combined log format: status gives the level.
  if (s.length > 20 && s.indexOf(' [') > 0) {
    const m = CLF.exec(s);
    if (m && parseClfAt(m[4], 0, t)) {
      out.status = +m[6];
      out.level = levelFromHttpStatus(out.status);
      return fill(out, t.ms, t.subNs, t.zoned, `${m[5]} ${m[6]} ${m[1]}`.trim());
    }
  }
  let i = 0;
  let level = 0;
  // Level before the time: "ERROR 2024-01-01 ..." or "[WARN] [2024-01-01 ...]".
  const lead = LEVEL_TOKEN.exec(s.slice(0, 14));
  if (lead && !/^\d/.test(s)) {
    const lv = levelFromWord(lead[1]);
    if (lv) {
      level = lv;
      i = skipSpaces(s, lead[0].length);
    }
  }
  let bracket = false;
  if (s.charCodeAt(i) === 91) { // [time]
    bracket = true;
    i++;
  }
  if (!timeAt(s, i, env)) return false;
  let j = t.end;
  if (bracket && s.charCodeAt(j) === 93) j++;
  j = skipSpaces(s, j);
  if (s.charCodeAt(j) === 124 || s.charCodeAt(j) === 45 && s.charCodeAt(j + 1) === 32) j = skipSpaces(s, j + 1); // "time | msg", "time - msg"
  if (!level) {
    const m = LEVEL_TOKEN.exec(s.slice(j, j + 14));
    if (m) {
      const lv = levelFromWord(m[1]);
      if (lv) {
        level = lv;
        j = skipSpaces(s, j + m[0].length);
      }
    }
  }
  const lg = LOGGER_TOKEN.exec(s.slice(j, j + 120));
  if (lg && !/^\d/.test(lg[1] ?? lg[2])) {
    out.logger = lg[1] ?? lg[2];
    j += lg[0].length;
  }
  if (!level) {
    // "time logger LEVEL msg" and "time [thread] LEVEL msg" shapes.
    const m = /^(\S+)\s+([A-Za-z]{3,8}):?\s/.exec(s.slice(j, j + 100));
    if (m && levelFromWord(m[2])) {
      level = levelFromWord(m[2]);
      j += m[0].length;
    }
  }
  out.level = level;
  return fill(out, t.ms, t.subNs, t.zoned, s.slice(j));
}

function fill(out: RecordOut, ms: number, subNs: number, zoned: boolean, message: string): true {
  out.tMs = ms;
  out.subNs = subNs;
  out.zoned = zoned;
  out.message = message;
  return true;
}

/** A level word at the start of an untimed line ("ERROR: boom", "[warn] x"). */
export function leadingLevel(s: string): number {
  const m = LEVEL_TOKEN.exec(s.slice(0, 14));
  return m ? levelFromWord(m[1]) : 0;
}
