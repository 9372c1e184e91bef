// follows: A, then B within W — optionally only while C is running ("a burst
// within 15 min of a deploy", "timeouts after a reload while renewals run").
// When B is a burst, `newShare` asks that most of its messages were never
// seen before A: the change is then the suspect, not a known flaky path.

import { sourceName } from '../helpers.ts';
import type { RuleContext } from '../types.ts';
import { parseDuration, type FollowsSpec } from '../spec.ts';
import { clock, duration } from '../text.ts';
import { markBursts } from './burst.ts';
import { occurrences, type Occurrence } from './select.ts';
import type { Match } from './types.ts';

function asMatch(ctx: RuleContext, o: Occurrence): Match {
  return { start: o.start, end: o.end, file: o.file, rows: o.rows, figures: { count: o.count }, text: { source: sourceName(ctx, o.file), first: clock(o.start), label: o.label } };
}

function isBurstSelector(spec: FollowsSpec): boolean {
  const kinds = Array.isArray(spec.then.mark) ? spec.then.mark : spec.then.mark ? [spec.then.mark] : [];
  return kinds.length > 0 && kinds.every((k) => k === 'timeout-burst' || k === 'error-burst');
}

export function follows(ctx: RuleContext, spec: FollowsSpec): Match[] {
  if (ctx.table.length === 0) return [];
  const within = parseDuration(spec.within);
  const history = spec.minHistory ? parseDuration(spec.minHistory) : 0;
  const logStart = ctx.table.tMs[0];
  const firsts = occurrences(ctx, spec.first).filter((a) => a.start - logStart >= history);
  if (firsts.length === 0) return [];
  const running = spec.while ? occurrences(ctx, spec.while) : null;
  const thens = isBurstSelector(spec) ? markBursts(ctx, { type: 'burst', of: spec.then }) : occurrences(ctx, spec.then).map((o) => asMatch(ctx, o));
  const out: Match[] = [];
  for (const b of thens) {
    const a = firsts.filter((x) => x.start <= b.start && b.start - x.start <= within && !b.rows.some((r) => x.rows.includes(r))).pop();
    if (!a) continue;
    if (running && !running.some((c) => c.start <= b.start && c.end >= b.start)) continue;
    let newShare = 1;
    if (spec.newShare !== undefined && b.templates) {
      const fresh = b.templates.filter((t) => ctx.templateTimes.firstMs[t.template] >= a.start);
      const total = b.figures.count || 1;
      newShare = fresh.reduce((n, t) => n + t.inWindow, 0) / total;
      if (newShare < spec.newShare || fresh.length === 0) continue;
      b.text.topNew = ctx.templates[fresh[0].template]?.pattern ?? '';
    }
    out.push({
      start: a.start,
      end: b.end,
      file: a.file,
      rows: [...a.rows.slice(0, 2), ...b.rows],
      figures: { ...b.figures, afterMs: b.start - a.start, newShare },
      text: {
        ...b.text,
        source: sourceName(ctx, a.file),
        change: a.label,
        changeAt: clock(a.start),
        thenSource: b.text.source ?? sourceName(ctx, b.file),
        after: duration(b.start - a.start),
        newPercent: `${Math.round(newShare * 100)}%`,
      },
      lines: b.lines,
    });
  }
  return out;
}
