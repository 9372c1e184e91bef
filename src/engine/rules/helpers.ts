// Queries over marks and files that several rules share: which signals are
// reloads, what happened in a window, names of sources, evidence lists.

import type { Mark, MarkKind } from '../marks/types.ts';
import type { RuleContext } from './types.ts';
import { lowerBound } from '../model/event-table.ts';
import { vocabularyClass } from '../knowledge/index.ts';
import { Level, levelFromWord } from '../model/levels.ts';
import { clock, stamp } from './text.ts';

/** Signals that stop a process are not reloads. */
export const SHUTDOWN = vocabularyClass('shutdown');
/** "configuration reloaded" reports a reload that is over; it does not start one. */
export const COMPLETED = vocabularyClass('completed');
/** Deploy / rollout wording: a change that new errors may come from. */
export const DEPLOY = vocabularyClass('deploy');
/** A process dying: exit, stop, kill, crash wording. */
export const DEATH = vocabularyClass('death');
/** A kill signal, not the kernel's OOM killer (which is a crash whatever preceded it). */
export const KILL = vocabularyClass('kill');
export const OOM_KILLER = vocabularyClass('oom-killer');
/** Words that say a line reports a failure, for lines that carry no level of their own. */
export const FAILURE_WORD = vocabularyClass('failure-word');
/** Another attempt announced: a line coping with a failure rather than reporting one. */
export const RETRY = vocabularyClass('retry');
/** Words of trouble whatever the level (a member declared failed, an unrecoverable error), or a stop an error forced. */
const TROUBLE = vocabularyClass('trouble');
export const FORCED_STOP = vocabularyClass('forced-stop');
export const troubled = (text: string): boolean => TROUBLE.test(text) || FORCED_STOP.test(text);
/** Errors a program logs per request and an operator reads as routine (a 404's missing file, a duplicate key, a caller that gave up). */
export const ROUTINE_ERROR = vocabularyClass('routine-error');

/** A signal mark that starts a reload (not a shutdown, not a completion notice). */
export function isReload(m: Mark): boolean {
  return m.kind === 'signal' && !SHUTDOWN.test(m.label) && !COMPLETED.test(m.label);
}

export function marksOf(ctx: RuleContext, ...kinds: MarkKind[]): Mark[] {
  return ctx.marks.filter((m) => kinds.includes(m.kind));
}

/** Marks of the kinds whose start lies in [from, to]. */
export function startingIn(marks: readonly Mark[], from: number, to: number): Mark[] {
  return marks.filter((m) => m.start >= from && m.start <= to);
}

export function sourceName(ctx: RuleContext, file: number): string {
  return ctx.files[file]?.name ?? `file ${file}`;
}

/** Rows in time order without duplicates, capped (the report lists them as file:line). */
export function evidence(ctx: RuleContext, rows: Iterable<number>, cap = 40): number[] {
  const uniq = [...new Set(rows)].filter((r) => r >= 0 && r < ctx.table.length);
  uniq.sort((a, b) => a - b); // rows are in time order already
  return uniq.length > cap ? uniq.slice(0, cap) : uniq;
}

/** Template id -> how often it occurs among some rows, most frequent first. */
export function topTemplates(ctx: RuleContext, rows: readonly number[], limit = 3): { template: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(ctx.table.template[r], (counts.get(ctx.table.template[r]) ?? 0) + 1);
  return [...counts].map(([template, count]) => ({ template, count })).sort((a, b) => b.count - a.count).slice(0, limit);
}

/** Does [a0, a1] come within `slack` ms of [b0, b1]? */
export function near(a0: number, a1: number, b0: number, b1: number, slack = 0): boolean {
  return a0 <= b1 + slack && b0 <= a1 + slack;
}

const REQUEST_STATUS = vocabularyClass('request-status');

/**
 * What a set of rows mostly is, for a detail line: "HTTP 503 responses (96 of 108)"
 * when they are requests, else the most frequent template, quoted.
 */
export function mostly(ctx: RuleContext, rows: readonly number[]): string {
  const statuses = new Map<string, number>();
  let requests = 0;
  for (const r of rows) {
    const m = REQUEST_STATUS.exec(ctx.message(r));
    if (!m) continue;
    requests++;
    statuses.set(m[1], (statuses.get(m[1]) ?? 0) + 1);
  }
  if (requests * 2 >= rows.length && requests > 0) {
    const [status, n] = [...statuses].sort((a, b) => b[1] - a[1])[0];
    return n === rows.length ? `HTTP ${status} responses` : `HTTP ${status} responses (${Math.round((100 * n) / rows.length)}%)`;
  }
  const top = topTemplates(ctx, rows, 1)[0];
  const pattern = top ? ctx.templates[top.template]?.pattern ?? '' : '';
  const one = pattern.length > 90 ? pattern.slice(0, 89) + '…' : pattern;
  return top ? `"${one}"` : 'various messages';
}

/**
 * Rows with a time in [from, to] that pass `test`, at most `cap`, in time
 * order. The table is sorted by time, so only the window is visited: the
 * evidence searches run per finding and must not walk a million rows each.
 */
export function rowsInWindow(ctx: RuleContext, from: number, to: number, test: (row: number) => boolean, cap = 20): number[] {
  const out: number[] = [];
  const t = ctx.table;
  for (let row = lowerBound(t, from); row < t.length && t.tMs[row] <= to && out.length < cap; row++) if (test(row)) out.push(row);
  return out;
}

/** A time a wrapped program writes before its own level: "2023-10-04T08:07:36+08:00", "[08:07:36.123]", "2024/01/02". */
const STAMP_TOKEN = /^\[?\d{2,4}[-/.:]\d{1,2}(?:[-/.:T,+Z]|\d)*\]?$/;
/** A process id before a program's level ("47045:", "[17333]"). */
const PID_TOKEN = /^\[?\d{1,7}\]?:?$/;
/** A host name a collector put before the program's own line ("ops-object01.domain.de"). */
const HOST_TOKEN = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+){2,}$/i;
/** A level word in any case when a colon ends it ("Error:", "warning:"): the colon makes it a label, not prose. */
const WORD_COLON = /^[A-Za-z]{3,11}:$/;
/** A level word as programs print it: UPPER case or bracketed, three letters or more ("ERROR", "[warn]", "<crit>"). */
const LEVEL_TOKEN = /^(?:[A-Z]{3,11}:?|[[<(][A-Za-z]{3,11}[\]>)]:?)$/;

/**
 * The row's level; when its format read none (a journald or syslog line
 * wrapping a program's own "2023-10-04T08:07:36+08:00 ERROR ..." log), the
 * level word that opens the message, after that program's own timestamp,
 * process id or host name ("47045: error : ...", "ops-object01.domain.de
 * Error: Read failed"). Only the first word that is none of those is looked
 * at: "ERROR" further on is part of the text, not the line's level.
 */
export function levelOf(ctx: RuleContext, row: number): number {
  const lv = ctx.table.level[row];
  if (lv !== Level.none) return lv;
  // Read once per template: the level word is literal text, so rows of one template share it
  // (and a journald file can hold a million unlevelled rows).
  let memo = levelMemo.get(ctx);
  if (!memo) levelMemo.set(ctx, (memo = new Map()));
  const tpl = ctx.table.template[row];
  let found = memo.get(tpl);
  if (found === undefined) memo.set(tpl, (found = leadingLevelWord(ctx.peek(row))));
  return found;
}

const levelMemo = new WeakMap<RuleContext, Map<number, number>>();

/** A bracketed name ("(stats)", "[main]"): when it is no level word, the thread or category some programs print before the level. */
const BRACKETED_NAME = /^[[(][\w.-]{1,30}[\])]$/;
const threadToken = (token: string) => BRACKETED_NAME.test(token) && levelFromWord(token) === Level.none;
/** A bare word that may be a level when " : " follows it apart (libvirt's "47045: error : qemu..."). */
const BARE_WORD = /^[a-z]{3,11}$/i;

/** The level word after up to three leading time tokens of a message, or none. */
function leadingLevelWord(msg: string): number {
  let i = 0;
  for (let field = 0; field < 4; field++) {
    while (i < msg.length && (msg.charCodeAt(i) === 32 || msg.charCodeAt(i) === 9)) i++;
    let j = i;
    while (j < msg.length && j - i < 40 && msg.charCodeAt(j) !== 32 && msg.charCodeAt(j) !== 9) j++;
    if (j === i) return Level.none;
    let token = msg.slice(i, j);
    // libvirt's "47045: error : qemu...": the level word and its colon apart.
    if (BARE_WORD.test(token) && msg.startsWith(' : ', j)) token += ':';
    if (!STAMP_TOKEN.test(token) && !(field < 3 && (PID_TOKEN.test(token) || HOST_TOKEN.test(token) || threadToken(token)))) return LEVEL_TOKEN.test(token) || WORD_COLON.test(token) ? levelFromWord(token) : Level.none;
    i = j;
  }
  return Level.none;
}

/**
 * When a row happened, for a detail line: "2024-05-01 10:00:30 UTC" (its
 * clock alone with `clockOnly`), or "line 12" in a file with no timestamps at
 * all, where the timeline's placement is not a time anyone logged.
 */
export function whenRow(ctx: RuleContext, row: number, clockOnly = false): string {
  if (noTimes(ctx, ctx.table.file[row])) return `line ${ctx.table.line[row]}`;
  return clockOnly ? clock(ctx.table.tMs[row]) : stamp(ctx.table.tMs[row]);
}

/** Is every row in a file with no timestamps at all (durations between them mean nothing)? */
export function allUntimed(ctx: RuleContext, rows: readonly number[]): boolean {
  return rows.length > 0 && rows.every((r) => noTimes(ctx, ctx.table.file[r]));
}

/** A file with no timestamps at all (detectors/select.ts asks the same; imported from there it would be a cycle). */
function noTimes(ctx: RuleContext, file: number): boolean {
  const f = ctx.files[file];
  return !!f && f.events > 0 && f.untimed >= f.events;
}
