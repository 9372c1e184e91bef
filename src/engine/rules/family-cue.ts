// What an unknown failure's words suggest. A senior SRE who has never seen
// Cassandra still reads "insufficient space to compact all requested files"
// as a full disk, and Infinispan's "Timed out waiting for responses" as a
// timeout: the words name the family even when no signature knows the
// product. The cues are data (knowledge/cues/family-cues.json); this module
// reads a run of failures with them, and says when such a reading makes one
// ERROR line in a pasted excerpt an incident. What it names is a hypothesis
// from words, and the finding says so.

import { Flag } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import { builtinCues } from '../knowledge/index.ts';
import { cueOf, type Cue } from '../knowledge/load-cues.ts';
import type { Family, RuleContext } from './types.ts';
import { levelOf, ROUTINE_ERROR } from './helpers.ts';
import { failureText } from './signature-match.ts';
import { recoveryAfter } from './recovery.ts';
import { endsOnFailure, EXCERPT_MAX_ROWS, sameOperation } from './unknown-failure.ts';

/** Only the first failures of a run are read: the family of a long run shows in its first lines. */
const READ_ROWS = 20;

export interface CueReading {
  family: Family;
  /** What the words suggest, as a phrase ("a full disk or an exhausted quota"). */
  reads: string;
  /** The run's rows that carry this cue. */
  rows: number[];
  /** The words that matched on the first of them. */
  words: string;
  /** How many of the run's rows were read. */
  of: number;
}

/**
 * A row's cue and the line that carries it: its failure text, or else the
 * lines below it, the root cause first ("Error in handling inbound message,
 * {}" over "Caused by: ...OutOfDirectMemoryError: failed to allocate
 * 20971520 byte(s)").
 */
function cueOfRow(ctx: RuleContext, row: number, cues: readonly Cue[]): { cue: Cue; line: string } | undefined {
  const text = failureText(ctx, row);
  const own = cueOf(cues, text);
  if (own) return { cue: own, line: text };
  const lines = ctx.causes?.(row) ?? [];
  for (let k = lines.length - 1; k >= 0; k--) {
    const cue = cueOf(cues, lines[k]);
    if (cue) return { cue, line: lines[k] };
  }
  return undefined;
}

/**
 * The family most of the run's first failure lines point at, each line
 * voting for the first cue it carries; a tie goes to the cue listed first
 * (the more specific). Undefined when no line carries a cue.
 */
export function readCues(ctx: RuleContext, run: readonly number[]): CueReading | undefined {
  const cues = builtinCues();
  const byCue = new Map<Cue, { rows: number[]; line: string }>();
  const read = run.slice(0, READ_ROWS);
  for (const row of read) {
    const hit = cueOfRow(ctx, row, cues);
    if (!hit) continue;
    const votes = byCue.get(hit.cue);
    if (votes) votes.rows.push(row);
    else byCue.set(hit.cue, { rows: [row], line: hit.line });
  }
  let best: Cue | undefined;
  for (const [cue, votes] of byCue) {
    const lead = best && byCue.get(best)!.rows.length;
    if (!best || votes.rows.length > lead! || (votes.rows.length === lead && cues.indexOf(cue) < cues.indexOf(best))) best = cue;
  }
  if (!best) return undefined;
  const { rows, line } = byCue.get(best)!;
  return { family: best.family, reads: best.spec.reads, rows, words: best.re.exec(line)?.[0] ?? '', of: read.length };
}

/**
 * In a pasted excerpt, a line logged as an error whose words say what went
 * wrong ("insufficient space", "timed out waiting for responses") is why the
 * excerpt was pasted when the paste ends on it or the same words come again
 * at ERROR, and nothing after it says the thing works again; so is the same
 * operation failing in such words three times at WARN or with no level ("all
 * 200 http_worker threads are busy" every five seconds) when the paste ends
 * on it. A bare ERROR, a routine per-request error or a WARN does not count
 * (a healthy start-up warns that it "cannot allocate huge pages" and runs),
 * nor one error the program got past (a supervised child that timed out
 * once and was restarted, then worked).
 */
export function cuedIncident(ctx: RuleContext, run: readonly number[], reading: CueReading): boolean {
  if (ctx.table.length > EXCERPT_MAX_ROWS) return false;
  // Pasted console output (a line with neither time nor level, in a file that levels none of its lines)
  // cannot say "error" by level: its words must. A timed unlevelled line (Go's log package) is not that.
  const t = ctx.table;
  const unlevelled = !ctx.sources.rows[t.file[run[0]]].some((r) => levelOf(ctx, r) !== Level.none);
  const console = (r: number) => unlevelled && (t.flags[r] & Flag.untimed) !== 0;
  const told = reading.rows.filter((r) => (levelOf(ctx, r) >= Level.error || console(r)) && !ROUTINE_ERROR.test(failureText(ctx, r)));
  // Or the same operation failing in those words again and again until the paste ends, at WARN or with no level.
  const said = reading.rows.filter((r) => (levelOf(ctx, r) >= Level.warn || levelOf(ctx, r) === Level.none) && !ROUTINE_ERROR.test(failureText(ctx, r)));
  const standing = endsOnFailure(ctx, run);
  if (!(told.length >= 2 || (told.length && standing) || (standing && sameOperation(ctx, said)))) return false;
  // The same failure lines again after a recovery undo it; other lines do not.
  const own = new Set(run);
  return recoveryAfter(ctx, run, (r) => own.has(r)) < 0;
}
