// What the swimlanes draw besides raw events. Marks are computed in the
// worker from the event table and cross to the UI as plain objects (there are
// few of them: hundreds, not millions).

export type MarkKind = 'signal' | 'operation' | 'gap' | 'timeout-burst' | 'error-burst' | 'restart' | 'crash';

/**
 * How an operation span's end is known: 'ended' / 'failed' from an end line;
 * 'inferred' from the next start of a sequential series that never logs ends;
 * 'open' when nothing says when it ended — then `end` is the last time it was
 * seen (its start or last step) and the UI should draw it open to the right.
 */
export type SpanEnd = 'ended' | 'failed' | 'inferred' | 'open';

export interface Mark {
  kind: MarkKind;
  /** Epoch ms. Points have start === end. */
  start: number;
  end: number;
  label: string;
  /** File index and interned logger (0 = whole file) the mark belongs to. */
  file: number;
  logger: number;
  /** Table rows that make up the mark (starts, ends, members of a burst). */
  events: number[];
  /** Number of events the mark stands for (a burst may hold more than `events` lists). */
  count: number;
  /** Restarts: the file's first start with nothing dead before it (a start-up, not a restart). */
  startup?: boolean;
  /** Operations only. */
  spanEnd?: SpanEnd;
  /** Operations: the identifier the start carried (host, job name, id), '' when none. */
  key?: string;
  /** Operations: what kind of operation ("certificate", "backup", or the start's template). */
  family?: string;
  /** Operations: time of the last event seen for it (start, steps, end). */
  lastSeen?: number;
  /** Bursts: the source's usual rate of such events, per minute; gaps: its event rate next to the silence. */
  baselinePerMin?: number;
  /** Bursts: the rate inside the burst, per minute. */
  ratePerMin?: number;
  /** Gaps: events the source's rate next to the silence predicts for it. */
  expected?: number;
}

/** Row texts numbered so that rows with one number have the same text (rules/text-ids.ts makes them). */
export interface TextNumbers {
  id: Int32Array;
  count: number;
}
