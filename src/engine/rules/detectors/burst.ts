// burst: occurrences far above the source's own rate. For burst marks (the
// marks module already judged them against each file's baseline, and in a
// short excerpt accepts several failures within a second) it joins bursts
// of any file that overlap into one happening and says which messages made
// it up and whether they were ever seen before. For lines (a user rule's
// regex) it looks for `min` within `window` at `factor` times the file's
// rate outside that window.

import { groupTemplates, describeGroup, type BurstGroup } from '../burst-groups.ts';
import { evidence, mostly, sourceName } from '../helpers.ts';
import type { RuleContext } from '../types.ts';
import { parseDuration, type BurstSpec } from '../spec.ts';
import { clock, duration } from '../text.ts';
import { occurrences, perFile } from './select.ts';
import type { Match } from './types.ts';

/** At most this many burst happenings per analysis: a log with hundreds of bursts needs the top ones. */
export const MAX_BURSTS = 100;

function groupMatch(ctx: RuleContext, g: BurstGroup): Match {
  const templates = groupTemplates(ctx, g);
  const fresh = templates.filter((t) => t.neverBefore).reduce((a, t) => a + t.inWindow, 0);
  const timeouts = g.marks.every((m) => m.kind === 'timeout-burst');
  const rows = g.marks.flatMap((m) => m.events);
  const finite = Number.isFinite(g.ratio) && g.ratio < 1e6;
  return {
    start: g.start,
    end: g.end,
    file: g.marks[0].file,
    rows: evidence(ctx, g.marks.flatMap((m) => m.events.slice(0, 8))),
    figures: { count: g.count, ratio: finite ? g.ratio : 1e6, newShare: g.count ? fresh / g.count : 0, timeouts: timeouts ? 1 : 0, files: new Set(g.marks.map((m) => m.file)).size },
    text: {
      source: sourceName(ctx, g.marks[0].file),
      first: clock(g.start),
      last: clock(g.end),
      duration: duration(Math.max(1000, g.end - g.start)),
      mostly: mostly(ctx, rows),
      what: timeouts ? 'timeout' : 'error',
      What: timeouts ? 'Timeout' : 'Error',
      rate: finite ? `${Math.round(g.ratio)}× the usual rate` : 'where there usually are none',
      newPercent: `${Math.round((100 * fresh) / Math.max(1, g.count))}%`,
    },
    lines: describeGroup(ctx, g, templates),
    templates: templates.map((t) => ({ template: t.template, inWindow: t.inWindow })),
  };
}

export function markBursts(ctx: RuleContext, spec: BurstSpec): Match[] {
  const join = spec.join ? parseDuration(spec.join) : 30_000;
  const groups: BurstGroup[] = [];
  for (const o of occurrences(ctx, spec.of)) {
    const m = o.mark;
    if (!m) continue;
    const ratio = (m.ratePerMin ?? 0) / Math.max(m.baselinePerMin ?? 0, 1e-9);
    const g = groups[groups.length - 1];
    if (g && m.start <= g.end + join) {
      g.marks.push(m);
      g.end = Math.max(g.end, m.end);
      g.count += m.count;
      g.ratio = Math.max(g.ratio, ratio);
    } else groups.push({ start: m.start, end: m.end, marks: [m], count: m.count, ratio });
  }
  const kept = groups.length <= MAX_BURSTS ? groups : [...groups].sort((a, b) => b.count - a.count).slice(0, MAX_BURSTS).sort((a, b) => a.start - b.start);
  return kept.map((g) => groupMatch(ctx, g));
}

function lineBursts(ctx: RuleContext, spec: BurstSpec): Match[] {
  const min = spec.min ?? 3;
  const window = parseDuration(spec.window ?? '1s');
  const factor = spec.factor ?? 5;
  const out: Match[] = [];
  for (const [file, list] of perFile(occurrences(ctx, spec.of))) {
    const span = Math.max(1, (ctx.files[file]?.lastTime ?? 0) - (ctx.files[file]?.firstTime ?? 0));
    for (let i = 0; i + min - 1 < list.length; ) {
      if (list[i + min - 1].start - list[i].start > window) {
        i++;
        continue;
      }
      let j = i + min - 1;
      while (j + 1 < list.length && list[j + 1].start - list[j].start <= window) j++;
      const n = j - i + 1;
      const dur = Math.max(list[j].start - list[i].start, window);
      const outside = (list.length - n) / Math.max(1, span - dur);
      const ratio = outside > 0 ? n / dur / outside : 1e6;
      if (ratio >= factor) {
        const run = list.slice(i, j + 1);
        out.push({
          start: run[0].start,
          end: run[run.length - 1].start,
          file,
          rows: run.flatMap((o) => o.rows).slice(0, 40),
          figures: { count: n, ratio },
          text: { source: sourceName(ctx, file), first: clock(run[0].start), last: clock(run[run.length - 1].start), duration: duration(Math.max(1000, dur)), mostly: mostly(ctx, run.flatMap((o) => o.rows)), label: run[0].label },
        });
      }
      i = j + 1;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function burst(ctx: RuleContext, spec: BurstSpec): Match[] {
  return spec.of.mark ? markBursts(ctx, spec) : lineBursts(ctx, spec);
}
