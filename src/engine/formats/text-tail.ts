// The "tail" of a text line: what usually follows its timestamp, read
// without a regex per dialect. A level word (bare, bracketed or with a
// colon), a [thread] or pid to skip, and a logger ("com.x.Y:", "[a.b]",
// "pkg.mod -") come off the front; the rest is the message. Patterns in
// text-patterns.ts with `tail: true` hand their message here.

import { levelFromWord } from '../model/levels.ts';

/** Level words accepted bare (no brackets, no colon) in lower or Capital case; others must be UPPER. */
const PLAIN_LEVEL_WORDS = new Set(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'dbg', 'inf', 'wrn', 'err', 'eror', 'erro', 'crit', 'critical', 'notice', 'verbose', 'information', 'trc', 'ftl']);

const LOGGER_LIKE = /^[A-Za-z_$][\w$-]*(?:(?:\.|::|\/|\$)[\w$-]+)+(?:#\d+)?$/;
const CALLER_LIKE = /\.(?:go|py|js|ts|rb|java|c|cc|cpp|rs|cs|php|kt|scala):\d+$/;
/** A whole field that is a source position ("backoff.go:205:", Go's log with Lshortfile). */
const CALLER_FIELD = /^[\w./-]+\.(?:go|py|js|ts|rb|java|c|cc|cpp|rs|cs|php|kt|scala):\d+:?$/;

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

/** An exception's class ("java.net.SocketTimeoutException: Read timed out"): what the message is about, so it stays in it for signatures to read. */
const EXCEPTION_CLASS = /(?:Exception|Error|Throwable)$/;

function loggerName(token: string): string {
  if (!LOGGER_LIKE.test(token) || CALLER_LIKE.test(token) || token.includes('://') || EXCEPTION_CLASS.test(token)) return '';
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
      const lv = wantLevel && !level ? levelFromWord(token) || threadLevel(token) : 0;
      if (lv) level = lv;
      else if (c !== 91 || token.length === 0 || token.length > 60 || /\s/.test(token)) break;
      else if (wantLogger && !logger && loggerName(token)) logger = loggerName(token);
      else if (level && !component && !/^\d+$/.test(token)) component = token; // "[warn] [cache] ...", not a connection number ("[warning] [3]")
      // else: a [thread] before the level, skipped
      i = skipSeparators(s, j + 1);
      continue;
    }
    if (c === 123 && wantLevel && !level) { // {
      // Python's "{module.py:130} ERROR - ..." (Airflow's default format): a braced caller before the level, skipped like a pid
      const j = closing(s, i, 123, 125);
      if (j < 0 || !CALLER_LIKE.test(s.slice(i + 1, j)) || !levelAt(s, skipSeparators(s, j + 1))) break;
      i = skipSeparators(s, j + 1);
      continue;
    }
    let j = i;
    while (j < s.length && !isSpace(s.charCodeAt(j))) j++;
    const word = s.slice(i, j);
    const lv = wantLevel && !level ? bareLevel(word) || letterLevel(s, word, j) : 0;
    if (lv) {
      level = lv;
    } else if (!level && /^\d{1,7}$/.test(word)) {
      // a pid before the level (OpenStack "25746 INFO")
    } else if (wantLevel && !level && CALLER_FIELD.test(word) && levelAt(s, skipSeparators(s, j))) {
      // a caller before the level (TiDB, Go's log with Lshortfile: "backoff.go:205: [warning] ..."): skipped
      // like a pid; with no level after it, it stays the head of the message ("main.go:63: creating client")
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

/** GlusterFS's level letters (I, W, E, C for critical, ...), each followed by its "[MSGID: n]" or "[file.c:line:function]" field. */
const LEVEL_LETTERS: Record<string, number> = { T: 1, D: 2, I: 3, N: 3, W: 4, E: 5, C: 6, A: 6 };
const LETTER_CONTEXT = /^ \[(?:MSGID: \d+|[\w.-]+\.[ch]:\d+:\w+)\]/;

/** A one-letter level, only where a message id or a C source position follows it: alone, "I" or "A" is a word. */
function letterLevel(s: string, word: string, end: number): number {
  if (word.length !== 1 || !Object.prototype.hasOwnProperty.call(LEVEL_LETTERS, word)) return 0;
  return LETTER_CONTEXT.test(s.slice(end, end + 80)) ? LEVEL_LETTERS[word] : 0;
}

/** The level of the field at s[i] (bracketed or a bare level word), or 0. */
function levelAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 91 || c === 60 || c === 40) {
    const j = closing(s, i, c, c === 91 ? 93 : c === 60 ? 62 : 41);
    return j < 0 ? 0 : levelFromWord(s.slice(i + 1, j).trim());
  }
  let j = i;
  while (j < s.length && !isSpace(s.charCodeAt(j))) j++;
  // Bare, only in capitals or with a colon: "main.go:9: error handling request" is a message, not a level.
  const word = s.slice(i, j);
  return word === word.toUpperCase() || word.endsWith(':') ? bareLevel(word) : 0;
}

/** log4j2's "%t/%level" in one bracket (Minecraft: "[Server thread/WARN]"): the level after the last slash. */
function threadLevel(token: string): number {
  const slash = token.lastIndexOf('/');
  return slash > 0 && token.length - slash <= 8 ? levelFromWord(token.slice(slash + 1)) : 0;
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

const LEADING_LEVEL = /^[[(<]?([A-Za-z]{3,11})[\])>]?:?(?=\s|$)/;

/** A level word at the start of an untimed line ("ERROR: boom", "[warn] x"). */
export function leadingLevel(s: string): number {
  const m = LEADING_LEVEL.exec(s.slice(0, 14));
  if (!m) return 0;
  const decorated = m[0].length > m[1].length;
  return decorated ? levelFromWord(m[1]) : bareLevel(m[1]);
}
