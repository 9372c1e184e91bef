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
// slog/serilog/log4j/python/syslog/GCP), lower-cased. Unknown words map to none.
const WORDS: Record<string, LevelCode> = {
  trace: 1, trc: 1, verbose: 1, vrb: 1, verb: 1, finest: 1, finer: 1, t: 1,
  debug: 2, dbg: 2, debu: 2, fine: 2, d: 2, debug1: 2, debug2: 1, debug3: 1,
  info: 3, inf: 3, information: 3, informational: 3, notice: 3, note: 3, i: 3, ok: 3, config: 3,
  warn: 4, warning: 4, wrn: 4, warn_: 4, w: 4, wrng: 4,
  error: 5, err: 5, eror: 5, erro: 5, e: 5, severe: 5, failure: 5,
  fatal: 6, ftl: 6, fatl: 6, crit: 6, critical: 6, crt: 6, alert: 6, emerg: 6, emergency: 6, panic: 6, dpanic: 6, f: 6, pnc: 6,
};

/** Map a level word (any case, common abbreviations) to a level code, or none. */
export function levelFromWord(word: string): LevelCode {
  if (word.length === 0 || word.length > 13) return Level.none;
  const w = word.toLowerCase();
  const hit = WORDS[w];
  if (hit !== undefined) return hit;
  // GCP severities (DEFAULT is not a level) and words with decorations like "[warn]".
  const trimmed = w.replace(/^[[(<]+|[\])>:]+$/g, '');
  return trimmed !== w ? (WORDS[trimmed] ?? Level.none) : Level.none;
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
  if (!Number.isFinite(n)) return Level.none;
  if (n >= 10) return levelFromBunyan(n);
  return levelFromSyslog(n);
}

/** Access logs carry no level: 5xx is an error, 4xx a warning, the rest info. */
export function levelFromHttpStatus(status: number): LevelCode {
  if (status >= 500 && status < 600) return Level.error;
  if (status >= 400 && status < 500) return Level.warn;
  if (status >= 100 && status < 400) return Level.info;
  return Level.none;
}
