// Did a failure heal by itself? A service that logs "connection refused"
// while its database starts, then "connected to database", waited; it did
// not have an incident. A senior SRE reads the line after the failures
// before calling them one: this is that read, shared by the rules that name
// a failure from its lines (failure-signature, first-failure).

import { lowerBoundRows } from '../marks/sources.ts';
import { Level } from '../model/levels.ts';
import { vocabularyClass } from '../knowledge/index.ts';
import type { Fact, RuleContext } from './types.ts';
import { quote } from './text.ts';
import { whenRow } from './helpers.ts';

/** "connected to", "ready to accept connections", "is UP": what failed works again. */
const RECOVERED = vocabularyClass('recovered');
/** The recovery is looked for this long after the last failure line. */
export const RECOVERY_LOOK_MS = 5 * 60_000;
/** After the recovery the file must stay free of errors this long (or to its end) for the failure to count as healed. */
export const HEALED_FOR_MS = 5 * 60_000;

/**
 * The line in the failures' own file that says it works again, when one
 * follows the last failure within RECOVERY_LOOK_MS and nothing logged as an
 * error (or matching `again`) follows it within HEALED_FOR_MS; else -1.
 */
export function recoveryAfter(ctx: RuleContext, failures: readonly number[], again: (row: number) => boolean): number {
  const t = ctx.table;
  const last = failures[failures.length - 1];
  const file = t.file[last];
  if (failures.some((r) => t.file[r] !== file)) return -1;
  const rows = ctx.sources.rows[file];
  const from = t.tMs[last];
  let k = lowerBoundRows(t.tMs, rows, from);
  while (k < rows.length && rows[k] !== last && t.tMs[rows[k]] <= from) k++;
  let healed = -1;
  for (k++; k < rows.length; k++) {
    const row = rows[k];
    const at = t.tMs[row];
    if (healed < 0) {
      if (at - from > RECOVERY_LOOK_MS) return -1;
      if (t.level[row] >= Level.error || again(row)) return -1;
      if (RECOVERED.test(ctx.peek(row))) healed = row;
    } else {
      if (at - t.tMs[healed] > HEALED_FOR_MS) break;
      if (t.level[row] >= Level.error || again(row)) return -1;
    }
  }
  return healed;
}

/** The fact a finding states when its failure healed. */
export function recoveryFact(ctx: RuleContext, row: number): Fact {
  return { text: `It recovered by itself at ${whenRow(ctx, row, true)}: ${quote(ctx.message(row), 100)}, and no error followed: a wait that ended (a dependency starting, a brief outage), not a standing failure.`, rows: [row] };
}
