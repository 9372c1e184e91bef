// operation-never-finished: an operation whose kind normally logs an end
// (a backup that usually says "backup completed in 4 min") started and never
// finished, although its file went on logging long after it should have. In
// families that never log ends (Centauri's renewals) silence says nothing, so
// they are left alone.

import type { Mark } from '../marks/types.ts';
import type { Finding, Rule } from './types.ts';
import { evidence, marksOf, sourceName } from './helpers.ts';
import { clock, duration, median, plural, quote, stamp } from './text.ts';

/** Overdue when open this many times longer than the longest finished run of its kind... */
export const OVERDUE_FACTOR = 5;
/** ...and at least this long: short tasks jitter, and a minute-long delay is not an incident. */
export const MIN_OVERDUE_MS = 5 * 60_000;

export const operationNeverFinished: Rule = {
  id: 'operation-never-finished',
  title: 'An operation never finished',
  description: 'An operation of a kind that normally logs its end (backup, migration, renewal, job) started and never ended while its file kept logging far past its usual duration.',
  run(ctx) {
    const ops = marksOf(ctx, 'operation');
    const byFamily = new Map<string, Mark[]>();
    for (const o of ops) {
      const k = `${o.file}\u0000${o.family ?? ''}`;
      byFamily.set(k, [...(byFamily.get(k) ?? []), o]);
    }
    const out: Finding[] = [];
    for (const list of byFamily.values()) {
      const done = list.filter((o) => o.spanEnd === 'ended');
      const open = list.filter((o) => o.spanEnd === 'open');
      // Only kinds that usually log their end: if most runs end silently, silence means nothing.
      if (done.length === 0 || open.length > done.length) continue;
      const longest = Math.max(...done.map((o) => o.end - o.start));
      const typical = median(done.map((o) => o.end - o.start));
      const limit = Math.max(MIN_OVERDUE_MS, OVERDUE_FACTOR * longest);
      const overdue = open.filter((o) => (ctx.files[o.file]?.lastTime ?? o.start) - o.start >= limit);
      if (overdue.length === 0) continue;
      const o = overdue[0];
      const name = o.label.replace(/ \(no end logged\)$/, '');
      const fileEnd = ctx.files[o.file]?.lastTime ?? o.start;
      out.push({
        rule: this.id,
        severity: 'warning',
        start: o.start,
        end: fileEnd,
        title: `Never finished: ${name}${overdue.length > 1 ? ` (and ${overdue.length - 1} more)` : ''}`,
        detail: [
          `${stamp(o.start)}: ${sourceName(ctx, o.file)} logged the start of ${quote(name, 100)}${o.key ? ` (${o.key})` : ''}.`,
          ...overdue.slice(1, 4).map((x) => `${clock(x.start)}: ${quote(x.label.replace(/ \(no end logged\)$/, ''), 100)} also started and never ended.`),
          `No end was logged, although ${sourceName(ctx, o.file)} kept logging for ${duration(fileEnd - o.start)} after it. ${plural(done.length, `other ${o.family ?? ''} operation`)} in this file took ${duration(typical)} typically (longest ${duration(longest)}).`,
          'It may be hung (waiting on a lock, a network call without a timeout, a full disk) or it died without logging. Check whether the process is still running it (thread/goroutine dump), its locks and I/O, and whether a restart in between killed it.',
        ].join('\n'),
        count: overdue.length,
        confidence: 0.7,
        evidence: evidence(ctx, [...overdue.flatMap((x) => x.events.slice(0, 2)), ...done.slice(-2).flatMap((d) => d.events)]),
      });
    }
    return out;
  },
};
