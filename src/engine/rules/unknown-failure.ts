// When is a pasted excerpt an incident although no signature knows the
// product? A senior SRE does not need to know Galera, NATS or IIS to read
// "suspecting node ... declaring inactive", "No primary detected" nine times,
// "Slow Consumer Detected: WriteDeadline of 2s exceeded" from four clients or
// a FATAL "Shutting down due to ... error": the words, the repetition of the
// same failing operation and a fatal line nothing recovers from say it. This
// module holds that generic reading for the first-failure fallback, so that
// an excerpt full of plain failure lines never ends in silence, while a
// healthy excerpt (one routine error, a requested stop, failures that heal)
// stays quiet.

import { Flag, Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import { lowerBoundRows } from '../marks/sources.ts';
import { builtinCues, vocabularyClass } from '../knowledge/index.ts';
import { cueOf } from '../knowledge/load-cues.ts';
import type { RuleContext } from './types.ts';
import { allUntimed, DEATH, FAILURE_WORD, FORCED_STOP, levelOf, RETRY, ROUTINE_ERROR, SHUTDOWN, troubled } from './helpers.ts';
import { failureText } from './signature-match.ts';
import { repeatsOf } from './repeats.ts';
import { recoveryAfter } from './recovery.ts';
import { MIN_QUIET_MATCHES } from './failure-signature.ts';

/** A log this short is an excerpt someone pasted because of what is in it. */
export const EXCERPT_MAX_ROWS = 100;
/** Unknown failures this close together (MIN_QUIET_MATCHES of them) are an incident rather than sporadic errors. */
const UNKNOWN_RUN_MS = 60_000;
/** A stop request this close before a failure makes the failure part of the stop. */
const STOP_MS = 60_000;

const isExcerpt = (ctx: RuleContext) => ctx.table.length <= EXCERPT_MAX_ROWS;

/**
 * Did the program report this line as a failure? Its level says so when it has
 * one (error or worse); a line with no level (syslog, OpenVPN, curl, a pasted
 * exception) says so in words ("could not", "failed", "...Error:"), so a
 * signature's routine look-alike ("the database system is starting up" as
 * chatter) does not count, nor a line announcing a retry of what failed. In a
 * pasted excerpt a WARN line's words decide too, words of trouble included
 * ("No primary detected"). An INFO line is routine to the program that wrote
 * it ("login failed for user bob"); lines of trouble at INFO (a member
 * declared failed) are weighed as a run by unknownIncident instead.
 */
export function saysFailed(ctx: RuleContext, row: number): boolean {
  const lv = levelOf(ctx, row);
  if (lv >= Level.error) return true;
  const text = failureText(ctx, row);
  if (RETRY.test(text)) return retryLoop(ctx, row);
  if (!isExcerpt(ctx)) return lv === Level.none && FAILURE_WORD.test(text);
  if (lv !== Level.none && lv < Level.warn) return retried(ctx, row);
  return troubled(text) || FAILURE_WORD.test(text);
}

/** The program announced another attempt this soon after a failure: it is retrying what failed. */
const RETRIED_MS = 60_000;

/**
 * In a pasted excerpt, an INFO line that says it failed ("Failed to connect:
 * Handshake error.") and is followed at once by the program announcing
 * another attempt ("Waiting 3 seconds before retry"): the program is retrying
 * what failed, whatever level it gave the line. One such line that then
 * connects is a wait (recovery.ts); three of them in a minute with no
 * success are a client that cannot get through.
 */
function retried(ctx: RuleContext, row: number): boolean {
  if (!isExcerpt(ctx) || levelOf(ctx, row) !== Level.info) return false;
  const text = failureText(ctx, row);
  if (!FAILURE_WORD.test(text) || RETRY.test(text) || ROUTINE_ERROR.test(text)) return false;
  const own = ctx.sources.rows[ctx.table.file[row]];
  const next = own[own.indexOf(row) + 1];
  return next !== undefined && RETRY.test(ctx.peek(next)) && !FAILURE_WORD.test(ctx.peek(next)) && !(ctx.table.tMs[next] - ctx.table.tMs[row] > RETRIED_MS);
}

/**
 * In a pasted excerpt, a line the program did not mark as a failure is one
 * when the program dies right after it: "toomanyrequests: ..." with no level,
 * then "Error: Process completed with exit code 1". The next event of the
 * same file is an exit logged as an error, or a crash.
 */
export function ledToExit(ctx: RuleContext, row: number): boolean {
  if (!isExcerpt(ctx)) return false;
  const own = ctx.sources.rows[ctx.table.file[row]];
  const next = own[own.indexOf(row) + 1];
  if (next === undefined) return false;
  return ctx.table.kind[next] === Kind.crash || (levelOf(ctx, next) >= Level.error && DEATH.test(ctx.peek(next)));
}

/** Reported as a failure in words or by level (saysFailed), or followed at once by the program's exit (ledToExit). */
export function reportedFailure(ctx: RuleContext, row: number): boolean {
  return saysFailed(ctx, row) || ledToExit(ctx, row);
}

/** What failed now works ("retry succeeded", "connected"): not a retry loop. */
const RECOVERED = vocabularyClass('recovered');
/** Not, as in "assignment not cleaned up, retrying": the attempt that is retried did not happen. */
const NOT = /\bnot\b/i;

/**
 * In a pasted excerpt, the same retry announced MIN_QUIET_MATCHES times or
 * more, at INFO or above, each saying what failed ("failed to flush chunk
 * ..., retry in 223 seconds", "Consumer assignment not cleaned up,
 * retrying", "Database locked, sleeping then retrying"): one retry is a program coping, the same one again and again is
 * a failure that does not go away. A retry that then succeeds is told by
 * recovery.ts.
 */
function retryLoop(ctx: RuleContext, row: number): boolean {
  if (!isExcerpt(ctx)) return false;
  const lv = levelOf(ctx, row);
  if (lv !== Level.none && lv < Level.info) return false;
  const text = failureText(ctx, row);
  if (!RETRY.test(text) || !(FAILURE_WORD.test(text) || NOT.test(text) || cued(text)) || RECOVERED.test(text)) return false;
  const t = ctx.table;
  let n = 0;
  for (const r of ctx.sources.rows[t.file[row]]) if (t.template[r] === t.template[row] && ++n >= MIN_QUIET_MATCHES) return true;
  return false;
}

/**
 * A row that counts as a failure in a pasted excerpt although its level does
 * not say so: an unlevelled line that says it failed in words, or a line of
 * trouble at any level, or an unlevelled or WARN line that says it failed
 * or whose words point at a family ("no free leases"). Such a line joins a
 * run of failures; whether the run is an incident is decided by
 * unknownIncident and the family cues (family-cue.ts).
 */
export function excerptFailure(ctx: RuleContext, row: number): boolean {
  if (!isExcerpt(ctx)) return false;
  const lv = levelOf(ctx, row);
  if (lv !== Level.none && lv < Level.info) return false;
  const text = failureText(ctx, row);
  if (RETRY.test(text)) return retryLoop(ctx, row);
  return troubled(text) || ((lv === Level.none || lv === Level.warn) && (FAILURE_WORD.test(text) || cued(text))) || retried(ctx, row);
}

/** The line's words point at a family (knowledge/cues/family-cues.json: "no free leases", "all 200 workers are busy"). */
function cued(text: string): boolean {
  return cueOf(builtinCues(), text) !== undefined;
}

/**
 * A line whose only sign of failure is a word, at WARN or with no level in a
 * file that has timestamps (syslog, journald): start-ups warn "failed to load
 * plugin" by the dozen, and a syslog holds sshd's "authentication failure"
 * from every scanner. Such lines join the run but never make it an incident. An
 * unlevelled line in a file with no timestamps at all is pasted output (an
 * exception, an event text) and counts fully.
 */
function weak(ctx: RuleContext, row: number): boolean {
  const lv = levelOf(ctx, row);
  if (ctx.table.kind[row] !== Kind.plain || troubled(failureText(ctx, row)) || retryLoop(ctx, row) || withException(ctx, row)) return false;
  return lv === Level.warn || (lv === Level.none && !allUntimed(ctx, [row]));
}

/** The exception class that opens a line ("com.example.FooException: ..."), or "". */
function exceptionClass(line: string): string {
  const m = /^\s*([\w.$]+(?:Exception|Error)\w*):/.exec(line);
  return m ? m[1] : '';
}

/**
 * Occurrences one event stands for: a folded Kubernetes line counts as its
 * count, and an exception pasted several times over (the same class on each
 * continuation line, no frames between) as each copy.
 */
export function lineRepeats(ctx: RuleContext, row: number): number {
  const text = failureText(ctx, row);
  const cls = exceptionClass(ctx.message(row));
  const causes = cls ? ctx.causes?.(row) : undefined;
  const pasted = causes ? causes.filter((c) => exceptionClass(c) === cls).length : 0;
  return repeatsOf(text) + pasted;
}

/** Do MIN_QUIET_MATCHES of the rows (each counted as the occurrences it stands for) fall within UNKNOWN_RUN_MS? */
function concentrated(ctx: RuleContext, rows: readonly number[]): boolean {
  const t = ctx.table;
  for (let i = 0, j = 0, n = 0; j < rows.length; j++) {
    n += lineRepeats(ctx, rows[j]);
    while (t.tMs[rows[j]] - t.tMs[rows[i]] > UNKNOWN_RUN_MS) n -= lineRepeats(ctx, rows[i++]);
    if (n >= MIN_QUIET_MATCHES) return true;
  }
  return false;
}

/** The same operation failing again and again: MIN_QUIET_MATCHES rows of one template, however spread over the run. */
export function sameOperation(ctx: RuleContext, rows: readonly number[]): boolean {
  const counts = new Map<number, number>();
  for (const r of rows) {
    const tpl = ctx.table.template[r];
    const n = (counts.get(tpl) ?? 0) + lineRepeats(ctx, r);
    if (n >= MIN_QUIET_MATCHES) return true;
    counts.set(tpl, n);
  }
  return false;
}

/**
 * Does the excerpt end on these failures (nothing after the last one in its
 * file)? A failure repeated until the paste ends, or a FATAL line that is the
 * file's last word, is standing; one followed by routine lines ("export
 * finished: 412 reports, 3 skipped") may have been per-item.
 */
export function endsOnFailure(ctx: RuleContext, rows: readonly number[]): boolean {
  const last = rows[rows.length - 1];
  const own = ctx.sources.rows[ctx.table.file[last]];
  let end = own.length - 1;
  // Lines with neither a time nor a level after a timed failure are its detail the reader kept apart
  // ("dispatch error:" then "id:3, addr:... status:2"), not the program going on.
  if (!allUntimed(ctx, [last])) while (end > 0 && own[end] > last && detailLine(ctx, own[end])) end--;
  return own[end] === last;
}

/** No time and no level of its own: the rest of the record above it. */
function detailLine(ctx: RuleContext, row: number): boolean {
  return (ctx.table.flags[row] & Flag.untimed) !== 0 && levelOf(ctx, row) === Level.none && ctx.table.kind[row] === Kind.plain;
}

/**
 * Does the paste end on a chain of failure lines that began with the last
 * strong one? "backoffer.maxSleep 5000ms is exceeded", then, in the same
 * second, "dispatch error:" at WARN: the later lines only say "error", but
 * they are the same failure reaching the caller, and the paste stops there.
 * Every line between the strong one and the end says it failed.
 */
function failedToTheEnd(ctx: RuleContext, strong: readonly number[], said: readonly number[]): boolean {
  const t = ctx.table;
  const last = strong[strong.length - 1];
  const tail = said.filter((r) => r > last && t.file[r] === t.file[last]);
  if (!tail.length || !endsOnFailure(ctx, tail) || t.tMs[tail[tail.length - 1]] - t.tMs[last] > UNKNOWN_RUN_MS) return false;
  const own = ctx.sources.rows[t.file[last]];
  const from = own.indexOf(last);
  // Only warnings and the records' own detail lines in between: an INFO line would make the later failures separate ones.
  return own.slice(from + 1).every((r) => tail.includes(r) || levelOf(ctx, r) >= Level.warn || detailLine(ctx, r));
}

/** An event of several lines whose continuation names an exception ("java.util.concurrent.CompletionException: ..."), with frames below it. */
function withException(ctx: RuleContext, row: number): boolean {
  if (ctx.table.lineCount[row] < 3) return false;
  const lines = ctx.causes?.(row);
  return !!lines && lines.some((l) => exceptionClass(l) !== '');
}

/**
 * Failures the excerpt ends on, with more than a word to them: the same
 * operation failing MIN_QUIET_MATCHES times, a FATAL or ERROR line that says
 * what went wrong beyond its level ("Shutting down due to ServeAPI error",
 * "unrecoverable error"), not a demo's "this is a critical message", a
 * last line of trouble logged as a warning ("session ... has expired"), or
 * a last warning of failure that carries the exception it caught, stack and
 * all.
 */
function standing(ctx: RuleContext, strong: readonly number[], said: readonly number[]): boolean {
  if (!strong.length || !(endsOnFailure(ctx, strong) || failedToTheEnd(ctx, strong, said))) return false;
  if (sameOperation(ctx, strong)) return true;
  // The paste ends on a line of trouble logged as a warning or worse ("session ... has expired"): the excerpt was cut there because of it.
  const last = strong[strong.length - 1];
  // Or on a warning of failure that carries the exception it caught, stack and all: the program reported the failure in full.
  if (levelOf(ctx, last) >= Level.warn && withException(ctx, last)) return true;
  return levelOf(ctx, last) >= Level.warn && troubled(failureText(ctx, last)) || strong.some((r) => levelOf(ctx, r) >= Level.error && troubled(failureText(ctx, r)));
}

/** A paste of at most this many events is the failure itself, copied out to ask about it. */
export const FEW_EVENTS = 3;

/**
 * A paste of a few events (FEW_EVENTS) that holds a failure the program
 * reported, in words as well as by level ("ERROR ... AccessDeniedException",
 * "Singleton lock renewal failed ... 409", "AUTH_FAILED" then the exit): the
 * failure is what was pasted, as nobody copies two lines of a healthy log to
 * ask about them; unless a line after it says the thing works again. A few
 * routine lines, or failures that heal, stay informational.
 */
export function pastedFailure(ctx: RuleContext, run: readonly number[], known: (row: number) => boolean = () => false): boolean {
  const t = ctx.table;
  if (t.length > FEW_EVENTS) return false;
  const { said, strong } = weighedFailures(ctx, run);
  const allFailures = said.length === t.length;
  const told = run.find((r) => {
    const text = failureText(ctx, r);
    const lv = levelOf(ctx, r);
    // Lines of trouble at INFO ("evictions to avoid running out of memory") are weighed as a run, never alone.
    if (ROUTINE_ERROR.test(text) || (lv !== Level.none && lv < Level.warn && t.kind[r] === Kind.plain)) return false;
    if (strong.includes(r)) return true;
    // A timeout that says so ("Task timed out after 18.02 seconds") is one whatever level a wrapper gave it,
    // unless the line announces another attempt.
    if (t.kind[r] === Kind.timeout && FAILURE_WORD.test(text) && !RETRY.test(text)) return true;
    if (lv !== Level.none && lv < Level.warn) return false;
    // A failure signature knows the line (an access line's "503 UC"), or words that point at a family say it
    // ("insufficient space" at WARN), or the paste is made of nothing but failure lines ("unable to add device",
    // then "unable to add vif devices"). A level alone never does: some programs log routine readings at alert.
    return known(r) || (reportedFailure(ctx, r) && cued(text)) || allFailures;
  });
  if (told === undefined || stoppedBefore(ctx, told)) return false;
  const own = new Set(run);
  return recoveryAfter(ctx, run, (r) => own.has(r)) < 0;
}

/**
 * The timeouts of a timeout burst (MIN_QUIET_MATCHES or more) that overlaps
 * the run in its file, whatever their level, when they say they failed in
 * words ("Failed to connect ... HostUnreachable").
 */
function burstTimeouts(ctx: RuleContext, run: readonly number[]): number[] {
  const t = ctx.table;
  const file = t.file[run[0]];
  const from = t.tMs[run[0]];
  const to = t.tMs[run[run.length - 1]];
  const out: number[] = [];
  for (const m of ctx.marks) {
    if (m.kind !== 'timeout-burst' || m.file !== file || m.end < from || m.start > to) continue;
    const rows = m.events.filter((r) => t.kind[r] === Kind.timeout && levelOf(ctx, r) >= Level.info && FAILURE_WORD.test(failureText(ctx, r)));
    if (rows.length >= MIN_QUIET_MATCHES) out.push(...rows);
  }
  return out;
}

/** A stop someone asked for ("received SIGTERM, shutting down"), not one an error forced ("Shutting down due to ServeAPI error"). */
function stopRequest(text: string): boolean {
  return SHUTDOWN.test(text) && !FORCED_STOP.test(text);
}

/**
 * An excerpt whose failures no signature knows is still an incident when the
 * program says so plainly, in words as well as by level, with failures that
 * are not routine per-request errors (a 404's missing file), did not heal
 * and are not part of a stop it was asked for (npm's "signal SIGTERM",
 * Postgres's "terminating connection due to administrator command"), and
 * either MIN_QUIET_MATCHES failures within a minute, or failures the excerpt
 * ends on (standing, above). A WARN line that only says "failed" (weak, above)
 * does not count: start-ups warn that way and then run. One ERROR among routine
 * lines, a line whose only failure word is its level, or errors followed by
 * "connected" stay informational: a healthy excerpt has those too.
 */
export function unknownIncident(ctx: RuleContext, run: readonly number[]): boolean {
  if (!isExcerpt(ctx)) return false;
  const { said, strong } = weighedFailures(ctx, run);
  if (!strong.length) return false;
  if (!concentrated(ctx, strong) && !standing(ctx, strong, said)) return false;
  if (strong.some((r) => stopRequest(ctx.peek(r))) || stoppedBefore(ctx, strong[0])) return false;
  return recoveryAfter(ctx, strong, (r) => strong.includes(r)) < 0;
}

/** Was a stop requested (STOP_MS or less) before this failure, in its file? Then the failure is part of the stop. */
function stoppedBefore(ctx: RuleContext, row: number): boolean {
  const t = ctx.table;
  const rows = ctx.sources.rows[t.file[row]];
  const from = t.tMs[row] - STOP_MS;
  for (let k = lowerBoundRows(t.tMs, rows, from); k < rows.length && rows[k] < row; k++) if (stopRequest(ctx.peek(rows[k]))) return true;
  return false;
}

/**
 * A run's failures as an excerpt weighs them: `said`, the rows reported as a
 * failure (by level, kind, or in words an excerpt counts) that say so in
 * words and are not routine per-request errors; `strong`, those of them that
 * are more than a start-up's warning (weak, above), with the timeouts of a
 * burst the run overlaps, in row order.
 */
function weighedFailures(ctx: RuleContext, run: readonly number[]): { said: number[]; strong: number[] } {
  const said = run.filter((r) => {
    const text = failureText(ctx, r);
    const lv = levelOf(ctx, r);
    const kind = ctx.table.kind[r];
    // Reported as a failure by its level, its kind (a timeout, a failed probe, a crash), or in words an excerpt counts.
    const reported = lv >= Level.error || kind === Kind.timeout || kind === Kind.healthFail || kind === Kind.crash || excerptFailure(ctx, r);
    return reported && (saysFailed(ctx, r) || troubled(text)) && (FAILURE_WORD.test(text) || troubled(text) || retryLoop(ctx, r)) && !ROUTINE_ERROR.test(text);
  });
  const strong = said.filter((r) => !weak(ctx, r));
  // A burst of timeouts is a failure however the product levels it (MongoDB logs its refused heartbeats at INFO).
  for (const r of burstTimeouts(ctx, run)) if (!strong.includes(r)) strong.push(r);
  strong.sort((a, b) => a - b);
  return { said, strong };
}
