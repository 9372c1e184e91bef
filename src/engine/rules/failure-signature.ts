// failure-signature: a line that names a known failure (src/engine/knowledge/
// signatures: disk full, too many open files, connection refused, leader
// election lost, restart limit hit...). Short excerpts pasted into an issue
// often hold nothing else: one such line is the incident. The finding quotes
// the lines, says when they started and how long they went on, and ranks the
// signature's hypotheses by the lines found in the window that support each.
// It gives way to the incident rules that explain the same minutes.

import { builtinSignatures } from '../knowledge/index.ts';
import type { Signature } from '../knowledge/load-signatures.ts';
import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import type { Fact, Finding, Hypothesis, Rule, RuleContext } from './types.ts';
import { evidence, rowsInWindow, sourceName } from './helpers.ts';
import { rankHypotheses } from './data-rule.ts';
import { hypothesisLines } from './stall-evidence.ts';
import { clock, duration, plural, quote, stamp } from './text.ts';

/** At most this many signatures become findings: the first ones to appear tell the story. */
export const MAX_SIGNATURE_FINDINGS = 3;
/** A signature that is not decisive needs this many lines for a warning: one timeout or refused connection is routine, a run of them is not. */
export const MIN_QUIET_MATCHES = 3;
/** Bursts this big are the burst rules' story (rate against the baseline); smaller ones, as in a pasted excerpt, are told by their signature. */
export const BURST_RULE_MIN = 8;
/** Supporting lines for a hypothesis are looked for this far around the matches. */
const AROUND_MS = 60_000;
/** A message is tested once; the memo stops growing past this many distinct texts. */
const MEMO_MAX = 50_000;

interface Hits {
  sig: Signature;
  rows: number[];
}

/** Rows worth testing: warnings and worse, classified events, and lines with no level (journald, kubectl events, pasted text). */
function candidate(ctx: RuleContext, row: number): boolean {
  const lv = ctx.table.level[row];
  return lv >= Level.warn || lv === Level.none || ctx.table.kind[row] !== Kind.plain;
}

function collect(ctx: RuleContext): Hits[] {
  const sigs = builtinSignatures();
  const memo = new Map<string, number>();
  const byTemplate = new Map<number, number>();
  const hits = new Map<number, Hits>();
  const t = ctx.table;
  const find = (text: string) => sigs.findIndex((s) => s.re.test(text));
  for (let row = 0; row < t.length; row++) {
    let i: number | undefined;
    if (candidate(ctx, row)) {
      const text = ctx.peek(row);
      i = memo.get(text);
      if (i === undefined) {
        i = find(text);
        if (memo.size < MEMO_MAX) memo.set(text, i);
      }
    } else {
      // Routine lines (info and below) are many: their template is tested once, so a signature logged at info is still seen.
      const tpl = t.template[row];
      i = byTemplate.get(tpl);
      if (i === undefined) byTemplate.set(tpl, (i = find(ctx.templates[tpl]?.pattern ?? '')));
    }
    if (i < 0) continue;
    let h = hits.get(i);
    if (!h) hits.set(i, (h = { sig: sigs[i], rows: [] }));
    h.rows.push(row);
  }
  // Lines already inside a burst are that burst rule's story (it measures the rate against the baseline); decisive lines are not.
  const bursts = ctx.marks.filter((m) => (m.kind === 'error-burst' || m.kind === 'timeout-burst') && m.count >= BURST_RULE_MIN);
  const inBurst = (row: number) => bursts.some((m) => m.file === t.file[row] && t.tMs[row] >= m.start && t.tMs[row] <= m.end);
  return [...hits.values()].filter((h) => (h.sig.spec.decisive || h.rows.length >= MIN_QUIET_MATCHES) && (h.sig.spec.decisive || h.rows.filter(inBurst).length * 2 < h.rows.length));
}

function hypothesesOf(ctx: RuleContext, h: Hits, from: number, to: number): Hypothesis[] {
  // The failure lines themselves are not evidence for their own cause.
  const own = new Set(h.rows);
  return rankHypotheses(h.sig.hypotheses.map(({ spec, supports }) => {
    const found = supports ? rowsInWindow(ctx, from - AROUND_MS, to + AROUND_MS, (row) => !own.has(row) && supports.test(ctx.peek(row)), 5) : [];
    const facts: Fact[] = found.length ? [{ text: `${plural(found.length, 'line')}${found.length >= 5 ? '+' : ''} in the minute around it support this, first ${quote(ctx.message(found[0]), 100)}.`, rows: found }] : [];
    return { id: spec.id, statement: spec.statement, likelihood: found.length ? 'possible' : 'open', supports: facts, against: [], check: spec.check };
  }));
}

export const failureSignature: Rule = {
  id: 'failure-signature',
  title: 'A line names a known failure',
  description: 'Lines that match a known failure signature (disk full, too many open files, connection refused, leader election lost, restart limit hit, and more): the failure, when it began, how long it went on, and the mechanisms it suggests ranked by the lines around it.',
  specificity: 0,
  run(ctx) {
    const t = ctx.table;
    const hits = collect(ctx).sort((a, b) => t.tMs[a.rows[0]] - t.tMs[b.rows[0]] || a.rows[0] - b.rows[0]).slice(0, MAX_SIGNATURE_FINDINGS);
    return hits.map((h): Finding => {
      const first = h.rows[0];
      const last = h.rows[h.rows.length - 1];
      const start = t.tMs[first];
      const end = Math.max(start, t.tMs[last]);
      const files = [...new Set(h.rows.map((r) => t.file[r]))];
      const hypotheses = hypothesesOf(ctx, h, start, end);
      const facts: Fact[] = [
        { text: `${plural(h.rows.length, 'line')} in ${files.map((f) => sourceName(ctx, f)).join(', ')}, first at ${stamp(start)}${h.rows.length > 1 ? `, last at ${clock(end)} (${duration(end - start)} later)` : ''}: ${quote(ctx.message(first), 160)}.`, rows: h.rows.slice(0, 10) },
      ];
      return {
        rule: this.id,
        severity: 'warning',
        start,
        end,
        title: `${h.sig.spec.title}: ${quote(ctx.message(first), 70)}${h.rows.length > 1 ? ` (${h.rows.length}×)` : ''}`,
        detail: [
          ...facts.map((f) => f.text),
          'What could explain it (the logs show the failure, not yet its cause):',
          ...hypothesisLines(hypotheses),
          `Check next: ${h.sig.spec.next}`,
        ].join('\n'),
        count: h.rows.length,
        confidence: Math.min(0.9, 0.5 + 0.05 * h.rows.length),
        evidence: evidence(ctx, h.rows.slice(0, 20)),
        family: h.sig.family,
        facts,
        hypotheses,
        data: { signature: h.sig.spec.id },
      };
    });
  },
};
