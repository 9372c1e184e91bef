// restart-loop: a process that restarts again and again in quick succession
// (each restart less than LOOP_SPACING_MS after the previous one), whether or
// not a crash line was logged: liveness probes killing a slow starter, a
// missing config file, a port already in use. A crash finding covering the
// same minutes is more specific and replaces this one.

import type { Mark } from '../marks/types.ts';
import { lowerBoundRows } from '../marks/sources.ts';
import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import type { Finding, Rule, RuleContext } from './types.ts';
import { evidence, marksOf, sourceName, topTemplates } from './helpers.ts';
import { clock, duration, median, plural, quote, stamp } from './text.ts';
import { vocabularyClass } from '../knowledge/index.ts';

/** Restarts closer than this follow each other: supervisors retry within seconds to a few minutes. */
export const LOOP_SPACING_MS = 3 * 60_000;
/** Three restarts in a row is a loop; two can be a deploy and a config fix. */
export const LOOP_MIN_RESTARTS = 3;
/** Share of the intervals that must show the process dying (an error, crash or exit line) before the
 * next start; otherwise the "restarts" are one slow start announcing several listeners. */
export const MIN_DEATH_SHARE = 0.5;

const DEATH = vocabularyClass('death');
const RESTART_COUNTER = vocabularyClass('restart-counter');

/** Did the file log a death between two restarts (error or worse, crash, exit/stop/kill wording)? */
function diedBetween(ctx: RuleContext, file: number, from: number, to: number): boolean {
  const rows = ctx.sources.rows[file];
  const t = ctx.table;
  for (let k = lowerBoundRows(t.tMs, rows, from); k < rows.length && t.tMs[rows[k]] < to; k++) {
    const row = rows[k];
    if (t.level[row] >= Level.error || t.kind[row] === Kind.crash || t.kind[row] === Kind.healthFail) return true;
    if (t.kind[row] !== Kind.restart && DEATH.test(ctx.message(row))) return true;
  }
  return false;
}

export const restartLoop: Rule = {
  id: 'restart-loop',
  title: 'Restart loop',
  description: 'A source restarts three or more times with less than three minutes between restarts.',
  specificity: 1,
  run(ctx) {
    const byFile = new Map<number, Mark[]>();
    for (const m of marksOf(ctx, 'restart')) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
    const out: Finding[] = [];
    for (const [file, list] of byFile) {
      let run: Mark[] = [];
      const flush = () => {
        const deaths = run.slice(1).filter((m, i) => diedBetween(ctx, file, run[i].start, m.start + 1)).length;
        if (run.length >= LOOP_MIN_RESTARTS && deaths >= MIN_DEATH_SHARE * (run.length - 1)) {
          const spacing = run.slice(1).map((m, i) => m.start - run[i].start);
          const counters = run.map((m) => RESTART_COUNTER.exec(m.label)).filter((x): x is RegExpExecArray => !!x).map((x) => +x[1]);
          const rows = run.flatMap((m) => m.events);
          const before = ctx.marks.filter((m) => (m.kind === 'crash' || m.kind === 'error-burst') && m.file === file && m.start >= run[0].start - LOOP_SPACING_MS && m.start <= run[run.length - 1].start);
          const top = topTemplates(ctx, before.flatMap((m) => m.events), 1)[0];
          out.push({
            rule: 'restart-loop',
            severity: 'critical',
            start: run[0].start,
            end: run[run.length - 1].start,
            title: `Restart loop in ${sourceName(ctx, file)}: ${plural(run.length, 'restart')} in ${duration(run[run.length - 1].start - run[0].start)}`,
            detail: [
              `${stamp(run[0].start)} to ${clock(run[run.length - 1].start)}: ${sourceName(ctx, file)} restarted ${run.length} times (${run.map((m) => clock(m.start)).join(', ')}), every ~${duration(median(spacing))}.`,
              counters.length ? `The supervisor's restart counter reached ${Math.max(...counters)}.` : '',
              top ? `Before the restarts it logged ${quote(ctx.templates[top.template]?.pattern ?? '', 100)}.` : 'No crash line explains the restarts in these logs.',
              'A process that dies shortly after starting: check the exit status and the last lines before each restart (configuration errors, a port already in use, a dependency that is down), liveness probes that kill it before it is ready, and memory limits.',
            ].filter(Boolean).join('\n'),
            count: run.length,
            confidence: Math.min(0.9, 0.5 + 0.1 * run.length),
            evidence: evidence(ctx, rows),
          });
        }
        run = [];
      };
      for (const m of list) {
        if (run.length && m.start - run[run.length - 1].start > LOOP_SPACING_MS) flush();
        run.push(m);
      }
      flush();
    }
    return out;
  },
};
