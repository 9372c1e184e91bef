// error-burst-after-deploy: an error or timeout burst made mostly of messages
// never seen before, starting within DEPLOY_WINDOW_MS after a deploy or
// restart. "This message appeared 400 times in 20 s and never before, 2 min
// after api restarted" points straight at the change. Requires logs that
// reach back before the change, or "never before" would mean nothing.

import { Kind } from '../model/kinds.ts';
import type { Finding, Rule, RuleContext } from './types.ts';
import { evidence, marksOf, sourceName } from './helpers.ts';
import { burstGroups, describeGroup, groupTemplates } from './burst-groups.ts';
import { clock, duration, plural, quote, stamp } from './text.ts';
import { vocabularyClass } from '../knowledge/index.ts';

/** A burst this soon after a change is suspected to come from it: rollouts finish and take traffic within minutes. */
export const DEPLOY_WINDOW_MS = 15 * 60_000;
/** Loaded logs must reach this far before the change for "new" to mean something. */
export const MIN_HISTORY_MS = 5 * 60_000;
/** Share of the burst made of never-seen-before messages. */
export const MIN_NEW_SHARE = 0.5;

const DEPLOY = vocabularyClass('deploy');

interface Change {
  t: number;
  label: string;
  file: number;
  rows: number[];
}

function changes(ctx: RuleContext): Change[] {
  const out: Change[] = marksOf(ctx, 'restart').map((m) => ({ t: m.start, label: m.label, file: m.file, rows: m.events.slice(0, 2) }));
  const deployTemplates = new Set(ctx.templates.filter((t) => DEPLOY.test(t.pattern)).map((t) => t.id));
  if (deployTemplates.size) {
    for (let i = 0; i < ctx.table.length; i++) {
      if (!deployTemplates.has(ctx.table.template[i]) || ctx.table.kind[i] === Kind.timeout) continue;
      out.push({ t: ctx.table.tMs[i], label: ctx.message(i), file: ctx.table.file[i], rows: [i] });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

export const errorBurstAfterDeploy: Rule = {
  id: 'error-burst-after-deploy',
  title: 'New errors right after a deploy or restart',
  description: 'A burst of errors or timeouts, mostly messages never seen before, starting within 15 minutes after a deploy or restart.',
  specificity: 1,
  run(ctx) {
    const all = changes(ctx);
    if (all.length === 0 || ctx.table.length === 0) return [];
    const logStart = ctx.table.tMs[0];
    const out: Finding[] = [];
    for (const g of burstGroups(ctx)) {
      const change = all.filter((c) => c.t <= g.start && g.start - c.t <= DEPLOY_WINDOW_MS && c.t - logStart >= MIN_HISTORY_MS).pop();
      if (!change) continue;
      const templates = groupTemplates(ctx, g);
      const fresh = templates.filter((t) => ctx.templateTimes.firstMs[t.template] >= change.t);
      const freshCount = fresh.reduce((a, t) => a + t.inWindow, 0);
      if (freshCount < MIN_NEW_SHARE * g.count || fresh.length === 0) continue;
      const top = fresh[0];
      out.push({
        rule: this.id,
        severity: 'warning',
        start: change.t,
        end: g.end,
        title: `New errors ${duration(g.start - change.t)} after a change in ${sourceName(ctx, change.file)}: ${quote(ctx.templates[top.template]?.pattern ?? '', 60)}`,
        detail: [
          `${stamp(change.t)}: ${sourceName(ctx, change.file)} changed: ${quote(change.label, 100)}.`,
          `${clock(g.start)}, ${duration(g.start - change.t)} later: ${plural(g.count, 'error')} in ${duration(Math.max(1000, g.end - g.start))}, ${Math.round((100 * freshCount) / g.count)}% of them messages never seen before the change.`,
          ...describeGroup(ctx, g, templates),
          'The new messages point at the change: compare the new version or config with the previous one (changelog, config diff, dependency versions), and roll back if the errors persist.',
        ].join('\n'),
        count: g.count,
        confidence: 0.6 + 0.3 * (freshCount / g.count),
        evidence: evidence(ctx, [...change.rows, ...g.marks.flatMap((m) => m.events.slice(0, 8))]),
      });
    }
    return out;
  },
};
