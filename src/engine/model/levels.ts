// Severity levels normalised across dialects. Stored as a small integer in the
// event table's Uint8 level column, so the order below is also the severity order.

export const Level = {
  none: 0,
  trace: 1,
  debug: 2,
  info: 3,
  warn: 4,
  error: 5,
  fatal: 6,
} as const;
export type LevelCode = (typeof Level)[keyof typeof Level];
export const LEVEL_NAMES = ['none', 'trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];

// Every spelling seen in the wild (lnav's level tables, logrus/zap/zerolog/
// slog/serilog/log4j/python/syslog/GCP/logcat), lower-cased. Unknown words map
// to none. Single letters are klog/logcat/Ruby initials; callers only offer
// them where a level letter is expected (see text-patterns.ts).
const WORDS: Record<string, LevelCode> = {
  trace: 1, trc: 1, trac: 1, verbose: 1, vrb: 1, verb: 1, finest: 1, finer: 1, t: 1, v: 1, all: 1,
  debug: 2, dbg: 2, debu: 2, dbug: 2, fine: 2, d: 2, debug1: 2, debug2: 1, debug3: 1,
  info: 3, inf: 3, information: 3, informational: 3, notice: 3, note: 3, i: 3, config: 3, success: 3, log: 3,
  warn: 4, warning: 4, warnings: 4, wrn: 4, w: 4, wrng: 4, warnin: 4,
  error: 5, err: 5, eror: 5, erro: 5, e: 5, severe: 5, failure: 5,
  // Windows Event Viewer exports in other languages write the level in words: Fehler, Warnung, Erreur, Avertissement...
  fehler: 5, erreur: 5, errore: 5, warnung: 4, avertissement: 4, advertencia: 4, avviso: 4, informationen: 3, informationsebene: 3, kritisch: 6, critique: 6,
  fatal: 6, fata: 6, ftl: 6, fatl: 6, crit: 6, critical: 6, crt: 6, alert: 6, emerg: 6, emergency: 6, panic: 6, pani: 6, dpanic: 6, f: 6, pnc: 6,
};

/** Map a level word (any case, common abbreviations) to a level code, or none. */
export function levelFromWord(word: string): LevelCode {
  if (word.length === 0 || word.length > 16) return Level.none;
  let w = word.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(WORDS, w)) return WORDS[w];
  // Decorations: "[warn]", "<error>", "error:", and slog's offsets "INFO+2" / "ERROR-4".
  w = w.replace(/^[[(<]+|[\])>:]+$/g, '').replace(/[+-]\d+$/, '');
  // The WORDS object is a plain literal: ask for own keys only ("constructor" is not a level).
  return Object.prototype.hasOwnProperty.call(WORDS, w) ? WORDS[w] : Level.none;
}

/** pino / bunyan numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
export function levelFromBunyan(n: number): LevelCode {
  if (n >= 60) return Level.fatal;
  if (n >= 50) return Level.error;
  if (n >= 40) return Level.warn;
  if (n >= 30) return Level.info;
  if (n >= 20) return Level.debug;
  if (n >= 1) return Level.trace;
  return Level.none;
}

/** syslog priority 0 (emerg) .. 7 (debug), as journald's PRIORITY carries it. */
export function levelFromSyslog(p: number): LevelCode {
  if (p <= 2) return Level.fatal; // emerg, alert, crit
  if (p === 3) return Level.error;
  if (p === 4) return Level.warn;
  if (p <= 6) return Level.info; // notice, info
  return Level.debug;
}

/** Numeric level whose scheme is guessed from its range (bunyan 10-60 vs syslog 0-7). */
export function levelFromNumber(n: number): LevelCode {
  if (!Number.isFinite(n) || n < 0) return Level.none;
  if (n >= 10) return levelFromBunyan(n);
  return levelFromSyslog(n);
}

/** A level given as a JSON value: a word, a number, or digits in a string ("30", "6"). */
export function levelFromValue(v: unknown): LevelCode {
  if (typeof v === 'number') return levelFromNumber(v);
  if (typeof v !== 'string' || v.length === 0) return Level.none;
  const c = v.charCodeAt(0);
  if (c >= 48 && c <= 57 && /^\d{1,3}$/.test(v)) return levelFromNumber(+v);
  return levelFromWord(v);
}

/** Access logs carry no level: 5xx is an error, 4xx a warning, the rest info. */
export function levelFromHttpStatus(status: number): LevelCode {
  if (status >= 500 && status < 600) return Level.error;
  if (status >= 400 && status < 500) return Level.warn;
  if (status >= 100 && status < 400) return Level.info;
  return Level.none;
}
