// Parallel ingest: a big JSON-lines or logfmt file is cut at byte
// offsets into slices that several workers parse at once (slice-ingest.ts);
// the slices are merged back in file order (parallel-merge.ts) into the same
// table one reader would make. Everything else — small files, gzip, UTF-16,
// formats with multi-line records — is read whole by the usual driver. The
// thread plumbing is not here: a SliceRunner (Web Workers in src/worker,
// worker_threads in src/cli) runs the tasks; `inProcessRunner` runs them on
// this thread, for tests and as the fallback.

import { detectFormat, formatById } from '../formats/index.ts';
import type { ByteSource } from './byte-source.ts';
import { iterate } from './byte-source.ts';
import { countInferred, newFileStats, type FileStats } from './file-stats.ts';
import {
  DEFAULT_MESSAGE_BUDGET,
  DETECT_LINES,
  fileNow,
  fileYear,
  fileDayOf,
  finishIngest,
  ingestFile,
  IngestCancelled,
  LoadReporter,
  newSinks,
  type IngestOptions,
  type IngestResult,
} from './ingest.ts';
import { LineSplitter } from './line-splitter.ts';
import { reserveRows, rollBackRows } from './sink-rows.ts';
import { MessageNumbering } from './message-numbers.ts';
import { openText } from './open-text.ts';
import { FileMerge } from './parallel-merge.ts';
import { withReferenceDate } from './reference-date.ts';
import { checkDayFit, type PlacedFile } from './day-fit.ts';
import { ingestSlice, SLICEABLE_FORMATS, sliceReadFrom, type SliceResult, type SliceTask } from './slice-ingest.ts';
import { learnZoneOffset } from './zone-learn.ts';

/** Runs slice tasks somewhere (worker pool, threads, this thread). */
export interface SliceRunner {
  /** Slices it runs at once. */
  readonly concurrency: number;
  run(task: SliceTask, onBytes?: (bytes: number) => void): Promise<SliceResult>;
  /** Stop running and queued slices (their promises reject). */
  cancel?(): void;
}

export interface ParallelOptions extends IngestOptions {
  /** Files at least this big are split (default 16 MB). */
  sliceMinBytes?: number;
  /** Bytes per slice (default: file size / (3 x workers), between 8 and 64 MB). */
  sliceBytes?: number;
  /**
   * Called once, when the first slice of a split file is merged and more are still being parsed by the
   * workers: work that would otherwise wait for the load (the analysis's scanners) can be done meanwhile.
   */
  whileSlicing?: () => void;
}

export const SLICE_MIN_BYTES = 16 << 20;
const SLICE_TARGET_MIN = 8 << 20;
const SLICE_TARGET_MAX = 64 << 20;
/** The first slice of a big file is at most this big: its rows are the first partial timeline. */
const FIRST_SLICE_BYTES = 4 << 20;
/** How often a wait for a slice checks for cancellation. */
const CANCEL_POLL_MS = 50;

interface SlicedPlan {
  tasks: SliceTask[];
  results: Promise<SliceResult>[];
  formatId: string;
  /** The zone the file's first lines show for its zone-less times (zone-learn.ts), null when none. */
  zoneLearnedMin: number | null;
}

/** Bookkeeping of one slice run: which worker slot it holds. */
type Exec = (task: SliceTask, slot: number, onBytes?: (bytes: number) => void) => Promise<SliceResult>;

/**
 * A SliceRunner that runs at most `concurrency` tasks at a time, first come
 * first served, each on a free slot (a worker index for pools). With `depth`
 * > 1 each slot is handed up to that many tasks at once, for workers that run
 * them one after another: a worker then starts its next slice as soon as it
 * sends one back, instead of waiting for the merging thread to hand it out
 * (busy merging or sorting a partial table, it answered up to a second late).
 */
export function queueRunner(concurrency: number, exec: Exec, cancel?: () => void, depth = 1): SliceRunner {
  // Popped from the end: every slot's first task before any slot's second.
  const free: number[] = Array.from({ length: concurrency * depth }, (_, i) => (concurrency * depth - 1 - i) % concurrency);
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<number> => {
    while (free.length === 0) await new Promise<void>((res) => waiting.push(res));
    return free.pop() as number;
  };
  const release = (slot: number) => {
    free.push(slot);
    waiting.shift()?.();
  };
  return {
    concurrency,
    async run(task, onBytes) {
      const slot = await acquire();
      try {
        return await exec(task, slot, onBytes);
      } finally {
        release(slot);
      }
    },
    cancel,
  };
}

interface Sliceable {
  formatId: string;
  bom: number;
  zoneLearnedMin: number | null;
}

/**
 * Decide whether a file is split: big enough, readable by range, plain UTF-8
 * (not gzip), and a format whose lines stand alone. Returns the format id or null.
 */
async function sliceableFormat(src: ByteSource, fi: number, options: ParallelOptions): Promise<Sliceable | null> {
  if (!src.streamFrom || src.size < (options.sliceMinBytes ?? SLICE_MIN_BYTES)) return null;
  const opened = await openText(src);
  try {
    if (opened.gzip || opened.error || opened.nul || opened.loneCr || opened.encoding !== 'utf-8') return null;
    const lines: string[] = [];
    const want = options.detectLines ?? DETECT_LINES;
    const splitter = new LineSplitter((text) => {
      if (lines.length < want) lines.push(text);
    });
    let first = true;
    for await (let chunk of opened.chunks) {
      if (first && opened.bom) chunk = chunk.subarray(opened.bom);
      first = false;
      splitter.push(chunk);
      if (lines.length >= want) break;
    }
    const { format } = detectFormat(src.name, lines, options.format);
    if (!SLICEABLE_FORMATS.has(format.id)) return null;
    const zoneLearnedMin = options.zoneOffsetMin?.[fi] === undefined ? learnZoneOffset(lines, fileYear(src, options, fi)) : null;
    return { formatId: format.id, bom: opened.bom, zoneLearnedMin };
  } finally {
    await opened.chunks.return(undefined);
  }
}

/**
 * With several threads, slices shrink toward the end of a file, down to this
 * fraction of the target: the slices are handed out first come first served,
 * and with even slices the last one kept one thread busy alone for up to a
 * whole slice (~0.5 s of a 200 MB file's 33 MB slices) while the other idled.
 */
const TAIL_FRACTION = 4;

/**
 * Byte offsets where slices start (first is 0): a short first slice so the
 * first partial timeline comes early, then slices of `target`; with
 * `concurrency` > 1 each is at most the rest of the file over twice the
 * threads (guided self-scheduling), so the threads finish together.
 */
export function sliceStarts(size: number, target: number, concurrency = 1): number[] {
  if (size <= target) return [0];
  const first = Math.min(target, FIRST_SLICE_BYTES);
  const rest = size - first;
  const starts = [0];
  if (concurrency <= 1) {
    const m = Math.max(1, Math.ceil(rest / target));
    for (let j = 0; j < m; j++) starts.push(first + Math.floor((rest * j) / m));
    return starts;
  }
  const smallest = Math.min(target, Math.max(Math.floor(target / TAIL_FRACTION), SLICE_TARGET_MIN / 2));
  for (let at = first; ; ) {
    starts.push(at);
    const left = size - at;
    const bytes = Math.max(smallest, Math.min(target, Math.ceil(left / (2 * concurrency))));
    if (left <= bytes) return starts;
    // No sliver at the end: what a full slice would leave too little of is cut in two halves.
    if (left < bytes + smallest) {
      starts.push(at + Math.floor(left / 2));
      return starts;
    }
    at += bytes;
  }
}

function planSlices(src: ByteSource, fi: number, { formatId, bom, zoneLearnedMin }: Sliceable, runner: SliceRunner, options: ParallelOptions, totalBytes: number): SliceTask[] {
  const target = options.sliceBytes ?? Math.min(SLICE_TARGET_MAX, Math.max(SLICE_TARGET_MIN, Math.ceil(src.size / (3 * Math.max(1, runner.concurrency)))));
  const starts = sliceStarts(src.size, target, runner.concurrency);
  const budget = options.messageBudget ?? DEFAULT_MESSAGE_BUDGET;
  const now = fileNow(src, options, fi);
  return starts.map((start, k) => {
    // The last slice runs to the end of the file, even if it grew since its size was read.
    const end = k === starts.length - 1 ? Infinity : starts[k + 1];
    const bytes = (Number.isFinite(end) ? end : src.size) - start;
    return {
      fileIndex: fi,
      fileName: src.name,
      slice: k,
      start,
      end,
      bytes,
      bom: k === 0 ? bom : 0,
      formatId,
      year: fileYear(src, options, fi),
      ...(now !== undefined ? { now } : {}),
      day: fileDayOf(fi, options),
      zoneOffsetMin: options.zoneOffsetMin?.[fi] ?? zoneLearnedMin ?? 0,
      ...(options.plausibleTime ? { plausibleTime: options.plausibleTime } : {}),
      vocabulary: options.vocabulary ?? [],
      messageBudget: Math.floor((budget * bytes) / Math.max(1, totalBytes)),
    };
  });
}

/**
 * Like ingestSources, but big files are split across `runner`. The result has
 * the same rows, counts and messages (messages are kept within the budget per
 * slice, so which plain messages stay in memory can differ); templates of a
 * split file are merged by pattern, so where the template clustering would
 * have generalised across a slice boundary, it does so at the merge instead.
 */
export async function ingestParallel(sources: readonly ByteSource[], runner: SliceRunner, options: ParallelOptions = {}): Promise<IngestResult> {
  options = await withReferenceDate(sources, options);
  const sinks = newSinks(options);
  const files: FileStats[] = sources.map((s) => newFileStats(s.name, s.size));
  const totalBytes = sources.reduce((a, s) => a + (s.size || 0), 0);
  const report = new LoadReporter(options, totalBytes, files);
  let readBytes = 0;
  const onBytes = (n: number) => {
    readBytes += n;
    report.advance(n, readBytes, sinks.builder.length, 0);
  };

  // Plan every file first and queue all slices, so the workers never wait on the merge.
  const plans: (SlicedPlan | null)[] = [];
  for (let fi = 0; fi < sources.length; fi++) {
    const src = sources[fi];
    let sliceable: Sliceable | null = null;
    try {
      sliceable = await sliceableFormat(src, fi, options);
    } catch {
      sliceable = null; // unreadable here: the whole-file driver reports it
    }
    if (!sliceable) {
      plans.push(null);
      continue;
    }
    const tasks = planSlices(src, fi, sliceable, runner, options, totalBytes);
    const results = tasks.map((t) => {
      const p = runner.run(t, onBytes);
      p.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
      return p;
    });
    plans.push({ tasks, results, formatId: sliceable.formatId, zoneLearnedMin: sliceable.zoneLearnedMin });
  }

  const decompressed: (Blob | null)[] = [];
  const noTimeRows: number[] = [];
  const placed: PlacedFile[] = [];
  const numbering = new MessageNumbering();
  let bytesBefore = 0;
  try {
    for (let fi = 0; fi < sources.length; fi++) {
      const src = sources[fi];
      const stats = files[fi];
      const plan = plans[fi];
      decompressed.push(null);
      let failed: string | null = null;
      let untimed = plan ? await mergeSlices(src, fi, plan, stats, sinks, numbering, options, report, () => readBytes, (why) => (failed = why)) : null;
      if (!untimed) {
        const outcome = await ingestFile(src, fi, stats, sinks, options, report, bytesBefore);
        if (failed !== null) stats.notices.push(`a worker reading part of this file failed (${failed}); the whole file was read again on one thread`);
        untimed = outcome.untimedRows;
        decompressed[fi] = outcome.decompressed;
        if (outcome.placed) placed.push(outcome.placed);
        readBytes += src.size || 0;
      }
      countInferred(stats, untimed.length);
      for (const r of untimed) noTimeRows.push(r);
      bytesBefore += src.size || 0;
    }
  } catch (e) {
    runner.cancel?.();
    throw e;
  }
  // Times of day placed on the other files' date stay there only when they fit (as in ingestSources).
  checkDayFit(sinks.builder, files, placed);
  const result = finishIngest(sinks, files, noTimeRows, decompressed, options.clockOffsetMs, numbering.finish(sinks.builder.length));
  report.progress(totalBytes, result.table.length, sources.length - 1);
  return result;
}

/** Wait for `p`, but give up (IngestCancelled) soon after `signal` is set: a slice can take seconds. */
async function orCancel<T>(p: Promise<T>, signal: { readonly aborted: boolean } | undefined): Promise<T> {
  if (!signal) return p;
  let timer: ReturnType<typeof setInterval> | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (signal.aborted) reject(new IngestCancelled());
    }, CANCEL_POLL_MS);
  });
  try {
    return await Promise.race([p, cancelled]);
  } finally {
    clearInterval(timer);
  }
}

/**
 * Merge a split file's slices in order; returns the rows that never got a
 * time, or null (rows rolled back) when a slice failed, so the caller reads
 * the file whole instead.
 */
async function mergeSlices(
  src: ByteSource,
  fi: number,
  plan: SlicedPlan,
  stats: FileStats,
  sinks: ReturnType<typeof newSinks>,
  numbering: MessageNumbering,
  options: ParallelOptions,
  report: LoadReporter,
  readBytes: () => number,
  onFailed?: (why: string) => void,
): Promise<readonly number[] | null> {
  const format = formatById(plan.formatId);
  if (!format) return null;
  stats.format = format.id;
  stats.formatLabel = format.label;
  stats.encoding = 'utf-8';
  const rowsBefore = sinks.builder.length;
  if (plan.zoneLearnedMin !== null) stats.zoneLearnedMin = plan.zoneLearnedMin;
  const merge = new FileMerge(fi, format, fileYear(src, options, fi), stats, sinks, options.zoneOffsetMin?.[fi] ?? plan.zoneLearnedMin ?? 0, fileDayOf(fi, options), options.plausibleTime, numbering, fileNow(src, options, fi));
  try {
    for (let k = 0; k < plan.tasks.length; k++) {
      if (options.signal?.aborted) throw new IngestCancelled();
      const r = await orCancel(plan.results[k], options.signal);
      await merge.merge(r, plan.tasks[k], src);
      if (k === 0 && plan.tasks.length > 1) {
        // Size the table once for the whole file from the first slice's rows per byte (+10%).
        const t = plan.tasks[0];
        reserveRows(sinks, sinks.builder.length + (r.length / Math.max(1, t.bytes)) * (src.size - t.bytes) * 1.1);
      }
      report.progress(readBytes(), sinks.builder.length, fi);
      report.partial(sinks.builder, readBytes(), k === 0);
      if (k === 0 && plan.tasks.length > 1) options.whileSlicing?.();
    }
    return merge.finish();
  } catch (e) {
    if (e instanceof IngestCancelled || options.signal?.aborted) throw e instanceof IngestCancelled ? e : new IngestCancelled();
    rollBackRows(sinks, rowsBefore);
    numbering.rollBack(rowsBefore);
    Object.assign(stats, newFileStats(stats.name, src.size));
    onFailed?.(e instanceof Error ? e.message : String(e));
    return null;
  }
}

/** Slices run one after another (or `concurrency` at once, interleaved) on this thread: tests and the no-worker fallback. */
export function inProcessRunner(sources: readonly ByteSource[], concurrency = 1): SliceRunner {
  let cancelled = { aborted: false };
  return queueRunner(
    concurrency,
    async (task, _slot, onBytes) => {
      const src = sources[task.fileIndex];
      if (!src.streamFrom) throw new Error(`${src.name} cannot be read by range`);
      return ingestSlice(task, iterate(src.streamFrom(sliceReadFrom(task))), cancelled, onBytes);
    },
    () => {
      cancelled.aborted = true;
      cancelled = { aborted: false };
    },
  );
}
