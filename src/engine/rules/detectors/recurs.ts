// recurs: X every P ± jitter. Occurrences close together are one episode; at
// least `min` episodes whose intervals stay within a factor of their median
// form a period, which is "fixed" when the spread is small (a timer, a cron,
// a TTL) and "drifting" otherwise (something that fills up at a rate set by
// activity). The period's figures are measured from the episodes' rows.

import { sourceName } from '../helpers.ts';
import type { RuleContext } from '../types.ts';
import { parseDuration, type RecursSpec } from '../spec.ts';
import { clock, duration, median } from '../text.ts';
import { occurrences, perFile } from './select.ts';
import type { Match } from './types.ts';

export interface Episode {
  start: number;
  end: number;
  rows: number[];
  /** Occurrences folded into it. */
  members: number;
}

export interface Period {
  intervals: number[];
  minMs: number;
  medianMs: number;
  maxMs: number;
  /** (max - min) / median of the kept intervals. */
  spread: number;
}

/** Fold occurrences (time-ordered) into episodes: each within `episodeMs` of the previous one's end. */
export function foldEpisodes(times: readonly { t: number; rows: number[] }[], episodeMs: number): Episode[] {
  const eps: Episode[] = [];
  for (const x of times) {
    const last = eps[eps.length - 1];
    if (last && x.t - last.end <= episodeMs) {
      last.end = x.t;
      last.rows.push(...x.rows);
      last.members++;
    } else eps.push({ start: x.t, end: x.t, rows: [...x.rows], members: 1 });
  }
  return eps;
}

/** The period of episode starts, or null when they are too few, too fast or too irregular. */
export function periodOf(eps: readonly Episode[], opts: { min: number; minPeriodMs: number; regularity: number; irregularShare?: number }): Period | null {
  if (eps.length < opts.min) return null;
  const all = eps.slice(1).map((e, i) => e.start - eps[i].start);
  const med = median(all);
  if (!(med >= opts.minPeriodMs)) return null;
  const ok = all.map((d) => d >= med / opts.regularity && d <= med * opts.regularity);
  if (ok.filter((x) => !x).length > (opts.irregularShare ?? 0.25) * all.length) return null;
  const intervals = all.filter((_, i) => ok[i]);
  if (intervals.length < opts.min - 1) return null;
  const minMs = Math.min(...intervals);
  const maxMs = Math.max(...intervals);
  const medianMs = median(intervals);
  return { intervals, minMs, medianMs, maxMs, spread: (maxMs - minMs) / medianMs };
}

export function recurs(ctx: RuleContext, spec: RecursSpec): Match[] {
  const out: Match[] = [];
  for (const [file, list] of perFile(occurrences(ctx, spec.of))) {
    const eps = foldEpisodes(list.map((o) => ({ t: o.start, rows: o.rows.slice(0, 4) })), parseDuration(spec.episode));
    const p = periodOf(eps, { min: spec.min, minPeriodMs: parseDuration(spec.minPeriod), regularity: spec.regularity });
    if (!p) continue;
    const fixed = p.spread <= spec.fixedSpread;
    out.push({
      start: eps[0].start,
      end: eps[eps.length - 1].end,
      file,
      rows: eps.flatMap((e) => e.rows.slice(0, 4)),
      figures: { count: eps.length, periodMs: p.medianMs, spread: p.spread, fixed: fixed ? 1 : 0 },
      text: {
        source: sourceName(ctx, file),
        first: clock(eps[0].start),
        last: clock(eps[eps.length - 1].start),
        times: eps.map((e) => clock(e.start)).join(', '),
        period: duration(p.medianMs),
        min: duration(p.minMs),
        max: duration(p.maxMs),
        regularity: fixed ? 'fixed period' : 'drifting period',
      },
    });
  }
  return out;
}
