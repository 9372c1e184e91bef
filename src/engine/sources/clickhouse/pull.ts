// The three pushdown steps against one window, in the order a user sees them:
// density (lanes drawn before any line is fetched), then the vocabulary's
// classes and the candidate events (findings without the raw stream), and on
// demand the raw lines of a zoomed range. Each step is one read-only query
// with its own time and row limit; a failed step throws ClickHouseError and
// leaves what earlier steps returned with the caller.

import type { VocabularyEntry } from '../../classify/vocabulary.ts';
import { queryAll, queryRows, DEFAULT_TIMEOUT_S, type Connection, type QueryProgress } from './client.ts';
import { candidatesQuery, classesQuery, densityQuery, rawQuery, type BuiltQuery, type PullWindow } from './queries.ts';
import { narrowRow, SourceFiles } from './rows.ts';
import { bytesSource } from '../../ingest/byte-source.ts';
import type { SessionSource } from '../../session/session.ts';

export interface DensityBucket {
  source: string;
  /** Bucket start, epoch ms. */
  bucket: number;
  /** Rows in the bucket, of which `errors` are errors and `warnings` warnings (by severity). */
  n: number;
  errors: number;
  warnings: number;
}

export interface Density {
  bucketMs: number;
  buckets: DensityBucket[];
  /** Rows in the window, by the server's count. */
  total: number;
}

export interface ClassSummary {
  /** Vocabulary kind (`timeout`, `op-end:failed`…) or `error` for error-severity rows. */
  class: string;
  source: string;
  n: number;
  first: number;
  last: number;
  samples: string[];
}

export interface PulledFile {
  name: string;
  text: string;
}

export interface PullStats {
  queries: number;
  /** Rows the server returned over all steps (what "fetched" means). */
  rowsReturned: number;
  bytes: number;
}

export type PullStep = 'density' | 'classes' | 'events' | 'raw';

export interface PullOptions {
  signal?: AbortSignal;
  vocabulary?: readonly VocabularyEntry[];
  /** Seconds per query (max_execution_time). */
  timeoutS?: number;
  /** Candidate events at most (explicit LIMIT). */
  eventLimit?: number;
  onProgress?: (step: PullStep, p: QueryProgress) => void;
  onDensity?: (d: Density) => void;
  onClasses?: (c: ClassSummary[]) => void;
  /**
   * Ask for the per-class summary (counts, first and last time, samples) too
   * (default true: the CLI's manifest carries it). The findings need only the
   * candidate events, which the server selects with the same vocabulary test,
   * so the app skips this second scan of the window.
   */
  classes?: boolean;
  fetch?: typeof fetch;
}

export interface PullResult {
  density: Density;
  classes: ClassSummary[];
  /** Candidate events, one JSON-lines file per source. */
  files: PulledFile[];
  events: number;
  /** The event LIMIT was reached: later events are missing. */
  truncated: boolean;
  stats: PullStats;
  /** The SQL sent, for the provenance manifest. */
  queries: string[];
}

export const DEFAULT_EVENT_LIMIT = 200_000;
export const DEFAULT_RAW_LIMIT = 500_000;
/** About one bucket per timeline pixel column at a common width. */
const TARGET_BUCKETS = 600;
const NICE_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

export function bucketFor(spanMs: number): number {
  const want = spanMs / TARGET_BUCKETS;
  return NICE_MS.find((b) => b >= want) ?? NICE_MS[NICE_MS.length - 1];
}

function num(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

class Runner {
  readonly stats: PullStats = { queries: 0, rowsReturned: 0, bytes: 0 };
  readonly queries: string[] = [];
  constructor(private readonly conn: Connection, private readonly o: PullOptions) {}

  private options(step: PullStep, q: BuiltQuery) {
    this.stats.queries++;
    this.queries.push(q.sql);
    let lastBytes = 0;
    return {
      limits: { maxExecutionTime: this.o.timeoutS ?? DEFAULT_TIMEOUT_S, maxRows: q.maxRows },
      signal: this.o.signal,
      fetch: this.o.fetch,
      onProgress: (p: QueryProgress) => {
        this.stats.bytes += p.bytes - lastBytes;
        lastBytes = p.bytes;
        this.o.onProgress?.(step, p);
      },
    };
  }

  async all(step: PullStep, q: BuiltQuery): Promise<Record<string, unknown>[]> {
    const rows = await queryAll(this.conn, q.sql, this.options(step, q));
    this.stats.rowsReturned += rows.length;
    return rows;
  }

  async each(step: PullStep, q: BuiltQuery, onRow: (r: Record<string, unknown>) => void): Promise<number> {
    const n = await queryRows(this.conn, q.sql, onRow, this.options(step, q));
    this.stats.rowsReturned += n;
    return n;
  }
}

async function pullDensity(run: Runner, w: PullWindow): Promise<Density> {
  const bucketMs = bucketFor(w.toMs - w.fromMs);
  const rows = await run.all('density', densityQuery(w, bucketMs));
  const buckets = rows.map((r): DensityBucket => ({
    source: String(r.source ?? ''), bucket: num(r.bucket), n: num(r.n), errors: num(r.errors), warnings: num(r.warnings),
  }));
  return { bucketMs, buckets, total: buckets.reduce((s, b) => s + b.n, 0) };
}

/** Steps 1 and 2: density, classes, candidate events. */
export async function pullIncident(conn: Connection, w: PullWindow, o: PullOptions = {}): Promise<PullResult> {
  const run = new Runner(conn, o);
  const density = await pullDensity(run, w);
  o.onDensity?.(density);
  const classRows = o.classes === false ? [] : await run.all('classes', classesQuery(w, o.vocabulary));
  const classes = classRows.map((r): ClassSummary => ({
    class: String(r.class ?? ''), source: String(r.source ?? ''), n: num(r.n), first: num(r.first), last: num(r.last),
    samples: Array.isArray(r.samples) ? r.samples.map(String) : [],
  }));
  o.onClasses?.(classes);
  const limit = o.eventLimit ?? DEFAULT_EVENT_LIMIT;
  const files = new SourceFiles();
  const events = await run.each('events', candidatesQuery(w, limit, o.vocabulary), (r) => files.add(narrowRow(r)));
  return { density, classes, files: files.files(), events, truncated: events >= limit, stats: run.stats, queries: run.queries };
}

export interface RangeResult {
  files: PulledFile[];
  rows: number;
  truncated: boolean;
  stats: PullStats;
  queries: string[];
}

/** Step 3: every line of [fromMs, toMs), streamed in time order; `onRows` hears the count as rows arrive. */
export async function pullRange(conn: Connection, w: PullWindow, fromMs: number, toMs: number, o: PullOptions & { limit?: number } = {}): Promise<RangeResult> {
  const run = new Runner(conn, o);
  const limit = o.limit ?? DEFAULT_RAW_LIMIT;
  const files = new SourceFiles();
  const rows = await run.each('raw', rawQuery(w, fromMs, toMs, limit), (r) => files.add(narrowRow(r)));
  return { files: files.files(), rows, truncated: rows >= limit, stats: run.stats, queries: run.queries };
}

/** Pulled files as session sources: the same ingest as dropped files. */
export function pulledSources(files: readonly PulledFile[]): SessionSource[] {
  return files.map((f) => bytesSource(f.name, f.text));
}

/** The epoch ms of a pulled JSON line (toJsonLine writes `time` first). */
function lineMs(line: string): number {
  const m = /^\{"time":"([^"]+)"/.exec(line);
  return m ? Date.parse(m[1]) : NaN;
}

/**
 * The candidate events with the raw lines of one zoomed range put in: inside
 * [fromMs, toMs) every line the server holds, outside it the candidates as
 * before, so the findings elsewhere keep their evidence. Per source, in time order.
 */
export function mergeRange(base: readonly PulledFile[], range: readonly PulledFile[], fromMs: number, toMs: number): PulledFile[] {
  const lines = (f: PulledFile | undefined) => (f ? f.text.split('\n').filter(Boolean) : []);
  const names = [...new Set([...base.map((f) => f.name), ...range.map((f) => f.name)])].sort();
  return names.map((name) => {
    const before: string[] = [];
    const after: string[] = [];
    for (const l of lines(base.find((f) => f.name === name))) {
      const t = lineMs(l);
      if (t < fromMs) before.push(l);
      else if (t >= toMs) after.push(l);
    }
    const all = [...before, ...lines(range.find((f) => f.name === name)), ...after];
    return { name, text: all.join('\n') + '\n' };
  });
}
