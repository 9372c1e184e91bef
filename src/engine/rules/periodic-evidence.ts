// Why a failure recurs, weighed by what the logs hold. The period and its
// spread are measured; the mechanism is not, so each candidate is ranked by
// the lines found for and against it in the loaded logs. A mechanism is
// "likely" only when its own evidence is present: a varying period alone
// makes the unread-pipe story possible, never likely, and a hung worker's
// WORKER TIMEOUT lines point at the worker instead. Figures the logs cannot
// give (how fast a pipe fills) are what-ifs, labelled as such.

import type { Fact, Hypothesis, RuleContext } from './types.ts';
import { likelihoodOf, rankHypotheses } from './data-rule.ts';
import { rowsMatching } from './scan.ts';
import { clock, duration, plural, quote } from './text.ts';

/** A request or worker that hung until a watchdog timed it out. */
const HUNG_WORKER = /WORKER TIMEOUT|worker\b.{0,40}\b(?:timed? ?out|hung|stuck|blocked)|\bhung task\b|blocked for more than|\bdeadlock/i;
/** A process alive but not answering: what a blocked write or a hang looks like from outside. */
const ALIVE_UNRESPONSIVE = /alive but|unresponsive|not responding|no response from|health ?check (?:failed|timed out)/i;
/** Words about the child's output channel itself. */
const PIPE_WORDS = /\b(?:pipe|stdout|stderr)\b|EAGAIN|write\(2\)|broken pipe/i;
/** Memory that grows until something gives (gunicorn's stock "Perhaps out of memory?" on every SIGKILL is not evidence). */
const MEMORY = /(?<!perhaps )out of memory|\bOOM\b|oom-kill|heap (?:limit|out of)|memory (?:limit|exhausted|usage)|cannot allocate memory/i;

export interface FreezeParts {
  /** The window the episodes cover (first start, last end). */
  start: number;
  end: number;
  /** Rows of the episodes (the failures and restarts). */
  episodeRows: readonly number[];
  fixed: boolean;
  medianMs: number;
  /** "proxy.log went silent around 7 of 7 episodes" facts (rows of the silences). */
  silences: readonly Fact[];
  /** The episodes are crashes (the process died), not health failures or timeouts. */
  crashes?: boolean;
}

function found(ctx: RuleContext, rows: readonly number[], what: string): Fact[] {
  if (rows.length === 0) return [];
  return [{ text: `${plural(rows.length, 'line')}${rows.length >= 5 ? '+' : ''} ${what}, first at ${clock(ctx.table.tMs[rows[0]])}.`, rows: [...rows] }];
}

export function freezeHypotheses(ctx: RuleContext, p: FreezeParts): { hypotheses: Hypothesis[]; whatIf: string[] } {
  // The three searches share their window: one walk of it.
  const [hungRows, pipeRows, memoryRows] = rowsMatching(ctx, p.start - 10 * 60_000, p.end, [HUNG_WORKER, PIPE_WORDS, MEMORY], 5);
  const hung = found(ctx, hungRows, 'name a worker or request that hung until it was timed out (e.g. "WORKER TIMEOUT")');
  const alive = found(ctx, p.episodeRows.filter((r) => ALIVE_UNRESPONSIVE.test(ctx.peek(r))).slice(0, 5), 'say the process was alive but not answering');
  const pipe = found(ctx, pipeRows, 'mention a pipe, stdout or stderr');
  const memory = found(ctx, memoryRows, 'report memory running out');
  const period: Fact = p.fixed
    ? { text: `The period is fixed: every interval within 10% of ${duration(p.medianMs)}.`, rows: [] }
    : { text: `The period varies around ${duration(p.medianMs)} (beyond 10%), as a rate that depends on traffic would.`, rows: [] };

  // A process that died is not one that froze: a blocked write leaves it alive until something kills it.
  const died: Fact[] = p.crashes && hung.length === 0 && alive.length === 0
    ? [{ text: `The episodes are crashes (the process died: ${quote(ctx.peek(p.episodeRows[0]), 90)}), not freezes of a live process.`, rows: p.episodeRows.slice(0, 3) }]
    : [];
  // The pipe story needs its own evidence (the process went silent while alive, or pipe words); a varying period alone only allows it.
  const pipeOwn = [...p.silences, ...pipe, ...(hung.length ? [] : alive)];
  const pipeSupports = p.fixed ? pipeOwn : pipeOwn.length ? [period, ...pipeOwn] : [];
  const pipeAgainst = [...(p.fixed ? [period] : []), ...hung, ...died];
  const pipeLikelihood = pipeSupports.length ? likelihoodOf(pipeSupports.length, pipeAgainst.length) : pipeAgainst.length ? 'unlikely' : p.fixed ? 'unlikely' : 'possible';
  const hypotheses = rankHypotheses([
    {
      id: 'output-blocked',
      statement: 'The process blocks on its own output: a pipe or log buffer that nobody drains fills up (a supervisor that pipes the child\'s stdout/stderr and never reads them), the next write blocks, and the process freezes while still alive until it is restarted, which empties the pipe.',
      likelihood: pipeLikelihood,
      supports: pipeSupports,
      against: pipeAgainst,
      check: 'Whether the supervisor reads (or redirects to a file or /dev/null) the child\'s stdout and stderr; during a freeze, the child\'s stack (blocked in write(2)) and the pipe\'s fill level (/proc/PID/fdinfo, or `ss`/`lsof` on the pipe).',
    },
    {
      id: 'hung-worker',
      statement: 'A worker or request hangs (a slow or stuck call: a database, an upstream, a lock) until a watchdog times it out and replaces it; the period follows the traffic that reaches the slow call.',
      likelihood: likelihoodOf(hung.length, 0),
      supports: hung,
      against: [],
      check: 'A stack dump of a hung worker before it is killed (py-spy dump, jstack, SIGQUIT for Go), the slow calls in the requests just before each episode, and the timeout configured for the worker.',
    },
    {
      id: 'scheduled-job',
      statement: 'Something scheduled runs at a fixed period (a cron job, a timer, a cache or token expiry, a compaction) and stalls the process while it runs.',
      likelihood: p.fixed ? 'likely' : 'unlikely',
      supports: p.fixed ? [period] : [],
      against: p.fixed ? [] : [period],
      check: `What is scheduled every ${duration(p.medianMs)}: crontab, systemd timers, TTLs and intervals in the configuration.`,
    },
    ...(died.length
      ? [
          {
            id: 'recurring-fault',
            statement: 'The process crashes on a fault that traffic reaches now and then (a native-code bug, bad input, an unhandled error); the period is the rate at which that path is hit, not a mechanism of its own.',
            likelihood: likelihoodOf(died.length, 0),
            supports: died,
            against: [],
            check: 'The core dump or the stack of one crash, and the requests each crash was serving: the same endpoint or input points at the fault.',
          } satisfies Hypothesis,
        ]
      : []),
    {
      id: 'resource-growth',
      statement: 'Memory (or another resource: connections, file descriptors, a queue) grows with traffic until the process stops answering.',
      likelihood: likelihoodOf(memory.length, 0),
      supports: memory,
      against: [],
      check: 'Memory, open file descriptors and pool or queue sizes of the process over a few cycles: a sawtooth that resets at each restart confirms it.',
    },
  ]);
  const pipeStory = hypotheses.find((h) => h.id === 'output-blocked');
  const whatIf = pipeStory && pipeStory.likelihood !== 'unlikely' && !p.fixed
    ? [`What-if, not measured: a child writing about ${Math.round((64 * 1024) / (p.medianMs / 1000))} B/s to an unread 64 KiB pipe (about ${Math.round((16 * 1024) / (p.medianMs / 1000))} B/s for a 16 KiB one) would fill it in ${duration(p.medianMs)}. Compare with the child's real output rate.`]
    : [];
  return { hypotheses, whatIf };
}
