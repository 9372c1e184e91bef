// What the swimlanes draw besides raw events. Marks are computed in the
// worker from the event table and cross to the UI as plain objects (there are
// few of them: hundreds, not millions).

export type MarkKind = 'signal' | 'operation' | 'gap' | 'timeout-burst' | 'error-burst' | 'restart' | 'crash';

/** How an operation span's end is known. */
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
  /** Operations only. */
  spanEnd?: SpanEnd;
}
