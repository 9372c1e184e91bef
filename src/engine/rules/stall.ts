// stall: a program that measures its own standing still. A JVM's pause
// monitor ("pause of approximately 49738ms"), a sleep that overran ("We slept
// 50631ms instead of 3000ms"), a game loop that fell behind ("Running 5019ms
// or 100 ticks behind"), a pool's housekeeper that ran 35 minutes late, an
// fsync that took 3.9 s: each line is a figure, logged only as a warning,
// that a senior SRE reads as "everything in this process stopped for that
// long". No failure need follow in the excerpt: sessions, heartbeats and
// requests time out elsewhere. The words are vocabulary (stall.json, each
// pattern ending on the figure); this rule reads the figure and decides how
// long, how often, is an incident.

import { Level } from '../model/levels.ts';
import { vocabularyClass } from '../knowledge/index.ts';
import type { Fact, Finding, Hypothesis, Rule, RuleContext } from './types.ts';
import { likelihoodOf, rankHypotheses } from './data-rule.ts';
import { hypothesisLines } from './stall-evidence.ts';
import { evidence, FAILURE_WORD, levelOf, sourceName, troubled, whenRow } from './helpers.ts';
import { Kind } from '../model/kinds.ts';
import { lowerBoundRows } from '../marks/sources.ts';
import { duration, plural, quote } from './text.ts';
import { EXCERPT_MAX_ROWS } from './unknown-failure.ts';

const STALL = vocabularyClass('stall');
/** A program announcing it started or is ready (listening, ready to accept connections). */
const START = vocabularyClass('start');
/** Words every stall pattern needs, tested once per template before any of its rows is read. */
const HINT = /slept|pause|behind|starvation|clock leap|stopped|took|stalled|froze|frozen|blocked|hung|unresponsive|stuck|Total:/i;

/** Shorter is latency, not a stop: Minecraft only warns from 2 s behind, ZooKeeper from a 1 s fsync. */
export const MIN_STALL_MS = 2_000;
/** Sessions and heartbeats time out after 10 to 60 s: a stop this long costs the process its memberships. */
export const LONG_STALL_MS = 30_000;
/** Stalls that come back: one is a hiccup, three are a process that keeps stopping. */
export const MIN_STALLS = 3;
/** A stall this soon after the program started is start-up work (loading data, warming caches), not a fault on its own. */
const STARTUP_MS = 5 * 60_000;
/** A stall longer than common client and session timeouts (5-10 s), followed by failures, is what made them fail. */
export const COSTLY_STALL_MS = 10_000;
/** Failures this soon after such a stall are its doing: clients that gave up during it, sends to peers that left. */
const AFTER_MS = 60_000;

const UNIT_MS: Record<string, number> = { ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000, m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hour: 3_600_000, hours: 3_600_000 };
const LAST_DURATION = /(?:\d+(?:\.\d+)?\s?(?:ns|[µu]s|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|h))+$/i;
const PART = /(\d+(?:\.\d+)?)\s?(ns|[µu]s|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|h)/gi;

/** The figure a stall pattern ends on, in ms ("35m51s954ms" -> 2151954), or NaN. */
export function stallMs(matched: string): number {
  const run = LAST_DURATION.exec(matched);
  if (!run) return NaN;
  let ms = 0;
  for (const p of run[0].matchAll(PART)) ms += Number(p[1]) * UNIT_MS[p[2].toLowerCase()];
  return ms;
}

interface Stall {
  row: number;
  ms: number;
}

/** The stalls of one file, long enough to count, from lines logged as warnings or worse or with no level (at INFO, only the long ones). */
function stallsOf(ctx: RuleContext, rows: ArrayLike<number>, hinted: Uint8Array): Stall[] {
  const t = ctx.table;
  const out: Stall[] = [];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (!hinted[t.template[row]]) continue;
    const lv = levelOf(ctx, row);
    if (lv !== Level.none && lv < Level.info) continue;
    const m = STALL.exec(ctx.message(row));
    const ms = m ? stallMs(m[0]) : NaN;
    // A program that logs its stalls at INFO (InnoDB's page cleaner, as a Note) says a few seconds are routine to it;
    // standing still for as long as sessions and heartbeats last is not, whatever the level.
    if (!(ms >= (lv === Level.info ? LONG_STALL_MS : MIN_STALL_MS))) continue;
    // A stall that began before the previous report (a pause monitor and a sleeper both noticing one GC): the same stall, told once.
    const prev = out[out.length - 1];
    if (prev && t.tMs[row] - ms < t.tMs[prev.row]) {
      if (ms > prev.ms) out[out.length - 1] = { row, ms };
      continue;
    }
    out.push({ row, ms });
  }
  return out;
}

/** Lines of the same file that failed within AFTER_MS after a long stall (not stall lines themselves). */
function failuresAfter(ctx: RuleContext, rows: Int32Array, stalls: readonly Stall[]): number[] {
  const t = ctx.table;
  const own = new Set(stalls.map((s) => s.row));
  const out: number[] = [];
  for (const s of stalls) {
    if (s.ms < COSTLY_STALL_MS) continue;
    const at = t.tMs[s.row];
    // The file's rows are in time order: only the minute after the stall is walked.
    for (let k = lowerBoundRows(t.tMs, rows, at); k < rows.length && out.length < 10 && !(t.tMs[rows[k]] - at > AFTER_MS); k++) {
      const r = rows[k];
      const dt = t.tMs[r] - at;
      if (r === s.row || own.has(r) || !(dt >= 0 && dt <= AFTER_MS) || out.includes(r)) continue;
      const text = ctx.peek(r);
      if (levelOf(ctx, r) >= Level.error || t.kind[r] === Kind.timeout || FAILURE_WORD.test(text) || troubled(text)) out.push(r);
    }
  }
  return out;
}

/** Did the file announce a start in the STARTUP_MS before this stall? */
function duringStartup(ctx: RuleContext, rows: Int32Array, stall: Stall): boolean {
  const t = ctx.table;
  const at = t.tMs[stall.row];
  for (let k = lowerBoundRows(t.tMs, rows, at - STARTUP_MS); k < rows.length; k++) {
    const r = rows[k];
    if (r >= stall.row) break;
    if (at - t.tMs[r] <= STARTUP_MS && START.test(ctx.peek(r))) return true;
  }
  return false;
}

const GC = /\bGC\b|garbage|heap|collect|ParNew|G1|CMS|Unloading/i;
const HOST = /host machine|starvation|clock leap|overloaded|steal|suspend/i;
const DISK = /fsync|fdatasync|sync|flush|checkpoint|write ahead|disk/i;

function factOf(ctx: RuleContext, re: RegExp, stalls: readonly Stall[], what: string): Fact[] {
  const rows = stalls.map((s) => s.row).filter((r) => re.test(ctx.message(r)));
  return rows.length ? [{ text: `${plural(rows.length, 'stall line')} ${what}: ${quote(ctx.message(rows[0]), 90)}.`, rows: rows.slice(0, 5) }] : [];
}

function stallHypotheses(ctx: RuleContext, stalls: readonly Stall[]): Hypothesis[] {
  const gc = factOf(ctx, GC, stalls, 'name a collection or the heap');
  const host = factOf(ctx, HOST, stalls, 'point at the host or at threads starved of CPU');
  const disk = factOf(ctx, DISK, stalls, 'measure a write to disk');
  return rankHypotheses([
    {
      id: 'gc-pause',
      statement: 'A stop-the-world garbage collection (or the runtime freeing memory) held every thread for that long: a heap too full or too large for its collector.',
      likelihood: likelihoodOf(gc.length, 0),
      supports: gc,
      against: [],
      check: 'The GC log (or the runtime\'s memory statistics) at those times: pause lengths, heap occupancy before and after, and whether the heap is near its limit.',
    },
    {
      id: 'host-starved',
      statement: 'The host stopped giving the process CPU: it was overloaded, swapping, a VM paused or starved by its neighbours (CPU steal), or suspended; or its clock jumped.',
      likelihood: likelihoodOf(host.length, 0),
      supports: host,
      against: [],
      check: 'The host\'s CPU load, steal time, swapping and memory pressure at those times, and whether other processes on it stalled too (clock steps in the system log).',
    },
    {
      id: 'slow-disk',
      statement: 'A write the process waits for (an fsync, a flush, a checkpoint) took that long: the disk is slow, saturated or shared with a heavy writer.',
      likelihood: likelihoodOf(disk.length, 0),
      supports: disk,
      against: [],
      check: 'The disk\'s latency and utilisation (iostat await, %util) at those times, and what else writes to it.',
    },
  ]);
}

export const stall: Rule = {
  id: 'stall',
  title: 'A process stood still for seconds',
  description: 'A process reports that it, its threads or its host stood still (a pause, an overrun sleep, a loop behind, an fsync that took seconds): a warning when one stall lasts 30 s or more, when three or more come in one file, when one of 10 s or more is followed by failures within a minute, or when a pasted excerpt holds one logged as a warning that did not come with start-up.',
  run(ctx) {
    const out: Finding[] = [];
    // The words survive templating (only figures become <*>): templates without them are skipped whole, and most logs have none.
    const hinted = Uint8Array.from(ctx.templates, (tpl) => (HINT.test(tpl.pattern) ? 1 : 0));
    if (!hinted.includes(1)) return out;
    const excerpt = ctx.table.length <= EXCERPT_MAX_ROWS;
    for (let file = 0; file < ctx.sources.rows.length; file++) {
      const stalls = stallsOf(ctx, ctx.sources.rows[file], hinted);
      if (!stalls.length) continue;
      const longest = stalls.reduce((a, b) => (b.ms > a.ms ? b : a));
      // In a pasted excerpt one stall logged as a warning is why it was pasted, unless it came with start-up.
      const warned = stalls.some((s) => levelOf(ctx, s.row) >= Level.warn && !duringStartup(ctx, ctx.sources.rows[file], s));
      const after = failuresAfter(ctx, ctx.sources.rows[file], stalls);
      const grave = longest.ms >= LONG_STALL_MS || stalls.length >= MIN_STALLS || (excerpt && warned) || after.length > 0;
      const t = ctx.table;
      const first = stalls[0].row;
      const last = stalls[stalls.length - 1].row;
      const total = stalls.reduce((a, s) => a + s.ms, 0);
      const hypotheses = stallHypotheses(ctx, stalls);
      const facts: Fact[] = [
        { text: `${plural(stalls.length, 'stall')} of ${duration(MIN_STALL_MS)} or more in ${sourceName(ctx, file)}, the longest ${duration(longest.ms)} (reported ${whenRow(ctx, longest.row)}), ${duration(total)} in all.`, rows: stalls.map((s) => s.row).slice(0, 10) },
      ];
      if (after.length) facts.push({ text: `${plural(after.length, 'failure')} within ${duration(AFTER_MS)} after a stall of ${duration(COSTLY_STALL_MS)} or more, first ${quote(ctx.message(after[0]), 90)}: what timed out while it stood still.`, rows: after });
      const detail = [
        `${sourceName(ctx, file)} reports that it stood still: ${stalls.slice(0, 5).map((s) => `${duration(s.ms)} (${whenRow(ctx, s.row, true)})`).join(', ')}${stalls.length > 5 ? ` and ${stalls.length - 5} more` : ''}.`,
        `Longest: ${quote(ctx.message(longest.row), 140)}`,
        'While a process stands still it answers nothing: its sessions, heartbeats and clients time out, and its peers may count it dead.',
        ...(after.length ? [facts[facts.length - 1].text] : []),
        'What could explain it, ranked by the evidence in these logs:',
        ...hypothesisLines(hypotheses),
      ].join('\n');
      out.push({
        rule: this.id,
        severity: grave ? 'warning' : 'info',
        start: t.tMs[first],
        end: t.tMs[last],
        title: `${sourceName(ctx, file)} stood still ${stalls.length === 1 ? `for ${duration(longest.ms)}` : `${stalls.length} times, up to ${duration(longest.ms)}`}: ${quote(ctx.message(longest.row), 90)}`,
        detail,
        count: stalls.length,
        confidence: grave ? 0.7 : 0.4,
        evidence: evidence(ctx, [...stalls.map((s) => s.row), ...after].sort((a, b) => a - b)),
        family: 'periodic-freeze',
        facts,
        hypotheses,
        data: { longestMs: longest.ms, totalMs: total },
      });
    }
    return out;
  },
};
