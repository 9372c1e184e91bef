// Which failure a first-failure finding names when a log holds several: not
// simply the earliest, but the one a senior SRE would call the likely cause.
// One refused connection or a few 404s early on, then an OOM kill, a panic or
// a full disk: the grave one is named and the mild one is context. Each
// candidate is weighed by its signature's gravity (grave / serious / mild,
// from the data), by its own level (a FATAL line), and by what followed it
// (a restart or crash, a silence, a burst). The earliest stays named unless a
// later one weighs clearly more (a full step within a run of failures; a
// graver failure in itself for a later run), so a second refused connection
// never displaces the first. The reasons are kept in words so the finding can
// say why this line was chosen.

import type { Gravity, Signature } from '../knowledge/load-signatures.ts';
import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import type { RuleContext } from './types.ts';
import type { SignatureHits } from './signature-match.ts';
import { levelOf } from './helpers.ts';
import { clock, duration } from './text.ts';

/** What followed a failure is looked for this long after its last line. */
const FOLLOW_MS = 2 * 60_000;
/** A generic exit this soon after a named cause in the same file is that cause's doing (its status, not a second failure). */
const CONSEQUENCE_MS = 60_000;

const WEIGHT: Record<Gravity, number> = { grave: 3, serious: 2, mild: 1 };

export function gravityOf(sig: Signature): Gravity {
  return sig.spec.gravity ?? (sig.spec.decisive ? 'serious' : 'mild');
}

export interface Candidate {
  /** The candidate's first failure row. */
  row: number;
  /** Its rows among the run's failures, all of one signature. */
  rows: number[];
  hits: SignatureHits;
  score: number;
  /** Its weight from what it is (gravity, level, specificity), without what followed. */
  gravity: number;
  /** Its signature's gravity. */
  grade: Gravity;
  /** Not reported as a failure, or a bare exit status: any heavier failure beside it names the incident better. */
  weak: boolean;
  /** A failure that is routine here (healed, chronic, background noise, routine once). */
  routine: boolean;
  /** Why it weighs what it weighs, in words ("a grave failure", "followed by a restart at 10:02:42"). */
  reasons: string[];
}

export interface Weigh {
  /** Did the program report this row as a failure (its level, or its words)? */
  said: (row: number) => boolean;
  signed: ReadonlyMap<number, SignatureHits>;
  /** Why a known failure is not an incident on its own (it healed, it is chronic, background noise), or undefined. */
  routine: (hits: SignatureHits, rows: readonly number[]) => string | undefined;
}

/**
 * The failures grouped into candidates: one per signature per run of
 * failures. A line no signature knows is never named over a known one (it
 * names no mechanism); a FATAL one or a crash counts as what followed.
 */
function candidatesOf(run: readonly number[], w: Weigh): Candidate[] {
  const bySig = new Map<Signature, Candidate>();
  const out: Candidate[] = [];
  for (const row of run) {
    const h = w.signed.get(row);
    if (!h) continue;
    const c = bySig.get(h.sig);
    if (c) c.rows.push(row);
    else {
      const n: Candidate = { row, rows: [row], hits: h, score: 0, gravity: 0, grade: gravityOf(h.sig), weak: false, routine: false, reasons: [] };
      bySig.set(h.sig, n);
      out.push(n);
    }
  }
  return out;
}

function base(ctx: RuleContext, c: Candidate, w: Weigh): number {
  const spec = c.hits.sig.spec;
  // A line naming a signature in passing ("starting up" as chatter) is not the failure unless the program said it failed.
  if (!spec.decisive && spec.infoCounts !== true && !c.rows.some(w.said)) {
    c.reasons.push('the program did not report it as a failure');
    c.weak = true;
    return 0.25;
  }
  const g = gravityOf(c.hits.sig);
  c.reasons.push(`its signature is a ${g} failure (${spec.title.toLowerCase()})`);
  let s = WEIGHT[g];
  // An exit status says the process died, not why: a cause named in the same run names it better.
  if (c.hits.sig.family === 'crash' && g !== 'grave') {
    s -= 0.5;
    c.weak = true;
    c.reasons.push('an exit status says the process died, not why');
  }
  const routine = w.routine(c.hits, c.rows);
  if (routine) {
    s -= 1;
    c.routine = true;
    c.reasons.push(routine);
  }
  if (c.rows.some((r) => levelOf(ctx, r) >= Level.fatal)) {
    s += 0.5;
    c.reasons.push('it was logged at FATAL or worse');
  }
  return s;
}

/** A restart or crash, a FATAL line no signature knows, a silence or a burst that began while the candidate went on or just after it. */
function followed(ctx: RuleContext, c: Candidate, run: readonly number[], w: Weigh): number {
  const t = ctx.table;
  const from = t.tMs[c.row];
  const to = t.tMs[c.rows[c.rows.length - 1]] + FOLLOW_MS;
  const within = (start: number) => start > from && start <= to;
  let s = 0;
  const restart = ctx.marks.find((m) => ((m.kind === 'restart' && !m.startup) || m.kind === 'crash') && within(m.start) && m.events[0] !== c.row);
  if (restart) {
    s += 1;
    c.reasons.push(`a restart or crash followed at ${clock(restart.start)}`);
  }
  const fatal = run.find((r) => r > c.row && t.tMs[r] <= to && !w.signed.has(r) && (t.kind[r] === Kind.crash || levelOf(ctx, r) >= Level.fatal));
  if (fatal !== undefined && !restart) {
    s += 0.5;
    c.reasons.push(`a fatal line followed at ${clock(t.tMs[fatal])}`);
  }
  const gap = ctx.marks.find((m) => m.kind === 'gap' && within(m.start));
  if (gap) {
    s += 0.5;
    c.reasons.push(`the log went silent for ${duration(gap.end - gap.start)} after it`);
  }
  const burst = ctx.marks.find((m) => (m.kind === 'error-burst' || m.kind === 'timeout-burst') && within(m.start));
  if (burst) {
    s += 0.5;
    c.reasons.push(`a burst of ${burst.count} errors or timeouts followed at ${clock(burst.start)}`);
  }
  return s;
}

/**
 * A generic exit status (the crash family, not grave) in the same file soon
 * after a named cause is what that cause led to: it adds to the cause's
 * weight as "what followed" and is not a candidate of its own.
 */
function consequenceOf(ctx: RuleContext, c: Candidate, before: readonly Candidate[]): Candidate | undefined {
  if (c.hits.sig.family !== 'crash' || gravityOf(c.hits.sig) === 'grave') return undefined;
  const t = ctx.table;
  return before.find((b) => b.hits.sig.family !== 'crash' && b.score >= 1 && t.file[b.row] === t.file[c.row] && t.tMs[c.row] - t.tMs[b.rows[b.rows.length - 1]] <= CONSEQUENCE_MS);
}

/** A later candidate displaces an earlier one only when it weighs this much more: a full step of gravity, or a restart after it. */
const DISPLACE = 1;

/** The candidates of the failure runs, weighed, in time order (consequences folded into their cause). */
export function weighFailures(ctx: RuleContext, runs: readonly number[][], w: Weigh): Candidate[][] {
  return runs.map((run) => {
    const mine: Candidate[] = [];
    for (const c of candidatesOf(run, w)) {
      c.score = base(ctx, c, w);
      c.gravity = c.score;
      const cause = consequenceOf(ctx, c, mine);
      if (cause) {
        if (!cause.reasons.some((r) => r.startsWith('it led to'))) {
          cause.score += 1;
          cause.reasons.push(`it led to an exit at ${clock(ctx.table.tMs[c.row])}`);
        }
        continue;
      }
      c.score += followed(ctx, c, run, w);
      mine.push(c);
    }
    return mine;
  });
}

/**
 * Does a later candidate of the same run displace the one chosen so far? Any
 * heavier one does when that one is weak (not reported as a failure, a bare
 * exit status). Beside a failure that is routine here (background noise, a
 * failure that healed), only a serious or grave one does: a mild failure
 * amid routine ones is likely more of the same. Otherwise it must weigh a
 * full step more.
 */
function displaces(c: Candidate, local: Candidate): boolean {
  if (c.weak || c.routine) return false;
  if (local.weak) return c.score > local.score;
  if (local.routine) return c.grade !== 'mild' && c.score > local.score;
  return c.score >= local.score + DISPLACE;
}

/** A later run is another incident: it is named only for a serious or grave failure, graver in itself than the one chosen so far. */
function graverRun(c: Candidate, best: Candidate): boolean {
  return c.grade !== 'mild' && !c.weak && !c.routine && c.gravity > best.gravity;
}

/**
 * The most telling candidate. Within a run, a later failure displaces the
 * earlier one only when it weighs DISPLACE more (a panic after a refused
 * connection, not a second refused connection). A later run, minutes apart,
 * is another incident: it is chosen only when its failure is graver in itself
 * (gravity and level, not what followed), so one early refused connection
 * does not hide the OOM kill an hour later, and the window stays on the
 * failure that is named.
 */
export function mostTelling(runs: readonly Candidate[][]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const run of runs) {
    let local: Candidate | undefined;
    for (const c of run) if (!local || displaces(c, local)) local = c;
    if (local && (!best || graverRun(local, best))) best = local;
  }
  return best;
}
