// failure-signature: a line that names a known failure (src/engine/knowledge/
// signatures: disk full, too many open files, connection refused, leader
// election lost, restart limit hit...). Short excerpts pasted into an issue
// often hold nothing else: one such line is the incident. The finding quotes
// the lines, says when they started and how long they went on, and ranks the
// signature's hypotheses by the lines found in the window that support each.
// It gives way to the incident rules that explain the same minutes.

import { failureText, matchSignatures, type SignatureHits } from './signature-match.ts';
import type { Fact, Finding, Hypothesis, Rule, RuleContext } from './types.ts';
import { allUntimed, evidence, levelOf, sourceName, whenRow } from './helpers.ts';
import { searchWindows, type WindowSearch } from './scan.ts';
import { Level } from '../model/levels.ts';
import { rankHypotheses } from './data-rule.ts';
import { hypothesisLines } from './stall-evidence.ts';
import { duration, plural, quote, stamp } from './text.ts';
import { recoveryAfter, recoveryFact } from './recovery.ts';
import { occurrences } from './repeats.ts';
import { gravityOf } from './telling.ts';

/** At most this many signatures become findings: the first ones to appear tell the story. */
export const MAX_SIGNATURE_FINDINGS = 3;
/** A signature that is not decisive needs this many lines for a warning: one timeout or refused connection is routine, a run of them is not. */
export const MIN_QUIET_MATCHES = 3;
/** Bursts this big are the burst rules' story (rate against the baseline); smaller ones, as in a pasted excerpt, are told by their signature. */
export const BURST_RULE_MIN = 8;
/** Supporting lines for a hypothesis are looked for this far around the matches. */
const AROUND_MS = 60_000;

/** Matches further apart than this are separate occurrences, not one run. */
const RUN_GAP_MS = 10 * 60_000;
/** Occurrences spread over at least this long, each small, are chronic. */
const CHRONIC_SPAN_MS = 60 * 60_000;

/**
 * The same failure line a few times an hour or a day, never more than a couple
 * at once, over hours: a chronic condition the service lives with (a desktop's
 * "Operation not permitted" every night), told at info level, not as an incident.
 */
export function isChronic(ctx: RuleContext, h: SignatureHits): boolean {
  const t = ctx.table;
  const rows = h.rows;
  // A disk that returns I/O errors every few hours is failing, not a condition to live with;
  // nor is a grave failure that needs no second line (a process out of memory twice a day, a disk full every night).
  if (h.sig.spec.chronicWarns || (h.sig.spec.decisive && gravityOf(h.sig) === 'grave')) return false;
  if (rows.length < 3 || t.tMs[rows[rows.length - 1]] - t.tMs[rows[0]] < CHRONIC_SPAN_MS) return false;
  let runs = 1;
  let size = 1;
  let largest = 1;
  for (let i = 1; i < rows.length; i++) {
    if (t.tMs[rows[i]] - t.tMs[rows[i - 1]] > RUN_GAP_MS) {
      runs++;
      size = 1;
    } else largest = Math.max(largest, ++size);
  }
  return runs >= 3 && largest < MIN_QUIET_MATCHES;
}

function collect(ctx: RuleContext): SignatureHits[] {
  const t = ctx.table;
  // Lines already inside a burst are that burst rule's story (it measures the rate against the baseline); decisive lines are not.
  const bursts = ctx.marks.filter((m) => (m.kind === 'error-burst' || m.kind === 'timeout-burst') && m.count >= BURST_RULE_MIN);
  const inBurst = (row: number) => bursts.some((m) => m.file === t.file[row] && t.tMs[row] >= m.start && t.tMs[row] <= m.end);
  return matchSignatures(ctx)
    // A line the program logged at INFO or below is routine to it ("client closed connection: connection reset by peer"):
    // only decisive signatures are told from such lines.
    // A product that logs this failure at INFO (infoCounts) says no more by its level than others do by a warning.
    .map((h) => (h.sig.spec.decisive || h.sig.spec.infoCounts ? h : { ...h, rows: h.rows.filter((r) => loggedAsFailure(ctx, r)) }))
    .filter((h) => h.rows.length > 0 && (h.sig.spec.decisive || occurrences(h.rows, (r) => failureText(ctx, r), MIN_QUIET_MATCHES) >= MIN_QUIET_MATCHES) && (h.sig.spec.decisive || h.rows.filter(inBurst).length * 2 < h.rows.length));
}

/** Logged as a warning or worse, or with no level at all (pasted text, journald, access lines the classifier did not level). */
function loggedAsFailure(ctx: RuleContext, row: number): boolean {
  const lv = levelOf(ctx, row);
  return lv === Level.none || lv >= Level.warn;
}

/** The matches split where they stop for longer than RUN_GAP_MS: separate occurrences of the failure. */
export function runsOf(ctx: RuleContext, rows: readonly number[]): number[][] {
  const t = ctx.table;
  const runs: number[][] = [];
  for (const row of rows) {
    const cur = runs[runs.length - 1];
    if (cur && t.tMs[row] - t.tMs[cur[cur.length - 1]] <= RUN_GAP_MS) cur.push(row);
    else runs.push([row]);
  }
  return runs;
}

/**
 * The run a finding tells: the first one that is an incident on its own (any
 * run of a decisive signature, MIN_QUIET_MATCHES lines of another), else the
 * largest. A failure seen on five days of a six-month log is five incidents,
 * not one five-month window.
 */
function shownRun(h: SignatureHits, runs: readonly number[][]): number[] {
  const enough = runs.find((r) => h.sig.spec.decisive || r.length >= MIN_QUIET_MATCHES);
  return enough ?? runs.reduce((a, b) => (b.length > a.length ? b : a));
}

/** The signature's hypotheses, ranked by supporting lines found around [from, to] (the failure lines themselves excluded). */
export function hypothesesOf(ctx: RuleContext, h: SignatureHits, from: number, to: number): Hypothesis[] {
  return hypothesesOfAll(ctx, [{ h, from, to }])[0];
}

/** Ascending, as the search's cursor needs (a signature's rows are in time order already). */
function ascending(rows: readonly number[]): readonly number[] {
  for (let i = 1; i < rows.length; i++) if (rows[i] < rows[i - 1]) return [...rows].sort((a, b) => a - b);
  return rows;
}

/**
 * hypothesesOf for several failures at once: their windows are searched in
 * one walk (in a long log each is most of the file).
 */
export function hypothesesOfAll(ctx: RuleContext, asked: readonly { h: SignatureHits; from: number; to: number }[]): Hypothesis[][] {
  const withSupports = asked.map(({ h }) => h.sig.hypotheses.flatMap(({ supports }) => (supports ? [supports] : [])));
  // The failure lines themselves are not evidence for their own cause.
  const searches = asked.map(({ h, from, to }, k): WindowSearch => ({ from: from - AROUND_MS, to: to + AROUND_MS, patterns: withSupports[k], cap: 5, exclude: ascending(h.rows) }));
  const foundAll = searchWindows(ctx, searches);
  return asked.map(({ h }, k) => rankHypotheses(h.sig.hypotheses.map(({ spec, supports, says }) => {
    const found = supports ? foundAll[k][withSupports[k].indexOf(supports)] : [];
    const facts: Fact[] = found.length ? [{ text: `${plural(found.length, 'line')}${found.length >= 5 ? '+' : ''} in the minute around it support this, first ${quote(ctx.message(found[0]), 100)}.`, rows: found }] : [];
    // The failure line may itself name the mechanism ("terminated by signal 9: Killed"): evidence, quoted as such.
    const named = says ? h.rows.slice(0, 20).find((row) => says.test(failureText(ctx, row))) : undefined;
    if (named !== undefined) facts.unshift({ text: `The failure line itself points to it: ${quote(failureText(ctx, named), 120)}.`, rows: [named] });
    return { id: spec.id, statement: spec.statement, likelihood: facts.length ? 'possible' : 'open', supports: facts, against: [], check: spec.check };
  })));
}

/** A row of the failures' files that says they are background noise (the signature's noiseWhen), or -1. */
export function noiseRow(ctx: RuleContext, h: SignatureHits): number {
  const noise = h.sig.noise;
  if (!noise) return -1;
  const files = new Set(h.rows.map((r) => ctx.table.file[r]));
  for (const f of files) {
    const found = ctx.sources.rows[f].find((row) => noise.test(ctx.peek(row)));
    if (found !== undefined) return found;
  }
  return -1;
}

const GRAVITY_RANK = { grave: 0, serious: 1, mild: 2 } as const;

/**
 * At most MAX_SIGNATURE_FINDINGS, in time order: the gravest first (an OOM
 * kill is not crowded out by three mild failures that came before it), the
 * earliest among equals.
 */
function mostGrave<T extends { h: SignatureHits }>(told: readonly T[]): T[] {
  if (told.length <= MAX_SIGNATURE_FINDINGS) return [...told];
  const keep = new Set(told.map((x, i) => ({ x, i })).sort((a, b) => GRAVITY_RANK[gravityOf(a.x.h.sig)] - GRAVITY_RANK[gravityOf(b.x.h.sig)] || a.i - b.i).slice(0, MAX_SIGNATURE_FINDINGS).map((e) => e.x));
  return told.filter((x) => keep.has(x));
}

/** A crash this soon after a known failure in the same file is that failure's doing. */
const CONSEQUENCE_MS = 5_000;

/**
 * Is this crash the consequence of a decisive failure the same file logged just
 * before (Postgres's PANIC on a full disk, then "server process ... was
 * terminated by signal 6")? The cause's finding tells it; a second finding
 * would only repeat the incident under a vaguer name.
 */
function consequence(ctx: RuleContext, h: SignatureHits, first: number, all: readonly { h: SignatureHits; shown: number[] }[]): boolean {
  if (h.sig.family !== 'crash') return false;
  const t = ctx.table;
  return all.some(({ h: c, shown }) => c.sig.family !== 'crash' && c.sig.spec.decisive && t.file[shown[0]] === t.file[first] &&
    shown[0] < first && t.tMs[first] - t.tMs[shown[0]] <= CONSEQUENCE_MS);
}

export const failureSignature: Rule = {
  id: 'failure-signature',
  title: 'A line names a known failure',
  description: 'Lines that match a known failure signature (disk full, too many open files, connection refused, leader election lost, restart limit hit, and more): the failure, when it began, how long it went on, and the mechanisms it suggests ranked by the lines around it.',
  specificity: 0,
  run(ctx) {
    const t = ctx.table;
    const told = collect(ctx).map((h) => ({ h, runs: runsOf(ctx, h.rows) })).map(({ h, runs }) => ({ h, runs, shown: shownRun(h, runs) }));
    told.sort((a, b) => t.tMs[a.shown[0]] - t.tMs[b.shown[0]] || a.shown[0] - b.shown[0]);
    const chosen = mostGrave(told.filter((x) => !consequence(ctx, x.h, x.shown[0], told)));
    const windowOf = (shown: readonly number[]) => ({ start: t.tMs[shown[0]], end: Math.max(t.tMs[shown[0]], t.tMs[shown[shown.length - 1]]) });
    const allHypotheses = hypothesesOfAll(ctx, chosen.map(({ h, shown }) => {
      const { start, end } = windowOf(shown);
      return { h, from: start, to: end };
    }));
    return chosen.map(({ h, runs, shown }, k): Finding => {
      const first = shown[0];
      const last = shown[shown.length - 1];
      const { start, end } = windowOf(shown);
      const files = [...new Set(shown.map((r) => t.file[r]))];
      const hypotheses = allHypotheses[k];
      const facts: Fact[] = [
        { text: `${plural(shown.length, 'line')} in ${files.map((f) => sourceName(ctx, f)).join(', ')}, first at ${whenRow(ctx, first)}${shown.length > 1 ? `, last at ${whenRow(ctx, last, true)}${allUntimed(ctx, shown) ? '' : ` (${duration(end - start)} later)`}` : ''}: ${quote(failureText(ctx, first), 160)}.`, rows: shown.slice(0, 10) },
      ];
      if (runs.length > 1) {
        const all0 = t.tMs[h.rows[0]];
        const all1 = t.tMs[h.rows[h.rows.length - 1]];
        facts.push({ text: `The same failure comes back: ${plural(h.rows.length, 'line')} in ${runs.length} separate runs over ${duration(all1 - all0)}, from ${stamp(all0)} to ${stamp(all1)}; this finding covers ${shown === runs[0] ? 'the first' : 'the first sizeable'} run.`, rows: runs.filter((r) => r !== shown).map((r) => r[0]).slice(0, 10) });
      }
      const chronic = isChronic(ctx, h);
      const own = new Set(h.rows);
      const healed = h.sig.spec.decisive ? -1 : recoveryAfter(ctx, shown, (r) => own.has(r));
      const noise = noiseRow(ctx, h);
      if (noise >= 0) facts.push({ text: `The same file shows background noise beside it, first at ${whenRow(ctx, noise, true)}: ${quote(ctx.message(noise), 100)}.`, rows: [noise] });
      if (healed >= 0) facts.push(recoveryFact(ctx, healed));
      if (chronic) facts.push({ text: `It recurs in small runs over ${duration(t.tMs[h.rows[h.rows.length - 1]] - t.tMs[h.rows[0]])}, never more than ${MIN_QUIET_MATCHES - 1} at a time: a chronic condition rather than one incident.`, rows: [] });
      const count = shown.length < h.rows.length ? `${shown.length}×, ${h.rows.length}× in all` : `${shown.length}×`;
      return {
        rule: this.id,
        severity: chronic || healed >= 0 || noise >= 0 ? 'info' : 'warning',
        start,
        end,
        title: `${h.sig.spec.title}: ${quote(failureText(ctx, first), 70)}${h.rows.length > 1 ? ` (${count})` : ''}`,
        detail: [
          ...facts.map((f) => f.text),
          'What could explain it (the logs show the failure, not yet its cause):',
          ...hypothesisLines(hypotheses),
          `Check next: ${h.sig.spec.next}`,
        ].join('\n'),
        count: shown.length,
        confidence: Math.min(0.9, 0.5 + 0.05 * shown.length),
        evidence: evidence(ctx, [...shown.slice(0, 20), ...h.rows.slice(0, 20)]),
        family: h.sig.family,
        facts,
        hypotheses,
        data: { signature: h.sig.spec.id },
      };
    });
  },
};
