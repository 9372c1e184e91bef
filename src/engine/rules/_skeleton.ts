// A copyable skeleton rule. Files starting with "_" are examples: they are
// type-checked, linted and tested, but not registered. To write a rule:
//   1. copy this file to src/engine/rules/<your-rule-id>.ts (kebab-case);
//   2. rename the export, set a unique id, title and description;
//   3. add it to RULES in ./index.ts (a test fails until you do);
//   4. add tests under test/analysis/ that build small logs in a few dialects
//      (see test/analysis/dialects.ts) with a healthy control that must not fire.
// This example reports a source whose health checks failed several times in a
// short window: it reads marks and event kinds, never raw text.

import { Kind } from '../model/kinds.ts';
import type { Finding, Rule } from './types.ts';
import { evidence, sourceName } from './helpers.ts';
import { clock, duration, plural, stamp } from './text.ts';

/** Thresholds are named constants with the reason for their value. Three failures: one or two is a blip. */
export const MIN_FAILURES = 3;
/** ...within five minutes: long enough for a probe every 30-60 s to fail three times. */
export const WINDOW_MS = 5 * 60_000;

export const skeletonHealthFailures: Rule = {
  id: 'skeleton-health-failures',
  title: 'Repeated health-check failures',
  description: 'A source logs at least three health-check failures within five minutes.',
  // specificity: 0, // uncomment for a catch-all that gives way to more specific rules
  run(ctx) {
    const out: Finding[] = [];
    const t = ctx.table;
    // ctx.sources.rows[file] lists one file's rows in time order; ctx.marks holds the marks.
    for (let file = 0; file < ctx.sources.rows.length; file++) {
      const fails = Array.from(ctx.sources.rows[file]).filter((row) => t.kind[row] === Kind.healthFail);
      for (let i = 0; i + MIN_FAILURES - 1 < fails.length; i++) {
        const first = fails[i];
        const last = fails[i + MIN_FAILURES - 1];
        if (t.tMs[last] - t.tMs[first] > WINDOW_MS) continue;
        out.push({
          rule: 'skeleton-health-failures',
          severity: 'info',
          start: t.tMs[first],
          end: t.tMs[last],
          title: `${plural(MIN_FAILURES, 'health failure')} in ${sourceName(ctx, file)}`,
          // detail: what happened in order (times, counts), the mechanism, what to check next.
          detail: [
            `${stamp(t.tMs[first])} to ${clock(t.tMs[last])} (${duration(t.tMs[last] - t.tMs[first])}): ${ctx.message(first)}`,
            'Check next: what the health check calls, and whether the service was overloaded or blocked.',
          ].join('\n'),
          count: MIN_FAILURES,
          confidence: 0.5,
          evidence: evidence(ctx, fails.slice(i, i + MIN_FAILURES)),
        });
        i += MIN_FAILURES - 1; // report each run once
      }
    }
    return out;
  },
};
