// first-failure: when a log holds failures and no named pattern fired, the
// finding a responder would write first: which failure tells most (the first
// one, unless a graver one followed: telling.ts), when its run of failures
// started, what it is if a signature knows it, and what followed (more
// failures, restarts, bursts, a silence, other files' errors). A log with
// failures in it never ends in "nothing found". It is a fallback: it runs
// only when no other rule raised a warning, and it warns only when the
// failure is a known one the program reported as a failure (logged as an
// error, or with no level or at WARN in an excerpt and saying so in words),
// or a crash, that did not heal by itself, and either recurs or stands in a
// short excerpt, or, in an excerpt, unknown failures with generic evidence
// of an incident (unknown-failure.ts: three within a minute, or standing at
// the end of the paste); one unknown error line, or one timeout in an hour
// of traffic, is an info finding, so routine errors in a healthy log do not
// raise an alarm.

import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import type { Mark } from '../marks/types.ts';
import { lowerBoundRows } from '../marks/sources.ts';
import type { Fact, Rule, RuleContext } from './types.ts';
import { allUntimed, evidence, levelOf, sourceName, whenRow } from './helpers.ts';
import { hypothesesOf, isChronic, MIN_QUIET_MATCHES, noiseRow } from './failure-signature.ts';
import { plannedStop } from './crash.ts';
import { failureText, matchSignatures, type SignatureHits } from './signature-match.ts';
import { hypothesisLines } from './stall-evidence.ts';
import { recoveryAfter, recoveryFact } from './recovery.ts';
import { occurrences } from './repeats.ts';
import { EXCERPT_MAX_ROWS, excerptFailure, pastedFailure, reportedFailure, unknownIncident } from './unknown-failure.ts';
import { clock, duration, plural, quote } from './text.ts';
import { mostTelling, weighFailures, type Candidate } from './telling.ts';
import { cuedIncident, readCues } from './family-cue.ts';

/** Failures closer than this to the previous one belong to the same run. */
export const CHAIN_GAP_MS = 10 * 60_000;
/** At most this many runs of failures are weighed for the most telling one. */
const MAX_WEIGHED_RUNS = 50;
/** What followed is looked for this long after the run's last failure. */
const AFTER_MS = 10 * 60_000;

function isFailure(ctx: RuleContext, row: number, signed: ReadonlyMap<number, SignatureHits>): boolean {
  const lv = levelOf(ctx, row);
  const kind = ctx.table.kind[row];
  // An exit the file asked for (a stop request just before it) is not a failure, whatever its status.
  if (kind === Kind.crash) return !plannedStop(ctx, row);
  if (lv >= Level.error || signed.has(row)) return true;
  if ((kind === Kind.healthFail || kind === Kind.timeout) && lv >= Level.warn) return true;
  // In a pasted excerpt an unlevelled line that says it failed, or a line of trouble at any level, counts (unknown-failure.ts).
  return excerptFailure(ctx, row);
}

/** Every timed failure row, split into runs: each row within CHAIN_GAP_MS of the one before. */
function failureRuns(ctx: RuleContext, signed: ReadonlyMap<number, SignatureHits>): number[][] {
  const t = ctx.table;
  const runs: number[][] = [];
  let run: number[] = [];
  for (let row = 0; row < t.length; row++) {
    if (!Number.isFinite(t.tMs[row]) || !isFailure(ctx, row, signed)) continue;
    if (run.length && t.tMs[row] - t.tMs[run[run.length - 1]] > CHAIN_GAP_MS) {
      runs.push(run);
      run = [];
    }
    run.push(row);
  }
  if (run.length) runs.push(run);
  return runs;
}

function after(ctx: RuleContext, from: number, to: number, file: number, run: readonly number[]): Fact[] {
  const facts: Fact[] = [];
  const within = (m: Mark) => m.start > from && m.start <= to;
  const restarts = ctx.marks.filter((m) => (m.kind === 'restart' && !m.startup) || m.kind === 'crash').filter(within);
  if (restarts.length) facts.push({ text: `Then ${plural(restarts.length, 'restart or crash', 'restarts or crashes')}, first at ${whenRow(ctx, restarts[0].events[0], true)}: ${quote(restarts[0].label, 80)}.`, rows: restarts.flatMap((m) => m.events.slice(0, 1)) });
  const bursts = ctx.marks.filter((m) => m.kind === 'error-burst' || m.kind === 'timeout-burst').filter(within);
  if (bursts.length) facts.push({ text: `Then ${plural(bursts.length, 'burst')} of errors or timeouts, first at ${clock(bursts[0].start)} (${bursts[0].count} events).`, rows: bursts.flatMap((m) => m.events.slice(0, 3)) });
  const gaps = ctx.marks.filter((m) => m.kind === 'gap' && m.end >= from && m.start <= to);
  if (gaps.length) facts.push({ text: `The log went silent for ${duration(gaps[0].end - gaps[0].start)} from ${clock(gaps[0].start)} in ${sourceName(ctx, gaps[0].file)}.`, rows: gaps[0].events.slice(0, 2) });
  const t = ctx.table;
  for (let f = 0; f < ctx.files.length; f++) {
    if (f === file) continue;
    const rows = ctx.sources.rows[f];
    const others: number[] = [];
    // The run's rows (of every file) and the file's rows both ascend: a cursor tells which are in the run
    // (a Set of a run of hundreds of thousands of failures cost more than the rest of the rule).
    let inRun = 0;
    for (let k = lowerBoundRows(t.tMs, rows, from); k < rows.length && t.tMs[rows[k]] <= to; k++) {
      const row = rows[k];
      while (inRun < run.length && run[inRun] < row) inRun++;
      if ((inRun >= run.length || run[inRun] !== row) && t.level[row] >= Level.error) others.push(row);
    }
    if (others.length) facts.push({ text: `${sourceName(ctx, f)} logged ${plural(others.length, 'error')} after it, first at ${whenRow(ctx, others[0], true)}: ${quote(ctx.message(others[0]), 100)}.`, rows: others.slice(0, 5) });
  }
  return facts;
}

/** Why a known failure is no incident on its own: it is chronic, background noise or routine once (all of the signature's lines), or this run healed. */
function routineWhy(ctx: RuleContext, h: SignatureHits, rows: readonly number[], memo: Map<SignatureHits, string | undefined>): string | undefined {
  if (!memo.has(h)) {
    memo.set(h, isChronic(ctx, h) ? 'it is a chronic condition (small runs over hours)'
      : noiseRow(ctx, h) >= 0 ? 'its file shows it is background noise'
        : h.sig.spec.routineOnce && occurrences(h.rows, (r) => failureText(ctx, r), MIN_QUIET_MATCHES) < MIN_QUIET_MATCHES ? 'it is routine once' : undefined);
  }
  const whole = memo.get(h);
  if (whole) return whole;
  if (h.sig.spec.decisive) return undefined;
  let own = rowSets.get(h);
  if (!own) rowSets.set(h, (own = new Set(h.rows)));
  const mine = own;
  return recoveryAfter(ctx, rows, (r) => mine.has(r)) >= 0 ? 'it healed' : undefined;
}

/** Each signature's rows as a set, for the recovery test of each of its runs. */
const rowSets = new WeakMap<SignatureHits, Set<number>>();

/** Why the named line was chosen among the failures: its weight in words, and what the first failure weighed when it is another. */
function whyChosen(ctx: RuleContext, pick: Candidate, first: number, cands: readonly Candidate[]): Fact {
  const firstCand = cands.find((c) => c.rows.includes(first));
  const other = pick.row !== first && firstCand ? ` The first failure weighs less: ${firstCand.reasons.join('; ')}.` : '';
  const where = pick.row === first ? 'It is named because' : `The line at ${whenRow(ctx, pick.row, true)} is named as the likely cause, rather than the first failure, because`;
  return { text: `${where} ${pick.reasons.join('; ')} (chosen among ${cands.length} failures weighed by gravity, level and what followed; a later one is named only when it weighs clearly more).${other}`, rows: [pick.row, first] };
}

export const firstFailure: Rule = {
  id: 'first-failure',
  title: 'The first failure',
  description: 'When no named pattern fires, the first failure in the logs: when it started, what it is if a signature knows it, what followed (restarts, bursts, silence, other files\' errors) and the mechanisms it suggests.',
  specificity: 0,
  fallback: true,
  run(ctx) {
    const t = ctx.table;
    const signed = new Map<number, SignatureHits>();
    for (const h of matchSignatures(ctx)) for (const row of h.rows) signed.set(row, h);
    const runs = failureRuns(ctx, signed);
    const memo = new Map<SignatureHits, string | undefined>();
    if (!runs.length) return [];
    // Not simply the earliest failure: the most telling one (its gravity, its level, what followed), the earliest among equals.
    // A log with more separate runs of failures than this is told from its first ones (a decisive failure later on has its own finding).
    const weighed = weighFailures(ctx, runs.slice(0, MAX_WEIGHED_RUNS), { said: (r) => reportedFailure(ctx, r), signed, routine: (h, rows) => routineWhy(ctx, h, rows, memo) });
    const cands = weighed.flat();
    const pick = mostTelling(weighed);
    const runIndex = pick ? runs.findIndex((r) => r.includes(pick.row)) : 0;
    const run = runs[runIndex];
    // What came before the chosen run: an error no signature knows, or a failure that weighs less (context, not the cause).
    const earlier = runIndex > 0 ? cands.find((c) => c.row < run[0]) : undefined;
    const unknownFirst = runIndex > 0 && !earlier ? runs[0][0] : -1;
    const first = run[0];
    const start = t.tMs[first];
    const end = Math.max(start, t.tMs[run[run.length - 1]]);
    const known = pick?.hits;
    const knownRow = pick ? (pick.rows.find((r) => reportedFailure(ctx, r)) ?? pick.row) : -1;
    // A level alone is not enough: some programs log routine lines at alert or critical.
    const told = known !== undefined && !isChronic(ctx, known) && noiseRow(ctx, known) < 0 && (known.sig.spec.decisive || known.sig.spec.infoCounts === true || reportedFailure(ctx, knownRow));
    // One failure among an hour of steady traffic is routine; in a pasted excerpt it is why the excerpt was pasted.
    // A known failure that is not decisive and heals (refused, then "connected") is a wait, not an incident.
    const healed = known && !known.sig.spec.decisive && t.kind[first] !== Kind.crash ? recoveryAfter(ctx, run, (r) => signed.get(r) === known) : -1;
    // A failure that is routine once (one wrong password, one user's expired token) needs a run of its own, even in an excerpt.
    // A line Kubernetes folded ("(x11 over 23m)") counts as the occurrences it stands for.
    const onceOnly = known?.sig.spec.routineOnce === true && occurrences(known.rows, (r) => failureText(ctx, r), MIN_QUIET_MATCHES) < MIN_QUIET_MATCHES;
    // A failure no signature knows may still say in words what went wrong ("insufficient space"): a hypothesis, labelled so.
    const cued = known ? undefined : readCues(ctx, run);
    let alone = false;
    const loud = t.kind[first] === Kind.crash || (pick !== undefined && t.kind[pick.row] === Kind.crash) || (told && healed < 0 && !onceOnly && (occurrences(run, (r) => failureText(ctx, r), MIN_QUIET_MATCHES) >= MIN_QUIET_MATCHES || t.length <= EXCERPT_MAX_ROWS)) ||
      // Failures a signature knows but that were not told on their own (lines of trouble at INFO) are weighed as unknown ones are.
      ((!known || (!told && !isChronic(ctx, known) && noiseRow(ctx, known) < 0)) && unknownIncident(ctx, run)) ||
      (cued !== undefined && cuedIncident(ctx, run, cued)) ||
      (healed < 0 && (alone = pastedFailure(ctx, run, (r) => signed.has(r))));
    const facts: Fact[] = [{ text: `The first ${unknownFirst >= 0 ? 'known ' : ''}failure is at ${whenRow(ctx, first)} in ${sourceName(ctx, t.file[first])}: ${quote(failureText(ctx, first), 160)}.`, rows: [first] }];
    if (run.length > 1) facts.push({ text: `${plural(run.length - 1, 'more failure line')} followed until ${whenRow(ctx, run[run.length - 1], true)}${allUntimed(ctx, run) ? '' : ` (${duration(end - start)})`}.`, rows: run.slice(1, 10) });
    if (known && knownRow !== first && cands.length <= 1) facts.push({ text: `The first failure a signature knows is at ${whenRow(ctx, knownRow, true)}: ${quote(failureText(ctx, knownRow), 120)}.`, rows: [knownRow] });
    if (pick && cands.length > 1) facts.push(whyChosen(ctx, pick, first, cands));
    if (earlier) facts.push({ text: `An earlier failure, at ${whenRow(ctx, earlier.row, true)}, weighs less and is context, not the cause: ${quote(failureText(ctx, earlier.row), 100)} (${earlier.reasons.join('; ')}).`, rows: [earlier.row] });
    if (unknownFirst >= 0) facts.push({ text: `An error no signature knows came before it, at ${whenRow(ctx, unknownFirst, true)}: ${quote(ctx.message(unknownFirst), 100)}.`, rows: [unknownFirst] });
    facts.push(...after(ctx, start, end + AFTER_MS, t.file[first], run));
    if (healed >= 0) facts.push(recoveryFact(ctx, healed));
    if (alone) facts.push({ text: `The paste holds only ${plural(t.length, 'event')} and this failure is among them, with nothing after it saying the thing works again: it is what was pasted.`, rows: [first] });
    const ownRows = known ? known.rows.filter((r) => t.tMs[r] >= start && t.tMs[r] <= end) : [];
    const hypotheses = known ? hypothesesOf(ctx, { sig: known.sig, rows: ownRows }, start, end) : [];
    // Unknown failures that are mostly timeouts (one alone included) name the timeout family even when no signature knows the words.
    const timeouts = !known && run.filter((r) => t.kind[r] === Kind.timeout).length * 2 > run.length;
    const name = known ? `${known.sig.spec.title}` : timeouts ? (run.length >= MIN_QUIET_MATCHES ? 'Operations timed out' : 'An operation timed out') : cued ? `An error that reads as ${cued.reads}` : 'An error';
    const head = pick && (pick.row !== first || earlier) ? 'Most telling failure' : 'First failure';
    return [{
      rule: this.id,
      severity: loud ? 'warning' : 'info',
      start,
      end,
      title: `${head}: ${name}: ${quote(failureText(ctx, known ? knownRow : first), 70)}`,
      detail: [
        ...facts.map((f) => f.text),
        ...(known
          ? ['What could explain it (the logs show the failure, not yet its cause):', ...hypothesisLines(hypotheses), `Check next: ${known.sig.spec.next}`]
          : [
            'No known failure signature matches these lines: the logs show that it failed, not why.',
            ...(cued && !timeouts ? [`Hypothesis from words alone: ${plural(cued.rows.length, 'failure line')} of the first ${cued.of} say "${cued.words}", which suggests ${cued.reads}; no signature confirms it.`] : []),
            'Check next: the lines just before the first failure, and the component it names.',
          ]),
      ].join('\n'),
      count: run.length,
      confidence: loud ? 0.5 : 0.3,
      evidence: evidence(ctx, run.slice(0, 20)),
      family: known ? known.sig.family : timeouts ? 'timeout-burst' : cued ? cued.family : 'first-failure',
      facts,
      hypotheses,
      data: known ? { signature: known.sig.spec.id } : undefined,
    }];
  },
};
