// What the logs say about why a stall after a reload happened. The stall is
// measured (reloads, operations, the silence and the failures, each with its
// lines); the mechanism is not, so three hypotheses are weighed by what is
// present: a lock held across the long operations, where the second reload's
// writer waits and blocks every new reader (Go's sync.RWMutex behaves so, and
// so do other writer-preferring locks); a slow upstream making both the
// operations and the requests slow; and resource exhaustion. Each says what
// supports it, what argues against it, and which check tells them apart.

import type { Mark } from '../marks/types.ts';
import { Kind } from '../model/kinds.ts';
import type { Fact, Hypothesis, RuleContext } from './types.ts';
import { likelihoodOf, rankHypotheses } from './data-rule.ts';
import { vocabularyTest } from './detectors/vocabulary-classes.ts';
import { clock, duration, median, plural } from './text.ts';
import { rowsInWindow } from './helpers.ts';

export interface StallParts {
  r1: Mark;
  r2: Mark;
  batch: Mark[];
  stall: Mark[];
  drain: number;
  end: number;
}

/** Traffic: any line that is not an operation step or a reload, and not a failure. */
function isTraffic(ctx: RuleContext, row: number): boolean {
  const k = ctx.table.kind[row];
  return k === Kind.plain && ctx.table.level[row] < 5;
}

/** Rows strictly between `from` and `to` that pass `test`. */
function rowsIn(ctx: RuleContext, from: number, to: number, test: (row: number) => boolean, cap = 20): number[] {
  const t = ctx.table.tMs;
  return rowsInWindow(ctx, from, to, (row) => t[row] > from && t[row] < to && test(row), cap);
}

const isFailure = (ctx: RuleContext, row: number) => ctx.table.kind[row] === Kind.timeout || ctx.table.level[row] >= 5;

/** The longest stretch with no line at all in the stall's files, from the drain's last start to the first failure. */
function longestSilence(ctx: RuleContext, p: StallParts): { from: number; to: number; rows: number[] } | null {
  const t = ctx.table;
  const files = new Set([p.r2.file, ...p.stall.map((m) => m.file)]);
  let best: { from: number; to: number; rows: number[] } | null = null;
  for (const f of files) {
    const rows = ctx.sources.rows[f];
    for (let k = 0; k + 1 < rows.length; k++) {
      const a = t.tMs[rows[k]];
      const b = t.tMs[rows[k + 1]];
      if (a < p.r2.start || a > p.end) continue;
      if (!best || b - a > best.to - best.from) best = { from: a, to: b, rows: [rows[k], rows[k + 1]] };
    }
  }
  return best;
}

export function stallFacts(ctx: RuleContext, p: StallParts): Fact[] {
  const facts: Fact[] = [];
  facts.push({ text: `First reload at ${clock(p.r1.start)}; second reload at ${clock(p.r2.start)}, ${duration(p.r2.start - p.r1.start)} later.`, rows: [p.r1.events[0], p.r2.events[0]] });
  const starts = p.batch.map((o) => o.start);
  const steps = starts.slice(1).map((s, i) => s - starts[i]);
  facts.push({
    text: `${plural(p.batch.length, 'operation')} from ${clock(starts[0])} to ${clock(Math.max(...p.batch.map((o) => Math.max(o.end, o.lastSeen ?? o.end))))}${steps.length ? `, one after another, ~${duration(median(steps))} apart (median of ${plural(steps.length, 'interval')} between their starts)` : ''}.`,
    rows: p.batch.map((o) => o.events[0]),
  });
  const silence = longestSilence(ctx, p);
  if (silence && silence.to - silence.from >= 10_000) facts.push({ text: `No line at all for ${duration(silence.to - silence.from)}, ${clock(silence.from)} to ${clock(silence.to)}.`, rows: silence.rows });
  for (const m of p.stall) {
    if (m.kind === 'gap') facts.push({ text: `${ctx.files[m.file]?.name ?? 'a file'} went silent ${clock(m.start)}–${clock(m.end)} (${duration(m.end - m.start)}; ${m.label}).`, rows: m.events });
    else facts.push({ text: `${plural(m.count, m.kind === 'timeout-burst' ? 'timeout' : 'error')} ${clock(m.start)}–${clock(m.end)}, the last ${duration(m.end - p.drain)} after the last operation started.`, rows: m.events.slice(0, 10) });
  }
  return facts;
}

export function stallHypotheses(ctx: RuleContext, p: StallParts): Hypothesis[] {
  const before = rowsIn(ctx, p.r1.start, p.r2.start, (r) => isFailure(ctx, r));
  const served = rowsIn(ctx, p.r1.start, p.r2.start, (r) => isTraffic(ctx, r));
  const firstFailure = p.stall.find((m) => m.kind !== 'gap')?.events[0];
  const completed = vocabularyTest('completed');
  const done = completed ? rowsIn(ctx, p.r2.start, p.end + 60_000, (r) => notTimeout(ctx, r) && completed(ctx.message(r)) && ctx.table.kind[r] !== Kind.opStart) : [];
  const doneEarly = done.filter((r) => ctx.table.tMs[r] < p.drain - 5_000);
  const doneLate = done.filter((r) => ctx.table.tMs[r] >= p.drain - 5_000);
  const oom = vocabularyTest('oom');
  const resource = oom ? rowsIn(ctx, p.r1.start, p.end, (r) => oom(ctx.message(r))) : [];

  const onlyAfter: Fact[] = before.length === 0 && firstFailure !== undefined
    ? [{ text: `No failure was logged while only the first reload's operations ran (${clock(p.r1.start)}–${clock(p.r2.start)}); failures came only after the second reload.`, rows: [p.r1.events[0], p.r2.events[0], firstFailure] }]
    : [];
  const servedFact: Fact[] = served.length ? [{ text: `${plural(served.length, 'ordinary line')}${served.length >= 20 ? '+' : ''} (traffic) logged normally between the two reloads, while the operations were already running.`, rows: served.slice(0, 5) }] : [];
  const beforeFact: Fact[] = before.length ? [{ text: `${plural(before.length, 'failure')} already between the two reloads, first at ${clock(ctx.table.tMs[before[0]])}: the trouble began before the second reload.`, rows: before.slice(0, 5) }] : [];
  const lateFact: Fact[] = doneLate.length ? [{ text: `A completion was logged only at ${clock(ctx.table.tMs[doneLate[0]])}, after the operations drained: the reload waited for them.`, rows: doneLate.slice(0, 3) }] : [];
  const earlyFact: Fact[] = doneEarly.length ? [{ text: `A completion was logged at ${clock(ctx.table.tMs[doneEarly[0]])}, before the operations drained: the second reload did not wait for them.`, rows: doneEarly.slice(0, 3) }] : [];
  const resourceFact: Fact[] = resource.length ? [{ text: `${plural(resource.length, 'out-of-memory line')} during the stall, first at ${clock(ctx.table.tMs[resource[0]])}.`, rows: resource.slice(0, 5) }] : [];

  const lock = { supports: [...onlyAfter, ...servedFact, ...lateFact], against: [...beforeFact, ...earlyFact] };
  const upstream = { supports: beforeFact, against: servedFact };
  const exhaustion = { supports: resourceFact, against: [] as Fact[] };
  return rankHypotheses([
    {
      id: 'lock-held-across-operations',
      statement: 'A lock is held across the long operations: the second reload asks for it exclusively (the write side) and waits, and a waiting writer blocks every new reader, so each request queues behind the reload until the operations finish. Go\'s sync.RWMutex behaves this way (to avoid writer starvation), as do other writer-preferring locks.',
      likelihood: likelihoodOf(lock.supports.length, lock.against.length),
      ...lock,
      check: 'A goroutine or thread dump taken during a stall: request handlers blocked acquiring the read side (sync.(*RWMutex).RLock) behind a reload blocked in Lock. In code: slow I/O (ACME/HTTP calls, disk, DNS) done while holding the lock; move it outside the lock, or let the reload skip or cancel work in flight. Reproduce with two reloads during long renewals.',
    },
    {
      id: 'upstream-slow',
      statement: 'An upstream or dependency was slow: it made the operations slow and the requests time out, whatever the reloads did.',
      likelihood: likelihoodOf(upstream.supports.length, upstream.against.length),
      ...upstream,
      check: 'The upstream\'s latency and error metrics over the window, and whether requests that do not go through the reload\'s lock (a static route, the health endpoint) also stalled.',
    },
    {
      id: 'resource-exhaustion',
      statement: 'The process ran out of a resource (CPU, memory, file descriptors, a connection pool) while the operations ran, and requests waited for it.',
      likelihood: likelihoodOf(exhaustion.supports.length, exhaustion.against.length),
      ...exhaustion,
      check: 'CPU, memory, open file descriptors and pool usage of the process over the window: a lock stall leaves them flat (everything waits), exhaustion pins one of them.',
    },
  ]);
}

function notTimeout(ctx: RuleContext, row: number): boolean {
  return ctx.table.kind[row] !== Kind.timeout;
}

const WORD: Record<Hypothesis['likelihood'], string> = { likely: 'likely', possible: 'possible', open: 'open (the logs cannot tell)', unlikely: 'unlikely' };

/** Detail lines for hypotheses: the statement, its standing, and the check that would settle it. */
export function hypothesisLines(list: readonly Hypothesis[]): string[] {
  return list.map((h, i) => `${i + 1}. [${WORD[h.likelihood]}] ${h.statement}${h.supports.length ? ` Supports: ${h.supports.map((f) => f.text).join(' ')}` : ''}${h.against.length ? ` Against: ${h.against.map((f) => f.text).join(' ')}` : ''} Check: ${h.check}`);
}
