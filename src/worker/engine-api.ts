// The engine API as a plain object, shared by the worker entry (which exposes
// it over Comlink) and the bridge's main-thread fallback. `transfer` marks
// buffers to move instead of copy; the fallback passes values through. Tables
// cross to the main thread as `mainThreadTable` hand-offs (table-handoff.ts):
// only the columns each side reads, so the page never holds two whole tables.

import { blobSessionSource, EngineSession, type SessionSource } from '../engine/session/session.ts';
import { iterate } from '../engine/ingest/byte-source.ts';
import { IngestCancelled, type IngestOptions, type IngestProgress, type PartialIngest } from '../engine/ingest/ingest.ts';
import type { SliceRunner } from '../engine/ingest/parallel-ingest.ts';
import { shareApi } from './share-api.ts';
import { queryRegex } from '../share/query-regex.ts';
import { EndSignal } from './end-signal.ts';
import { createSlicePool, slicePoolSize, worthPrestart, type SlicePool } from './slice-pool.ts';
import { vocabularyPreviewApi } from './vocabulary-preview.ts';
import { rulesPreviewApi, userRulesOf } from './rules-preview.ts';
import type { RuleSpec } from '../engine/rules/spec.ts';
import { handOver } from './table-handoff.ts';
import { holdLifeLock } from './life-lock.ts';
import { clickhouseApi } from './clickhouse-api.ts';
import { paced, pacer } from './pace.ts';
import { unlessAborted } from './abortable.ts';

export type { RowTexts } from '../engine/session/session.ts';
export type { ListColumns } from '../engine/query/list-columns.ts';

export interface DroppedFile {
  name: string;
  blob: Blob;
  lastModified?: number;
}

export type LoadOptions = Omit<IngestOptions, 'onProgress' | 'onPartial' | 'signal' | 'pause'> & {
  /** The user's rules, as rule specs (data; checked again and built into rules here). */
  rules?: RuleSpec[];
};

type Transfer = <T>(value: T, buffers: ArrayBuffer[]) => T;

export interface EngineApiOptions {
  /**
   * The caller is another thread (the worker entry): post tables as hand-offs
   * with the columns the main thread reads. The main-thread fallback shares
   * the session's own table instead (same heap, nothing to copy).
   */
  handOff?: boolean;
}

/**
 * A Blob's stream can deliver chunk after chunk as microtasks, starving the
 * worker's message queue: without a task boundary now and then, Cancel would
 * only arrive once the file is done.
 */
function yieldingSource(f: DroppedFile, pace: () => Promise<void>): SessionSource {
  const base = blobSessionSource(f.blob, f.name, f.lastModified);
  return {
    ...base,
    stream: () => paced(iterate(base.stream()), pace),
  };
}

/**
 * The ingest checks its signal between slices, but merging waits for the
 * next slice from a nested worker, which can take a second. This wrapper lets
 * `abort()` reject every pending slice at once (the ingest then throws
 * IngestCancelled and cancels the runner) and stops the nested workers.
 */
export function abortableSlices(pool: SlicePool): SliceRunner & { close(): void; abort(): void } {
  const aborted = new EndSignal();
  // Closing ends the signal too: nothing still raced waits for a load that is over.
  const close = () => {
    aborted.end(new IngestCancelled());
    pool.close();
  };
  return {
    concurrency: pool.concurrency,
    run: (task, onBytes) => aborted.race(pool.run(task, onBytes)),
    cancel: close,
    close,
    abort: close,
  };
}

export function createEngineApi(transfer: Transfer, { handOff = false }: EngineApiOptions = {}) {
  const session = new EngineSession();
  const clickhouse = clickhouseApi(session, transfer, handOff);
  return {
    /**
     * `onPartial` receives early snapshots of the table so the timeline can draw while the rest loads.
     * Aborting `signal` stops the load at the next chunk (or at once, when it waits for slices from nested workers).
     */
    async load(files: DroppedFile[], options: LoadOptions, onProgress?: (p: IngestProgress) => void, onPartial?: (p: PartialIngest) => void, signal?: AbortSignal) {
      if (signal?.aborted) throw new IngestCancelled();
      // Big JSON-lines/logfmt files are split across nested workers (started only if needed).
      const slices = typeof Worker !== 'undefined' ? abortableSlices(createSlicePool(files.map((f) => f.blob), slicePoolSize(), worthPrestart(files))) : undefined;
      const stopSlices = () => slices?.abort();
      signal?.addEventListener('abort', stopSlices, { once: true });
      const { rules, ...ingestOptions } = options;
      const pace = pacer();
      const summary = await session.load(files.map((f) => yieldingSource(f, pace)), {
        ...ingestOptions,
        rules: userRulesOf(rules),
        slices,
        signal,
        // A .gz chunk can inflate to gigabytes: let an abort through while its text is read too.
        pause: pace,
        onProgress: onProgress ? (p) => void onProgress(p) : undefined,
        // A snapshot is the worker's own copy, dropped after this: move its columns, copy nothing.
        onPartial: onPartial ? (p) => void onPartial(handOff ? handOver(transfer, p, false) : p) : undefined,
      }).finally(() => {
        signal?.removeEventListener('abort', stopSlices);
        slices?.close();
      });
      // The session keeps reading its table (detail, raw lines, search), so the
      // main thread gets copies of the columns both sides read, moved, not cloned.
      return handOff ? handOver(transfer, summary, true) : summary;
    },
    // Pull a window from ClickHouse: pullClickHouse(request), pullClickHouseRange(from, to) (see clickhouse-api.ts).
    pullClickHouse: clickhouse.pullClickHouse,
    pullClickHouseRange: clickhouse.pullClickHouseRange,
    detail: (row: number) => session.detail(row),
    /** Messages of rows on screen, and their values of the log list's field columns (one read serves both). */
    rowTexts: (rows: number[], fields: string[] = []) => session.rowTexts(rows, fields),
    /** The log list's columns for a sample of its rows: widths, and (when `auto`) the fields varying beside a repeated message. */
    listColumns: (rows: number[], fields: string[], auto: boolean, signal?: AbortSignal) => unlessAborted(signal, () => session.listColumns(rows, fields, auto)),
    async search(query: string, signal?: AbortSignal) {
      const mask = await unlessAborted(signal, () => session.search(query, queryRegex));
      return transfer(mask, [mask.buffer as ArrayBuffer]);
    },
    /** The Fields sidebar: fields of the given rows (a sample of what is in view) and their top values. */
    fieldStats: (rows: number[], total: number, signal?: AbortSignal) => unlessAborted(signal, () => session.fieldStats(rows, total)),
    /** What is over-represented in [from, to] against the rest of the loaded logs (src/engine/compare). */
    compareRange: (from: number, to: number, signal?: AbortSignal) => unlessAborted(signal, () => session.compare(from, to)),
    /** Request flows (src/engine/flows): the ids files share and the clock offsets they imply; the flow of one event. */
    flowSummary: (keys?: string[], signal?: AbortSignal) => unlessAborted(signal, () => session.flowSummary(keys)),
    flow: (row: number, keys?: string[], signal?: AbortSignal) => unlessAborted(signal, () => session.flow(row, keys)),
    // Share links: openShare(link), shareTexts(rows) (see share-api.ts).
    ...shareApi(session, transfer, handOff),
    /** Take this worker's life lock (life-lock.ts), so the page notices when the worker dies. */
    holdLifeLock: (name: string) => holdLifeLock(name),
    // The Vocabulary dialog's match counts: previewVocabulary(entries) (see vocabulary-preview.ts).
    ...vocabularyPreviewApi(session),
    // The Rules dialog's preview: previewRules(specs) (see rules-preview.ts).
    ...rulesPreviewApi(session),
  };
}
