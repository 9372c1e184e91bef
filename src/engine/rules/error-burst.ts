// error-burst: errors or timeouts far above the source's own baseline, with
// no more specific explanation. The catch-all an on-call engineer still wants
// to see: when, where, which messages, and whether they are new. It gives way
// to any more specific finding covering the same minutes.

import type { Finding, Rule } from './types.ts';
import { evidence, mostly } from './helpers.ts';
import { burstGroups, describeGroup, groupTemplates } from './burst-groups.ts';
import { duration, plural, stamp } from './text.ts';

/** A warning needs this many events... */
export const WARN_MIN_EVENTS = 20;
/** ...at this many times the usual rate; smaller bursts are listed as info. */
export const WARN_MIN_RATIO = 10;

export const errorBurst: Rule = {
  id: 'error-burst',
  title: 'Burst of errors or timeouts',
  description: 'Errors or timeouts well above the source\'s baseline, not explained by a more specific rule.',
  specificity: 0,
  run(ctx) {
    const out: Finding[] = [];
    for (const g of burstGroups(ctx)) {
      const templates = groupTemplates(ctx, g);
      const fresh = templates.filter((t) => t.neverBefore).reduce((a, t) => a + t.inWindow, 0);
      const timeouts = g.marks.every((m) => m.kind === 'timeout-burst');
      const serious = g.count >= WARN_MIN_EVENTS && g.ratio >= WARN_MIN_RATIO;
      out.push({
        rule: this.id,
        severity: serious ? 'warning' : 'info',
        start: g.start,
        end: g.end,
        title: `${timeouts ? 'Timeout' : 'Error'} burst: ${plural(g.count, 'event')} in ${duration(Math.max(1000, g.end - g.start))}, mostly ${mostly(ctx, g.marks.flatMap((m) => m.events))}`,
        detail: [
          `${stamp(g.start)}: ${plural(g.count, timeouts ? 'timeout' : 'error')} in ${duration(Math.max(1000, g.end - g.start))}, ${Number.isFinite(g.ratio) && g.ratio < 1e6 ? `${Math.round(g.ratio)}× the usual rate` : 'where there usually are none'}.`,
          ...describeGroup(ctx, g, templates),
          fresh > g.count / 2 ? 'Most of these messages never appeared before: something changed (a deploy, a dependency, a config) rather than a known flaky path getting worse.' : 'These messages occur at other times too, at a lower rate: a known failure path got much more frequent.',
          timeouts ? 'Check next: the upstream or dependency named in the messages (is it down, slow, or blocked?), and what the callers were waiting on.' : 'Check next: the first error of the burst (evidence), the dependency it names, and what changed just before it.',
        ].join('\n'),
        count: g.count,
        confidence: serious ? 0.7 : 0.4,
        evidence: evidence(ctx, g.marks.flatMap((m) => m.events.slice(0, 8))),
      });
    }
    return out;
  },
};
