// absence: X, then no Y for T although the file kept logging. For
// operations the end state is already known (marks pair starts and ends), so
// T can be "factor times the longest finished run of its kind" — and kinds
// that never log an end are left alone, since their silence says nothing.
// For lines, Y is a selector and T a fixed wait.

import type { Mark } from '../../marks/types.ts';
import { sourceName } from '../helpers.ts';
import { fileRowsInWindow } from '../scan.ts';
import type { RuleContext } from '../types.ts';
import { parseDuration, type AbsenceSpec } from '../spec.ts';
import { clock, duration, median } from '../text.ts';
import { lineTest, occurrences } from './select.ts';
import type { Match } from './types.ts';

function operationAbsences(ctx: RuleContext, spec: AbsenceSpec, ops: Mark[]): Match[] {
  const minWait = spec.for ? parseDuration(spec.for) : 0;
  const byFamily = new Map<string, Mark[]>();
  for (const o of ops) {
    const k = `${o.file}\u0000${o.family ?? ''}`;
    const list = byFamily.get(k);
    if (list) list.push(o);
    else byFamily.set(k, [o]);
  }
  const out: Match[] = [];
  for (const list of byFamily.values()) {
    const done = list.filter((o) => o.spanEnd === 'ended');
    const open = list.filter((o) => o.spanEnd === 'open');
    if (done.length === 0 || open.length > done.length) continue;
    const longest = Math.max(...done.map((o) => o.end - o.start));
    const limit = Math.max(minWait, (spec.factor ?? 1) * longest);
    const overdue = open.filter((o) => (ctx.files[o.file]?.lastTime ?? o.start) - o.start >= limit);
    if (overdue.length === 0) continue;
    const o = overdue[0];
    const fileEnd = ctx.files[o.file]?.lastTime ?? o.start;
    out.push({
      start: o.start,
      end: fileEnd,
      file: o.file,
      rows: [...overdue.flatMap((x) => x.events.slice(0, 2)), ...done.slice(-2).flatMap((d) => d.events)],
      figures: { count: overdue.length, more: overdue.length - 1, finished: done.length },
      text: {
        source: sourceName(ctx, o.file),
        first: clock(o.start),
        name: o.label.replace(/ \(no end logged\)$/, ''),
        key: o.key ? ` (${o.key})` : '',
        family: o.family ?? '',
        waited: duration(fileEnd - o.start),
        typical: duration(median(done.map((d) => d.end - d.start))),
        longest: duration(longest),
        others: overdue.slice(1, 4).map((x) => `${clock(x.start)} "${x.label.replace(/ \(no end logged\)$/, '')}"`).join('; '),
      },
    });
  }
  return out;
}

export function absence(ctx: RuleContext, spec: AbsenceSpec): Match[] {
  const afters = occurrences(ctx, spec.after);
  const ops = afters.map((a) => a.mark).filter((m): m is Mark => m?.kind === 'operation');
  if (ops.length) return operationAbsences(ctx, spec, ops);
  if (!spec.expect) return [];
  const wait = spec.for ? parseDuration(spec.for) : 0;
  const expect = lineTest(ctx, spec.expect);
  const out: Match[] = [];
  const t = ctx.table;
  for (const a of afters) {
    const fileEnd = ctx.files[a.file]?.lastTime ?? a.start;
    if (fileEnd - a.start < wait) continue;
    // Only the wait is visited, and the first answer settles it.
    if (fileRowsInWindow(ctx, a.file, a.start, a.start + wait, (row) => t.tMs[row] > a.start && expect(row), 1).length > 0) continue;
    out.push({ start: a.start, end: a.start + wait, file: a.file, rows: a.rows, figures: { count: 1 }, text: { source: sourceName(ctx, a.file), first: clock(a.start), label: a.label, waited: duration(wait) } });
  }
  return out;
}
