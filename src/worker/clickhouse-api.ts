// The ClickHouse half of the engine API, run where the engine session lives
// (the worker, or the main-thread fallback): the three pushdown steps, then
// the pulled events read by the same session as dropped files. The
// connection, credentials included, stays in this closure's memory for the
// page's lifetime (a zoom asks the same server again); nothing writes it
// anywhere. Failures come back as values, because an error's fields do not
// survive Comlink.

import type { EngineSession, LoadSummary } from '../engine/session/session.ts';
import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import { analyzePulled } from '../engine/sources/clickhouse/analyze-pulled.ts';
import { ClickHouseError, type Connection } from '../engine/sources/clickhouse/client.ts';
import { mergeRange, pullIncident, pullRange, pulledSources, type Density, type PulledFile, type PullStep } from '../engine/sources/clickhouse/pull.ts';
import type { PullWindow } from '../engine/sources/clickhouse/queries.ts';
import { provenanceOf } from '../engine/sources/clickhouse/provenance.ts';
import { handOver } from './table-handoff.ts';

export interface PullRequest {
  conn: Connection;
  window: PullWindow;
  vocabulary?: VocabularyEntry[];
}

export interface PullProgress {
  step: PullStep;
  rows: number;
  bytes: number;
}

export type PullOutcome =
  | { ok: true; summary: LoadSummary; rowsFetched: number; windowRows: number; truncated: boolean }
  | { ok: false; cancelled: boolean; message: string; status: number; code?: number };

type Transfer = <T>(value: T, buffers: ArrayBuffer[]) => T;

/** Raw lines one zoom may fetch at most (the query's explicit LIMIT). */
export const RAW_LINE_LIMIT = 500_000;

export function clickhouseApi(session: EngineSession, transfer: Transfer, handOff = false) {
  let last: { req: PullRequest; density: Density; files: PulledFile[] } | null = null;
  let running: AbortController | null = null;

  const failed = (e: unknown, signal: AbortSignal): PullOutcome => {
    if (signal.aborted) return { ok: false, cancelled: true, message: 'Pull cancelled.', status: 0 };
    if (e instanceof ClickHouseError) return { ok: false, cancelled: false, message: e.message, status: e.status, code: e.code };
    return { ok: false, cancelled: false, message: e instanceof Error ? e.message : String(e), status: 0 };
  };

  const load = async (req: PullRequest, density: Density, files: PulledFile[], rowsFetched: number, truncated: boolean, signal: AbortSignal): Promise<PullOutcome> => {
    const loaded = await session.load(pulledSources(files), { vocabulary: req.vocabulary, analyse: (r) => analyzePulled(r, density), signal });
    // The server's origin goes with it (never the user or password); a share link drops it unless the sender opts in.
    const summary = { ...loaded, provenance: provenanceOf(req.window, req.conn, true) };
    const out = handOff ? handOver(transfer, summary, true) : summary;
    return { ok: true, summary: out, rowsFetched, windowRows: density.total, truncated };
  };

  /** A new pull supersedes the one in flight; the caller's signal stops this one. */
  const start = (signal: AbortSignal | undefined): AbortController => {
    running?.abort();
    const ac = new AbortController();
    running = ac;
    if (signal?.aborted) ac.abort();
    else signal?.addEventListener('abort', () => ac.abort(), { once: true });
    return ac;
  };

  return {
    /** Density first (`onDensity`), then classes and candidate events, analysed like dropped files. */
    async pullClickHouse(req: PullRequest, onDensity?: (d: Density) => void, onProgress?: (p: PullProgress) => void, signal?: AbortSignal): Promise<PullOutcome> {
      const ac = start(signal);
      try {
        const r = await pullIncident(req.conn, req.window, {
          signal: ac.signal,
          vocabulary: req.vocabulary,
          // The page shows the findings, not the class summary: one scan of the window fewer.
          classes: false,
          onDensity: (d) => void onDensity?.(d),
          onProgress: (step, p) => void onProgress?.({ step, rows: p.rows, bytes: p.bytes }),
        });
        last = { req, density: r.density, files: r.files };
        return await load(req, r.density, r.files, r.stats.rowsReturned, r.truncated, ac.signal);
      } catch (e) {
        return failed(e, ac.signal);
      } finally {
        if (running === ac) running = null;
      }
    },
    /** Every raw line of [fromMs, toMs) from the last pulled window, put among its candidate events. */
    async pullClickHouseRange(fromMs: number, toMs: number, onProgress?: (p: PullProgress) => void, signal?: AbortSignal): Promise<PullOutcome> {
      if (!last) return { ok: false, cancelled: false, message: 'Connect to a ClickHouse server first.', status: 0 };
      const { req, density, files } = last;
      const ac = start(signal);
      try {
        const r = await pullRange(req.conn, req.window, fromMs, toMs, {
          signal: ac.signal,
          limit: RAW_LINE_LIMIT,
          onProgress: (step, p) => void onProgress?.({ step, rows: p.rows, bytes: p.bytes }),
        });
        return await load(req, density, mergeRange(files, r.files, fromMs, toMs), r.stats.rowsReturned, r.truncated, ac.signal);
      } catch (e) {
        return failed(e, ac.signal);
      } finally {
        if (running === ac) running = null;
      }
    },
  };
}
