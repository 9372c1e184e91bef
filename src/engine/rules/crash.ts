// crash: a crash event (panic, fatal error, segfault, OOM, exit with failure)
// and what followed it in this or another file: a restart, an error or
// timeout burst (a 503 burst at the ingress while the pod is down), a gap.
// The finding spans from the crash to the recovery and carries a hint from
// the signature knowledge base (crash-signatures.ts). Crashes of one file in
// quick succession, or of several files within seconds (the kernel's OOM line
// and the service's exit), are one finding.

import type { Mark } from '../marks/types.ts';
import { lowerBoundRows } from '../marks/sources.ts';
import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import type { Family, Finding, Rule, RuleContext } from './types.ts';
import { evidence, KILL, marksOf, mostly, OOM_KILLER, SHUTDOWN, sourceName, whenRow } from './helpers.ts';
import { fileRowsInWindow } from './scan.ts';
import { memoByText } from './text-ids.ts';
import { matchSignatures } from './signature-match.ts';
import { matchSignature } from './crash-signatures.ts';
import { clock, duration, plural, quote } from './text.ts';

/** Crashes of the same file this close are one crash loop. */
export const CRASH_LOOP_MS = 10 * 60_000;
/** Crashes closer than this on average are a crash loop (a supervisor's back-off); further apart, recurring crashes. */
export const FAST_LOOP_MS = 3 * 60_000;
/** Crashes in different files this close are one happening (kernel OOM line + service exit). */
export const CRASH_CORRELATE_MS = 10_000;
/** A restart this long after the crash is its recovery; supervisors and Kubernetes back off up to 5 min. */
export const RECOVERY_WINDOW_MS = 15 * 60_000;
/** Without a restart, bursts and gaps starting this long after the crash are still its effects. */
export const EFFECT_WINDOW_MS = 5 * 60_000;
/** Effects outlast the restart a little: the ingress notices the pod is ready after a probe or two. */
export const EFFECT_SLACK_MS = 60_000;
/** A gap may begin shortly before the crash line (the last ordinary line before it). */
export const GAP_LEAD_MS = 30_000;
/** While nothing has restarted, crash reports this soon after the last are the same death told
 * again (Kubernetes backs off restarting a failed container up to five minutes). */
export const STILL_DOWN_MS = 5 * 60_000;
/** A kill this soon after a health failure in the same file is the watchdog acting on it. */
export const WATCHDOG_KILL_MS = 60_000;


/** A supervisor's words for giving up on a program, as opposed to still restarting it (systemd, supervisord, PM2). */
const START_LIMIT_HIT = /Start request repeated too quickly|start-limit-hit|Result: start-limit|entered FATAL state|too many start retries|too many unstable restarts/i;
/** This many crashes of one file, each followed by its restart, are a restart loop rather than one crash told several times. */
export const LOOP_MIN_CRASHES = 3;

/**
 * The incident family a crash signature names: running out of memory and memory
 * faults are families of their own; a systemd restart cycle is a restart loop
 * until systemd says it gave up (the start limit), and only then a restart limit.
 */
function crashFamily(signature: string | undefined, gaveUp: boolean, cycling: boolean): Family {
  if (signature === 'go-oom' || signature === 'java-oom' || signature === 'node-oom' || signature === 'linux-oom-killer') return 'oom';
  if (signature === 'segfault' || signature === 'nil-pointer') return 'segfault';
  if (signature === 'systemd-restarts') return gaveUp ? 'restart-limit' : 'restart-loop';
  // Whatever killed it, a unit the supervisor then stopped restarting is down until someone acts: the start limit is the news.
  if (gaveUp) return 'restart-limit';
  // Dying and being restarted again and again within minutes is the loop, whichever supervisor runs it (PM2, supervisord, s6).
  return cycling ? 'restart-loop' : 'crash';
}

/**
 * Did the file crash at least LOOP_MIN_CRASHES times within minutes, relaunched before each next crash? A
 * restart mark between two deaths says so; so does the same death line again with the file logging in
 * between (a container restarted by its runtime's policy logs no start line of its own).
 */
function cycles(ctx: RuleContext, own: readonly Mark[], restarts: readonly Mark[]): boolean {
  if (own.length < LOOP_MIN_CRASHES || (own[own.length - 1].start - own[0].start) / (own.length - 1) >= FAST_LOOP_MS) return false;
  const t = ctx.table;
  return own.slice(1).every((c, i) => restarts.some((r) => r.file === c.file && r.start >= own[i].start && r.start <= c.start && !r.startup) ||
    (t.template[c.events[0]] === t.template[own[i].events[0]] && fileRowsInWindow(ctx, c.file, own[i].start, c.start, (row) => row > own[i].events[0] && row < c.events[0] && t.kind[row] !== Kind.crash, 1).length > 0));
}

/**
 * The family a decisive failure signature gives the crash lines or the errors
 * just before them ("status=203/EXEC" is a unit that cannot exec its program,
 * "bind: address already in use" a port taken): a plain crash is named by its
 * cause when a signature knows it.
 */
function causeFamily(ctx: RuleContext, rows: readonly number[], own: readonly number[] = []): Family | undefined {
  const wanted = new Set(rows);
  // The crash's own lines (an uncaught exception whose root cause reads "Connection refused") are named by any signature.
  const mine = new Set(own);
  let best: { row: number; family: Family } | undefined;
  for (const h of matchSignatures(ctx)) {
    if (h.sig.family === 'crash') continue;
    for (const row of h.rows) {
      // Around the crash, a decisive signature names the cause; so does any other the program logged as an error
      // or worse (gunicorn's CRITICAL "WORKER TIMEOUT" beside a request's traceback).
      const said = h.sig.spec.decisive || ctx.table.level[row] >= Level.error;
      if (!(said ? wanted.has(row) || mine.has(row) : mine.has(row))) continue;
      if (!best || row < best.row) best = { row, family: h.sig.family };
    }
  }
  return best?.family;
}

/** A generic crash takes the family of its known cause; a specific one keeps its own. */
function familyOf(own: Family, cause: () => Family | undefined): Family {
  return own === 'crash' ? cause() ?? own : own;
}

/** The start-limit test of each analysis, remembered per template: a crash group of a long log spans most of its file. */
const startLimitTests = new WeakMap<RuleContext, (row: number) => boolean>();

/** Did systemd give up on the crashing unit within a minute of its last crash? */
function startLimitHit(ctx: RuleContext, file: number, from: number, to: number): boolean {
  let test = startLimitTests.get(ctx);
  if (!test) startLimitTests.set(ctx, (test = memoByText(ctx, (text) => START_LIMIT_HIT.test(text))));
  return fileRowsInWindow(ctx, file, from, to + 60_000, test, 1).length > 0;
}

function groups(crashes: readonly Mark[], restarts: readonly Mark[]): Mark[][] {
  const out: Mark[][] = [];
  for (const m of [...crashes].sort((a, b) => a.start - b.start)) {
    const g = out[out.length - 1];
    const last = g?.[g.length - 1];
    const stillDown = !!last && m.start - last.start <= STILL_DOWN_MS && !restarts.some((r) => r.start > last.start && r.start < m.start);
    if (g && last && ((last.file === m.file && m.start - last.start <= CRASH_LOOP_MS) || m.start - last.start <= CRASH_CORRELATE_MS || stillDown)) g.push(m);
    else out.push([m]);
  }
  return out;
}

/** Errors logged by the crashing file just before each crash ("bind: address already in use" before
 * systemd's "Main process exited"): the cause, when the crash line itself is only the exit. */
const LAST_WORDS_MS = 5_000;

function lastWords(ctx: RuleContext, crashes: readonly Mark[]): number[] {
  const out = new Set<number>();
  const t = ctx.table;
  for (const c of crashes) {
    const rows = ctx.sources.rows[c.file];
    for (let k = lowerBoundRows(t.tMs, rows, c.start - LAST_WORDS_MS); k < rows.length && t.tMs[rows[k]] <= c.start; k++) {
      const row = rows[k];
      if (t.level[row] >= Level.error && t.kind[row] !== Kind.crash && !c.events.includes(row)) out.add(row);
    }
    if (out.size >= 3) break;
  }
  return [...out].slice(0, 3);
}

/** A non-zero exit this soon after the same file asked to stop is part of the stop. */
export const PLANNED_STOP_MS = 60_000;
/** An exit status, as opposed to a death by a fault or the OOM killer, which no stop request explains. */
const PLAIN_EXIT = /exit(?:ed)? (?:with )?(?:exit )?(?:code|status)|code=(?:exited|killed)|status=\d+\/(?!SEGV|ABRT|BUS|ILL|FPE)\w+|exit status [1-9]/i;
const FAULT = /SIG(?:SEGV|ABRT|BUS|ILL|FPE)|signal (?:6|11)\b|core dumped|\boom|out ?of ?memory|panic/i;

/**
 * Was this "crash" a process exiting non-zero because it was asked to stop?
 * Postgres's "background worker ... exited with exit code 1" after "received
 * fast shutdown request", a service's status=143 after systemd's "Stopping":
 * a stop that did what it was asked, unless an error that is not itself part
 * of the stop ("terminating connection due to administrator command" is) came
 * in between.
 */
export function plannedStop(ctx: RuleContext, exit: number): boolean {
  const text = ctx.peek(exit);
  if (!PLAIN_EXIT.test(text) || FAULT.test(text)) return false;
  const t = ctx.table;
  const rows = ctx.sources.rows[t.file[exit]];
  const from = lowerBoundRows(t.tMs, rows, t.tMs[exit] - PLANNED_STOP_MS);
  let k = rows.indexOf(exit, from);
  // Back from the exit to the nearest stop request: an error on the way that is not part of the stop means it failed.
  for (k--; k >= from; k--) {
    const row = rows[k];
    if (t.kind[row] !== Kind.crash && SHUTDOWN.test(ctx.peek(row))) return true;
    if (t.level[row] >= Level.error || t.kind[row] === Kind.crash) return false;
  }
  return false;
}

/** Every line the crashing file logged in the seconds before each crash, whatever its level: a decisive
 * failure with no level ("memory allocation of 8589934592 bytes failed" before "Aborted (core dumped)") names the cause. */
function linesBefore(ctx: RuleContext, crashes: readonly Mark[]): number[] {
  const out: number[] = [];
  const t = ctx.table;
  for (const c of crashes) {
    const rows = ctx.sources.rows[c.file];
    for (let k = lowerBoundRows(t.tMs, rows, c.start - LAST_WORDS_MS); k < rows.length && t.tMs[rows[k]] <= c.start && out.length < 50; k++) out.push(rows[k]);
  }
  return out;
}

/** Was this "crash" a watchdog killing a process it had just found unresponsive? */
function watchdogKill(ctx: RuleContext, m: Mark): boolean {
  if (!KILL.test(m.label) || OOM_KILLER.test(m.label)) return false;
  const rows = ctx.sources.rows[m.file];
  const t = ctx.table;
  for (let k = lowerBoundRows(t.tMs, rows, m.start - WATCHDOG_KILL_MS); k < rows.length && t.tMs[rows[k]] <= m.start; k++) {
    if (t.kind[rows[k]] === Kind.healthFail) return true;
  }
  return false;
}

function effectText(ctx: RuleContext, m: Mark): string {
  const where = sourceName(ctx, m.file);
  if (m.kind === 'gap') return `${where} went silent ${clock(m.start)}–${clock(m.end)} (${duration(m.end - m.start)})`;
  return `${where} logged ${plural(m.count, m.kind === 'timeout-burst' ? 'failed request (timeout / upstream error)' : 'error', m.kind === 'timeout-burst' ? 'failed requests (timeouts / upstream errors)' : 'errors')} ${clock(m.start)}–${clock(m.end)}, mostly ${mostly(ctx, m.events)}`;
}

export const crash: Rule = {
  id: 'crash',
  title: 'Crash and what followed it',
  description: 'A panic, fatal error, segfault, OOM or failed exit, followed by a restart, an error/timeout burst or a gap in this or another file; spans crash to recovery with a hint from known crash signatures.',
  run(ctx) {
    const restarts = marksOf(ctx, 'restart');
    const effects = marksOf(ctx, 'timeout-burst', 'error-burst', 'gap');
    const out: Finding[] = [];
    for (const g of groups(marksOf(ctx, 'crash').filter((m) => !watchdogKill(ctx, m) && !plannedStop(ctx, m.events[0])), restarts)) {
      const first = g[0];
      const last = g[g.length - 1];
      const t0 = first.start;
      const after = restarts.filter((r) => r.start >= last.start && r.start - last.start <= RECOVERY_WINDOW_MS);
      const restart = after.find((r) => r.file === first.file) ?? after.find((r) => g.some((c) => c.file === r.file)) ?? after[0];
      const until = (restart?.start ?? last.start + EFFECT_WINDOW_MS) + EFFECT_SLACK_MS;
      const seen = effects.filter((m) => m.end > t0 - 1000 && m.start >= t0 - (m.kind === 'gap' ? GAP_LEAD_MS : 5_000) && m.start <= until);
      const end = Math.max(last.start, restart?.start ?? -Infinity, ...seen.map((m) => m.end));
      const around = ctx.marks.filter((m) => (m.kind === 'crash' || m.kind === 'restart') && m.start >= t0 - 60_000 && m.start <= end);
      const words = lastWords(ctx, g);
      const texts = [
        ...g.flatMap((c) => [c.label, ...c.events.slice(0, 3).map((r) => ctx.message(r))]),
        ...words.map((r) => ctx.message(r)),
        ...around.flatMap((m) => [m.label, ...m.events.slice(0, 5).map((r) => ctx.message(r))]),
      ];
      const sig = matchSignature(texts);
      const own = g.filter((c) => c.file === first.file);
      const loop = own.length;
      /** The file's own last crash: supervisors' later reports of the same death do not make it a loop. */
      const lastOwn = own[own.length - 1];
      const lines = [
        `${whenRow(ctx, first.events[0])}: ${sourceName(ctx, first.file)} crashed: ${quote(first.label, 120)}${loop > 1 ? ` — ${loop} crashes in ${duration(lastOwn.start - t0)} (${(lastOwn.start - t0) / (loop - 1) < FAST_LOOP_MS ? 'a crash loop' : 'recurring crashes'})` : ''}.`,
        ...g.filter((c) => c.file !== first.file).map((c) => `${clock(c.start)}: ${sourceName(ctx, c.file)} reported ${quote(c.label, 100)}.`),
      ];
      if (words.length) lines.splice(1, 0, `Just before, it logged: ${[...new Set(words.map((r) => ctx.message(r)))].map((m) => quote(m, 120)).join('; ')}.`);
      if (seen.length) lines.push(`While it was down: ${seen.map((m) => effectText(ctx, m)).join('; ')}.`);
      if (restart) lines.push(`${clock(restart.start)}: restarted (${quote(restart.label, 80)} in ${sourceName(ctx, restart.file)}), ${duration(restart.start - lastOwn.start)} after the crash; recovered by ${clock(end)}.`);
      else lines.push(seen.length ? `No restart was logged; the effects ended at ${clock(end)}.` : 'Nothing after it shows a restart or recovery: the process may still be down, or its restart is in logs not loaded here.');
      lines.push(sig ? `Signature: ${sig.name}. ${sig.hint}` : 'No known signature: read the crash lines (first evidence) for the failing code path, and check what changed just before (deploy, config, traffic).');
      out.push({
        rule: this.id,
        severity: 'critical',
        start: t0,
        end,
        title: `Crash${loop > 1 ? ((lastOwn.start - t0) / (loop - 1) < FAST_LOOP_MS ? ` loop (${loop}×)` : `es (${loop}×)`) : ''} in ${sourceName(ctx, first.file)}: ${first.label.length > 70 ? first.label.slice(0, 69) + '…' : first.label}${restart ? `; back after ${duration(restart.start - lastOwn.start)}` : ''}`,
        detail: lines.join('\n'),
        count: loop,
        confidence: restart || seen.length ? 0.9 : 0.6,
        evidence: evidence(ctx, [...g.flatMap((c) => c.events.slice(0, 3)), ...words, ...(restart ? restart.events.slice(0, 2) : []), ...seen.flatMap((m) => m.events.slice(0, 3))]),
        family: familyOf(crashFamily(sig?.id, startLimitHit(ctx, first.file, t0, lastOwn.start), cycles(ctx, own, restarts)), () => causeFamily(ctx, [...words, ...linesBefore(ctx, g)], g.flatMap((c) => c.events.slice(0, 3)))),
        data: { signature: sig?.id ?? null, restartAt: restart?.start ?? null },
      });
    }
    return out;
  },
};
