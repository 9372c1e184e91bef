// series: N occurrences of X per source, each within T of the previous
// (chain) or all within a window T — "3 restarts less than 3 min apart",
// "5 WORKER TIMEOUT within 10 min". Optionally most intervals must show
// something between (a death line between restarts). A file with no
// timestamps at all is read in line order: "died, restarted" cycles count.

import { lowerBoundRows } from '../../marks/sources.ts';
import type { RuleContext } from '../types.ts';
import { parseDuration, type SeriesSpec } from '../spec.ts';
import { sourceName } from '../helpers.ts';
import { clock, duration, median } from '../text.ts';
import { lineTest, occurrences, perFile, untimedFile, type Occurrence } from './select.ts';
import type { Match } from './types.ts';
import { vocabularyTest } from './vocabulary-classes.ts';

function hasBetween(ctx: RuleContext, test: (row: number) => boolean, file: number, from: number, to: number, exclude: Set<number>): boolean {
  const rows = ctx.sources.rows[file];
  const t = ctx.table;
  for (let k = lowerBoundRows(t.tMs, rows, from); k < rows.length && t.tMs[rows[k]] < to; k++) if (!exclude.has(rows[k]) && test(rows[k])) return true;
  return false;
}

function toMatch(ctx: RuleContext, run: Occurrence[]): Match {
  const spacing = run.slice(1).map((o, i) => o.start - run[i].start);
  const first = run[0];
  const last = run[run.length - 1];
  return {
    start: first.start,
    end: last.end,
    file: first.file,
    rows: run.flatMap((o) => o.rows),
    figures: { count: run.length, durationMs: last.start - first.start, spacingMs: median(spacing) },
    text: {
      source: sourceName(ctx, first.file),
      first: clock(first.start),
      last: clock(last.start),
      times: run.map((o) => clock(o.start)).join(', '),
      duration: duration(last.start - first.start),
      span: `in ${duration(last.start - first.start)}`,
      cycles: 'restarts',
      spacing: duration(median(spacing)),
      label: first.label,
    },
  };
}

/** Line-order cycles in an untimed file: a death line, then an occurrence. */
function untimedCycles(ctx: RuleContext, spec: SeriesSpec, file: number, list: Occurrence[]): Match | null {
  if (!spec.untimed) return null;
  const death = lineTest(ctx, spec.untimed.death);
  const rows = ctx.sources.rows[file];
  const starts = new Set(list.flatMap((o) => o.rows));
  const cycles: number[][] = [];
  let dead: number | null = null;
  for (const row of rows) {
    if (starts.has(row) && dead !== null) {
      cycles.push([dead, row]);
      dead = null;
    } else if (!starts.has(row) && death(row)) dead = row;
  }
  if (cycles.length < spec.untimed.min) return null;
  const kill = vocabularyTest('kill');
  return {
    start: ctx.table.tMs[cycles[0][0]],
    end: ctx.table.tMs[cycles[cycles.length - 1][1]],
    file,
    rows: cycles.flat(),
    figures: { count: cycles.length, untimed: 1 },
    text: { source: sourceName(ctx, file), span: '(no timestamps)', cycles: kill && cycles.every(([d]) => kill(ctx.message(d))) ? 'kill/restart cycles' : 'exit/restart cycles', death: ctx.message(cycles[0][0]).trim(), label: ctx.message(cycles[0][1]).trim(), lines: cycles.map(([d, s]) => `line ${ctx.table.line[d]} then ${ctx.table.line[s]}`).join('; ') },
  };
}

export function series(ctx: RuleContext, spec: SeriesSpec): Match[] {
  const within = parseDuration(spec.within);
  const between = spec.between ? lineTest(ctx, spec.between.of) : null;
  const out: Match[] = [];
  for (const [file, list] of perFile(occurrences(ctx, spec.of))) {
    if (untimedFile(ctx, file)) {
      const m = untimedCycles(ctx, spec, file, list);
      if (m) out.push(m);
      continue;
    }
    const own = new Set(list.flatMap((o) => (o.mark ? o.mark.events : o.rows)));
    const accept = (run: Occurrence[]) => {
      if (run.length < spec.count) return;
      if (between && spec.between) {
        const seen = run.slice(1).filter((o, i) => hasBetween(ctx, between, file, run[i].start, o.start + 1, own)).length;
        if (seen < spec.between.share * (run.length - 1)) return;
      }
      out.push(toMatch(ctx, run));
    };
    if (spec.chain) {
      let run: Occurrence[] = [];
      for (const o of list) {
        if (run.length && o.start - run[run.length - 1].start > within) {
          accept(run);
          run = [];
        }
        run.push(o);
      }
      accept(run);
    } else {
      // Window: the first N-in-T run, extended while occurrences stay within T of its start; reported once.
      for (let i = 0; i + spec.count - 1 < list.length; ) {
        if (list[i + spec.count - 1].start - list[i].start > within) {
          i++;
          continue;
        }
        let j = i + spec.count - 1;
        while (j + 1 < list.length && list[j + 1].start - list[j].start <= within) j++;
        accept(list.slice(i, j + 1));
        i = j + 1;
      }
    }
  }
  return out;
}
