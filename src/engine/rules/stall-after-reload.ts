// stall-after-reload: a reload arrives while operations started by an earlier
// reload are still running, and then traffic stalls (a gap, a timeout burst,
// or both) until the operations drain. This is the Centauri incident: SIGHUP
// starts a dozen sequential certificate renewals; a second SIGHUP 30 s later;
// every request hangs until the renewals finish. Why is not measured: the
// finding weighs a held lock, a slow upstream and resource exhaustion by the
// evidence present (stall-evidence.ts). Fast reloads (operations already
// ended) and timeouts with no overlapping reload do not fire. Stays code:
// chaining a drain, a silence and failures across files has no data shape.

import type { Mark } from '../marks/types.ts';
import { SERIES_MAX_GAP_MS } from '../marks/operations.ts';
import type { Finding, Rule, RuleContext } from './types.ts';
import { evidence, isReload, marksOf, mostly, sourceName } from './helpers.ts';
import { clock, duration, plural, quote, stamp } from './text.ts';
import { hypothesisLines, stallFacts, stallHypotheses } from './stall-evidence.ts';

/** Only a reload this recent counts as "earlier": beyond half an hour the operations are another story. */
export const RELOAD_LOOKBACK_MS = 30 * 60_000;
/** Operations may be logged just before the reload line that started them (the handler logs last). */
export const OP_LEAD_MS = 2_000;
/** An operation with no end logged counts as still running if it was seen this recently (one slow step). */
export const OPEN_RECENT_MS = 60_000;
/** A silence may begin a few seconds before the reload: the last request logged before the lock was asked for. */
export const GAP_LEAD_MS = 5_000;
/** Effects may trail the drain: cancelled requests flush when the lock frees, and clients time out late. */
export const STALL_SLACK_MS = 2 * 60_000;
/** A gap or burst starting this soon after the previous one ends continues the same stall. */
export const CHAIN_MS = 30_000;

function runningAt(op: Mark, t: number): boolean {
  if (op.spanEnd === 'open') return t - (op.lastSeen ?? op.start) <= OPEN_RECENT_MS;
  return op.end > t;
}

/** The series the running operations belong to, from the earlier reload on, followed while it keeps going. */
function batchOf(ops: readonly Mark[], running: readonly Mark[], from: number): Mark[] {
  const out = new Set<Mark>(running);
  const families = new Set(running.map((r) => `${r.file}\u0000${r.family}`));
  for (const fam of families) {
    const series = ops.filter((o) => `${o.file}\u0000${o.family}` === fam && o.start >= from).sort((a, b) => a.start - b.start);
    let last: Mark | null = null;
    for (const o of series) {
      if (last && o.start - Math.max(last.end, last.lastSeen ?? last.end) > SERIES_MAX_GAP_MS) break;
      out.add(o);
      last = o;
    }
  }
  return [...out].sort((a, b) => a.start - b.start);
}

function stallAfter(effects: readonly Mark[], reloadAt: number, until: number): Mark[] {
  const picked: Mark[] = [];
  let end = until;
  for (const m of [...effects].sort((a, b) => a.start - b.start)) {
    if (m.start < reloadAt - GAP_LEAD_MS || m.end <= reloadAt) continue;
    const stallEnd = picked.length ? Math.max(...picked.map((p) => p.end)) : -Infinity;
    if (m.start <= end || m.start <= stallEnd + CHAIN_MS) {
      picked.push(m);
      end = Math.max(end, m.end);
    }
  }
  return picked;
}

function describeOps(ctx: RuleContext, batch: readonly Mark[]): string {
  const groups = new Map<string, Mark[]>();
  for (const o of batch) {
    const name = ctx.templates[ctx.table.template[o.events[0]]]?.pattern ?? o.label;
    const list = groups.get(name) ?? [];
    list.push(o);
    groups.set(name, list);
  }
  const parts: string[] = [];
  for (const [name, list] of groups) {
    const keys = [...new Set(list.map((o) => o.key).filter(Boolean))];
    const ends = new Set(list.map((o) => o.spanEnd));
    const how = ends.has('ended') || ends.has('failed') ? '' : ends.has('inferred') ? '; no completion logged, each ended by the next start' : '; no completion logged';
    parts.push(`${list.length} × ${quote(name, 80)} (${clock(list[0].start)}–${clock(Math.max(...list.map((o) => o.end)))}${keys.length ? `: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}` : ''}${how})`);
  }
  return parts.join('; ');
}

function describeEffect(ctx: RuleContext, m: Mark): string {
  const where = sourceName(ctx, m.file) + (m.logger ? `:${ctx.table.loggers[m.logger]}` : '');
  if (m.kind === 'gap') return `${where} went silent for ${duration(m.end - m.start)} (${clock(m.start)}–${clock(m.end)}; ${m.label.replace(/^silent for [^(]*\(/, '').replace(/\)$/, '')})`;
  return `${where} logged ${plural(m.count, m.kind === 'timeout-burst' ? 'timeout' : 'error')} in ${duration(Math.max(1000, m.end - m.start))} (${clock(m.start)}–${clock(m.end)}, mostly ${mostly(ctx, m.events)})`;
}

export const stallAfterReload: Rule = {
  id: 'stall-after-reload',
  title: 'Stall after a reload that overlapped long operations',
  description: 'A reload arrives while operations started by an earlier reload are still running, then traffic stalls (gap and/or timeout burst) until they drain; weighs a held lock, a slow upstream and resource exhaustion by the evidence present.',
  run(ctx) {
    const reloads = marksOf(ctx, 'signal').filter(isReload);
    const ops = marksOf(ctx, 'operation');
    const effects = marksOf(ctx, 'gap', 'timeout-burst', 'error-burst');
    const out: Finding[] = [];
    let coveredUntil = -Infinity;
    for (let i = 1; i < reloads.length; i++) {
      const r2 = reloads[i];
      const r1 = reloads[i - 1];
      if (r2.start <= coveredUntil || r2.start - r1.start > RELOAD_LOOKBACK_MS || r2.start === r1.start) continue;
      const running = ops.filter((o) => o.start >= r1.start - OP_LEAD_MS && o.start < r2.start && runningAt(o, r2.start));
      if (running.length === 0) continue;
      const batch = batchOf(ops, running, r1.start - OP_LEAD_MS);
      const drain = Math.max(r2.start, ...batch.map((o) => Math.max(o.end, o.lastSeen ?? o.end)));
      const stall = stallAfter(effects, r2.start, drain + STALL_SLACK_MS);
      if (stall.length === 0) continue;
      const end = Math.max(...stall.map((m) => m.end));
      coveredUntil = end;
      const gaps = stall.filter((m) => m.kind === 'gap');
      const bursts = stall.filter((m) => m.kind !== 'gap');
      const after = batch.filter((o) => o.start >= r2.start).length;
      const parts = { r1, r2, batch, stall, drain, end };
      const hypotheses = stallHypotheses(ctx, parts);
      const detail = [
        `${stamp(r1.start)}: reload ${quote(r1.label, 80)} (${sourceName(ctx, r1.file)}) started long operations.`,
        `${clock(r2.start)}: a second reload ${quote(r2.label, 80)} arrived ${duration(r2.start - r1.start)} later while ${plural(running.length, 'operation was', 'operations were')} still running${after ? ` (and ${after} more started after it)` : ''}: ${describeOps(ctx, batch)}.`,
        `Then activity stalled: ${stall.map((m) => describeEffect(ctx, m)).join('; ')}.`,
        `The operations drained by ${clock(drain)}; activity was back at ${clock(end)}, ${duration(end - r2.start)} after the second reload.`,
        'What could explain it, ranked by the evidence in these logs:',
        ...hypothesisLines(hypotheses),
      ].join('\n');
      const rows = [...r1.events.slice(0, 3), ...r2.events.slice(0, 3), ...batch.flatMap((o) => o.events.slice(0, 2)), ...gaps.flatMap((g) => g.events), ...bursts.flatMap((b) => b.events.slice(0, 5))];
      const confidence = Math.min(0.95, 0.55 + (gaps.length ? 0.15 : 0) + (bursts.length ? 0.15 : 0) + (running.some((o) => o.spanEnd !== 'ended') ? 0.05 : 0.1));
      out.push({
        rule: this.id,
        severity: 'critical',
        start: r2.start,
        end,
        title: `Stall after reload: a second reload arrived during ${plural(batch.length, 'long operation')}; traffic stalled ${duration(end - r2.start)}`,
        detail,
        count: batch.length,
        confidence,
        evidence: evidence(ctx, rows),
        family: 'stall-after-reload',
        facts: stallFacts(ctx, parts),
        hypotheses,
        data: { firstReload: r1.start, secondReload: r2.start, drain, operations: batch.map((o) => o.label), effects: stall.map((m) => m.kind) },
      });
    }
    return out;
  },
};
