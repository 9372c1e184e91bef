// Bursts seen together (the burst detector joins timeout and error bursts of
// several files that overlap in time: the proxy's timeouts and the ingress's
// 503s of the same minute), described once with the templates that made them
// up and whether those were ever seen before.

import type { Mark } from '../marks/types.ts';
import { templateOnsets } from '../templates/template-stats.ts';
import type { RuleContext } from './types.ts';
import { sourceName } from './helpers.ts';
import { clock, duration, plural, quote } from './text.ts';

export interface BurstGroup {
  start: number;
  end: number;
  marks: Mark[];
  count: number;
  /** Burst rate over the source's usual rate (Infinity when it usually has none). */
  ratio: number;
}

export interface NewTemplate {
  template: number;
  inWindow: number;
  /** Occurrences in the hour before the burst. */
  before: number;
  neverBefore: boolean;
  firstMs: number;
}

/** Templates of the group's events, most frequent first, with what came before the group. */
export function groupTemplates(ctx: RuleContext, g: BurstGroup): NewTemplate[] {
  return templateOnsets(ctx.table, g.marks.flatMap((m) => m.events), g.start, g.end, ctx.templateTimes);
}

function history(t: NewTemplate): string {
  if (t.neverBefore) return 'never before';
  if (t.before === 0) return `not in the hour before (first seen ${clock(t.firstMs)})`;
  return `${t.before} in the hour before`;
}

/** One line per burst and the top templates, e.g. "'Failed to connect to upstream' 400 times in 20 s, never before". */
export function describeGroup(ctx: RuleContext, g: BurstGroup, templates: readonly NewTemplate[]): string[] {
  const lines = g.marks.map((m) => `${sourceName(ctx, m.file)}: ${plural(m.count, m.kind === 'timeout-burst' ? 'timeout' : 'error')} ${clock(m.start)}–${clock(m.end)} (${m.label.replace(/^.*\(usually /, 'usually ').replace(/\)$/, '')}).`);
  for (const t of templates.slice(0, 3)) {
    const pattern = ctx.templates[t.template]?.pattern ?? '';
    lines.push(`${quote(pattern, 100)} ${plural(t.inWindow, 'time')} in ${duration(Math.max(1000, g.end - g.start))}, ${history(t)}.`);
  }
  return lines;
}
