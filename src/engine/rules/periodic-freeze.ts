// periodic-freeze: the same failure (unresponsive / health failure /
// kill-and-restart / timeout burst / crash) recurs at least MIN_EPISODES
// times at a roughly regular interval. Failures close together are one
// episode (the warnings just before a restart belong to that restart's
// episode), and restarts right after are folded in too. A fixed period points
// at a timer, cron or TTL; a varying one at something filling up (a buffer, a
// queue, an unread pipe). A job that runs every five minutes and succeeds has
// no failures, so it is never an episode.

import { Kind } from '../model/kinds.ts';
import type { Mark } from '../marks/types.ts';
import type { Fact, Finding, Rule, RuleContext } from './types.ts';
import { freezeHypotheses } from './periodic-evidence.ts';
import { hypothesisLines } from './stall-evidence.ts';
import { evidence, marksOf, sourceName, topTemplates } from './helpers.ts';
import { clock, duration, median, plural, quote, stamp } from './text.ts';

/** "Recurs at least three times": two intervals are the least that can show a period. */
export const MIN_EPISODES = 3;
/** Below this many episodes a period is a weak claim: two intervals agree by chance often enough, and two cannot tell fixed from varying. */
export const SURE_EPISODES = 4;
/** Failures within this long of the previous one belong to the same episode (a watchdog's
 * retries and its kill are seconds to a minute apart). */
export const EPISODE_MS = 90_000;
/** Periods shorter than this are a flapping service or a retry loop, not a freeze cycle. */
export const MIN_PERIOD_MS = 60_000;
/** Roughly regular: every interval within this factor of the median (5-7 min passes, 1 vs 20 min does not). */
export const REGULARITY_FACTOR = 1.8;
/** At most this share of intervals may fall outside (one missed or doubled episode in a long run). */
export const IRREGULAR_SHARE = 0.25;
/** Spread (max - min) / median at or below this is a fixed period: timers and crons jitter by seconds. */
export const FIXED_SPREAD = 0.1;

interface Episode {
  start: number;
  end: number;
  rows: number[];
  failures: number;
  restarts: number;
}

interface Signature {
  file: number;
  what: string;
  times: { t: number; rows: number[] }[];
}

function signatures(ctx: RuleContext): Signature[] {
  const out: Signature[] = [];
  const t = ctx.table;
  for (let f = 0; f < ctx.sources.notable.length; f++) {
    const times: Signature['times'] = [];
    // Health failures are classified events, so notable (sources.ts): their rows hold every one, in the same order.
    for (const row of ctx.sources.notable[f]) if (t.kind[row] === Kind.healthFail) times.push({ t: t.tMs[row], rows: [row] });
    if (times.length) out.push({ file: f, what: 'health failure', times });
  }
  const byFile = (kind: 'timeout-burst' | 'crash', what: string) => {
    const groups = new Map<number, Mark[]>();
    for (const m of marksOf(ctx, kind)) {
      const list = groups.get(m.file);
      if (list) list.push(m);
      else groups.set(m.file, [m]);
    }
    for (const [file, ms] of groups) out.push({ file, what, times: ms.map((m) => ({ t: m.start, rows: m.events.slice(0, 5) })) });
  };
  byFile('timeout-burst', 'timeout burst');
  byFile('crash', 'crash');
  return out;
}

function episodesOf(sig: Signature, restarts: readonly Mark[]): Episode[] {
  const eps: Episode[] = [];
  for (const x of sig.times) {
    const last = eps[eps.length - 1];
    if (last && x.t - last.end <= EPISODE_MS) {
      last.end = x.t;
      last.rows.push(...x.rows);
      last.failures++;
    } else eps.push({ start: x.t, end: x.t, rows: [...x.rows], failures: 1, restarts: 0 });
  }
  for (const e of eps) {
    for (const r of restarts) {
      if (r.start >= e.start && r.start - e.end <= EPISODE_MS) {
        e.end = Math.max(e.end, r.start);
        e.rows.push(...r.events.slice(0, 2));
        e.restarts++;
      }
    }
  }
  return eps;
}

/** The longest run of consecutive episodes whose intervals are roughly regular. */
function regularRun(eps: Episode[]): { run: Episode[]; intervals: number[] } | null {
  if (eps.length < MIN_EPISODES) return null;
  const intervals = eps.slice(1).map((e, i) => e.start - eps[i].start);
  const med = median(intervals);
  if (!(med >= MIN_PERIOD_MS)) return null;
  const ok = intervals.map((d) => d >= med / REGULARITY_FACTOR && d <= med * REGULARITY_FACTOR);
  if (ok.filter((x) => !x).length > IRREGULAR_SHARE * intervals.length) return null;
  const kept = intervals.filter((_, i) => ok[i]);
  if (kept.length < MIN_EPISODES - 1) return null;
  return { run: eps, intervals: kept };
}

function periodLine(fixed: boolean, med: number, crashes: boolean): string {
  if (fixed) return `The period is fixed (spread within ${Math.round(FIXED_SPREAD * 100)}% of ${duration(med)}), which points at a clock rather than at something filling up.`;
  // A crash that recurs at a varying period may be a code path traffic reaches now and then: nothing need fill up.
  return crashes
    ? `The period varies (${duration(med)} typical), which points at traffic (a code path reached now and then, or something filling up) rather than at a clock.`
    : `The period varies (${duration(med)} typical), which points at something filling up at a rate that depends on traffic rather than at a clock.`;
}

/** Other files that went silent just before the episodes: the frozen process itself. */
function silences(ctx: RuleContext, eps: readonly Episode[], file: number): Fact[] {
  const gaps = marksOf(ctx, 'gap').filter((g) => g.file !== file);
  const byFile = new Map<number, Mark[]>();
  for (const e of eps) {
    const g = gaps.find((x) => x.start <= e.end && x.end >= e.start - EPISODE_MS);
    if (g) byFile.set(g.file, [...(byFile.get(g.file) ?? []), g]);
  }
  return [...byFile].filter(([, gs]) => gs.length * 2 >= eps.length).map(([f, gs]) => ({
    text: `${sourceName(ctx, f)} went silent around ${gs.length} of the ${eps.length} episodes (typically ${duration(median(gs.map((g) => g.end - g.start)))}): that process stopped logging while it still ran.`,
    rows: gs.flatMap((g) => g.events.slice(0, 1)),
  }));
}

export const periodicFreeze: Rule = {
  id: 'periodic-freeze',
  title: 'The same failure recurs at a regular interval',
  description: 'Health failures, kill-and-restart cycles, timeout bursts or crashes that recur at least three times at a roughly regular period; tells a fixed period (timer, cron, TTL) from a varying one (something filling up).',
  run(ctx) {
    const restarts = marksOf(ctx, 'restart');
    const out: Finding[] = [];
    const taken: { start: number; end: number }[] = [];
    const candidates = signatures(ctx)
      .map((sig) => ({ sig, eps: episodesOf(sig, restarts) }))
      .map((x) => ({ ...x, reg: regularRun(x.eps) }))
      .filter((x): x is typeof x & { reg: NonNullable<typeof x.reg> } => x.reg !== null)
      .sort((a, b) => b.reg.run.length - a.reg.run.length);
    for (const { sig, reg } of candidates) {
      const eps = reg.run;
      const start = eps[0].start;
      const end = eps[eps.length - 1].end;
      if (taken.some((w) => start <= w.end && w.start <= end)) continue; // another signature already tells this story
      taken.push({ start, end });
      const min = Math.min(...reg.intervals);
      const max = Math.max(...reg.intervals);
      const med = median(reg.intervals);
      const fixed = (max - min) / med <= FIXED_SPREAD;
      const restarted = eps.filter((e) => e.restarts > 0).length;
      const folded = eps.reduce((a, e) => a + e.failures, 0) - eps.length;
      const top = topTemplates(ctx, eps.flatMap((e) => e.rows), 2).map((x) => quote(ctx.templates[x.template]?.pattern ?? '', 90));
      const silent = silences(ctx, eps, sig.file);
      const episodeRows = eps.flatMap((e) => e.rows);
      const { hypotheses, whatIf } = freezeHypotheses(ctx, { start, end, episodeRows, fixed, medianMs: med, silences: silent, crashes: sig.what === 'crash' });
      // Two or three intervals that agree are a hint, not a period: the finding says so and claims less.
      const few = eps.length < SURE_EPISODES;
      const caveat = few ? [`Only ${plural(reg.intervals.length, 'interval')} between episodes: too few to be sure the failure is periodic, or to tell a fixed period from a varying one. A longer stretch of the log (more episodes) would settle it.`] : [];
      const detail = [
        `${plural(eps.length, 'episode')} of ${sig.what} in ${sourceName(ctx, sig.file)} between ${stamp(start)} and ${clock(end)}: ${eps.map((e) => clock(e.start)).join(', ')}.`,
        `Interval between episodes: min ${duration(min)}, median ${duration(med)}, max ${duration(max)} (${fixed ? 'fixed' : 'varying'}).`,
        ...caveat,
        `Each episode: ${top.join(' then ')}${restarted ? `; ${restarted} of ${eps.length} ended in a restart` : ''}${folded > 0 ? ` (${plural(folded, 'earlier warning')} just before counted within their episode)` : ''}.`,
        ...silent.map((f) => f.text),
        (few ? 'If these intervals hold: ' : '') + periodLine(fixed, med, sig.what === 'crash'),
        'What could explain it, ranked by the evidence in these logs:',
        ...hypothesisLines(hypotheses),
        ...whatIf,
      ].join('\n');
      out.push({
        rule: this.id,
        severity: restarted > 0 || sig.what === 'crash' ? 'critical' : 'warning',
        start,
        end,
        title: `Periodic ${sig.what}: ${plural(eps.length, 'episode')} every ~${duration(med)} (${few ? 'too few to tell fixed from varying' : fixed ? 'fixed period' : 'varying period'})`,
        detail,
        count: eps.length,
        confidence: few ? 0.5 : Math.min(0.95, 0.5 + 0.1 * eps.length + (restarted ? 0.1 : 0)),
        evidence: evidence(ctx, eps.flatMap((e) => e.rows.slice(0, 4))),
        family: 'periodic-freeze',
        facts: [
          { text: `${plural(eps.length, 'episode')} of ${sig.what} at ${eps.map((e) => clock(e.start)).join(', ')}.`, rows: eps.map((e) => e.rows[0]) },
          { text: `Intervals: min ${duration(min)}, median ${duration(med)}, max ${duration(max)}.`, rows: [] },
          ...caveat.map((text) => ({ text, rows: [] })),
          ...silent,
        ],
        hypotheses,
        whatIf,
        data: { intervalMinMs: min, intervalMedianMs: med, intervalMaxMs: max, fixed, episodes: eps.map((e) => e.start) },
      });
    }
    return out;
  },
};
