// Main-thread side of the worker: a typed Comlink proxy (Squoosh style). If
// workers are not available (very old browser, some file:// setups) the same
// engine runs on the main thread behind an object of the same shape, so the
// rest of the app never knows which it got.

import * as Comlink from 'comlink';
import type { DroppedFile, EngineApi, LoadOptions } from '../worker/engine-worker.ts';
import type { IngestProgress, PartialIngest } from '../engine/ingest/ingest.ts';
import type { EventDetail, LoadSummary } from '../engine/session/session.ts';
import type { FieldStats } from '../engine/query/field-stats.ts';
import type { CompareResult } from '../engine/compare/compare.ts';
import type { Flow, FlowSummary } from '../engine/flows/flows.ts';
import type { EventText } from '../share/build.ts';
import type { OpenShareResult } from '../share/worker-share.ts';
import type { ShareResult, ShareSettings } from '../share/link-builder.ts';
import type { SharePayload } from '../share/payload.ts';
import type { EntryPreview } from '../worker/vocabulary-preview.ts';
import type { RulePreview } from '../worker/rules-preview.ts';
import type { RuleSpec } from '../engine/rules/spec.ts';
import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import { lifeLockName, watchLifeLock } from '../worker/life-lock.ts';
import type { PullOutcome, PullProgress, PullRequest } from '../worker/clickhouse-api.ts';
import type { Density } from '../engine/sources/clickhouse/pull.ts';

export type { DroppedFile, LoadOptions } from '../worker/engine-worker.ts';

/** What the app calls; every method is async whether or not a worker answers. */
export interface EngineClient {
  load(files: DroppedFile[], options: LoadOptions, onProgress?: (p: IngestProgress) => void, onPartial?: (p: PartialIngest) => void): Promise<LoadSummary>;
  cancel(): Promise<void>;
  detail(row: number): Promise<EventDetail | null>;
  messages(rows: number[]): Promise<string[]>;
  search(query: string): Promise<Uint8Array>;
  /** Fields of the rows (a sample of the window) with their most common values. */
  fieldStats(rows: number[], total: number): Promise<FieldStats>;
  /** Templates, levels, sources, loggers and field values over-represented in [from, to] against the rest (null: nothing loaded). */
  compareRange(from: number, to: number): Promise<CompareResult | null>;
  /** Events that share request or trace ids and the clock offsets they imply (null: nothing loaded). */
  flowSummary(keys?: string[]): Promise<FlowSummary | null>;
  /** The events sharing an id with `row`, on every file (null: it shares none). */
  flow(row: number, keys?: string[]): Promise<Flow | null>;
  /** Open a share link into the engine (no files needed); errors come back as { ok: false }. */
  openShare(link: string): Promise<OpenShareResult>;
  /** Message and raw text of rows, for building a share link. */
  shareTexts(rows: number[]): Promise<EventText[]>;
  /** The Share dialog's payload, kept by the engine; then shareLink redacts and encodes it there per settings. */
  shareBase(payload: SharePayload): Promise<void>;
  shareLink(settings: ShareSettings, prefix: string): Promise<ShareResult>;
  /** How many loaded events each draft vocabulary entry matches (the Vocabulary dialog's preview). */
  previewVocabulary(entries: Pick<VocabularyEntry, 'kind' | 'pattern' | 'failed'>[]): Promise<EntryPreview[]>;
  /** What each draft rule finds in the loaded logs and whether its own cases pass (the Rules dialog's preview). */
  previewRules(specs: RuleSpec[]): Promise<RulePreview[]>;
  /** Pull a window from ClickHouse: the counts arrive first (`onDensity`), then the analysed events; `cancel()` stops it. */
  pullClickHouse(req: PullRequest, onDensity?: (d: Density) => void, onProgress?: (p: PullProgress) => void): Promise<PullOutcome>;
  /** The raw lines of a range of the last pulled window, loaded among its events. */
  pullClickHouseRange(fromMs: number, toMs: number, onProgress?: (p: PullProgress) => void): Promise<PullOutcome>;
}

/** Every call that was waiting on a worker that died fails with this. */
export class EngineStopped extends Error {
  constructor(why: string) {
    super(`The engine stopped unexpectedly (${why}) and was restarted; what it was doing is lost. Reload the files to keep working with them.`);
    this.name = 'EngineStopped';
  }
}

type RestartListener = (error: EngineStopped) => void;
const restartListeners = new Set<RestartListener>();

/** Be told when the engine worker died and a fresh one took its place (the app offers to reload the files). */
export function onEngineRestart(listener: RestartListener): () => void {
  restartListeners.add(listener);
  return () => restartListeners.delete(listener);
}

interface Generation {
  remote: Comlink.Remote<EngineApi>;
  /** Rejects when this worker dies: every call races it. */
  dead: Promise<never>;
}

/**
 * The engine worker, supervised: its death (a Web Lock it held is released,
 * see life-lock.ts) or an uncaught error fails every pending call with
 * EngineStopped, and the next call starts a fresh worker.
 */
function workerClient(): EngineClient {
  let gen: Generation | null = null;
  const start = (): Generation => {
    const worker = new Worker(new URL('../worker/engine-worker.ts', import.meta.url), { type: 'module', name: 'timberline-engine' });
    const remote = Comlink.wrap<EngineApi>(worker);
    let fail: (e: Error) => void = () => undefined;
    const dead = new Promise<never>((_, reject) => {
      fail = reject;
    });
    dead.catch(() => undefined);
    const g: Generation = { remote, dead };
    let stopWatching = () => {};
    const died = (why: string) => {
      if (gen !== g) return;
      gen = null;
      stopWatching();
      worker.terminate();
      const error = new EngineStopped(why);
      fail(error);
      for (const l of restartListeners) l(error);
    };
    worker.addEventListener('error', (e) => died(e.message ? `error: ${e.message}` : 'the worker failed'));
    const lock = lifeLockName('engine');
    void remote.holdLifeLock(lock).then((held) => {
      if (held && gen === g) stopWatching = watchLifeLock(lock, () => died('its worker ended'));
    }, () => undefined);
    return g;
  };
  const call = <T>(f: (remote: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> => {
    const g = gen ?? (gen = start());
    return Promise.race([f(g.remote), g.dead]);
  };
  return {
    load: (files, options, onProgress, onPartial) =>
      call((r) => r.load(files, options, onProgress ? Comlink.proxy(onProgress) : undefined, onPartial ? Comlink.proxy(onPartial) : undefined)),
    // Cancelling a dead worker has nothing to stop.
    cancel: () => (gen ? call((r) => r.cancel()) : Promise.resolve()),
    detail: (row) => call((r) => r.detail(row)),
    messages: (rows) => call((r) => r.messages(rows)),
    search: (query) => call((r) => r.search(query)),
    fieldStats: (rows, total) => call((r) => r.fieldStats(rows, total)),
    compareRange: (from, to) => call((r) => r.compareRange(from, to)),
    flowSummary: (keys) => call((r) => r.flowSummary(keys)),
    flow: (row, keys) => call((r) => r.flow(row, keys)),
    openShare: (link) => call<OpenShareResult>((r) => r.openShare(link)),
    shareTexts: (rows) => call((r) => r.shareTexts(rows)),
    shareBase: (payload) => call((r) => r.shareBase(payload)),
    shareLink: (settings, prefix) => call((r) => r.shareLink(settings, prefix)),
    previewVocabulary: (entries) => call((r) => r.previewVocabulary(entries)),
    previewRules: (specs) => call((r) => r.previewRules(specs)),
    pullClickHouse: (req, onDensity, onProgress) =>
      call<PullOutcome>((r) => r.pullClickHouse(req, onDensity ? Comlink.proxy(onDensity) : undefined, onProgress ? Comlink.proxy(onProgress) : undefined)),
    pullClickHouseRange: (from, to, onProgress) => call<PullOutcome>((r) => r.pullClickHouseRange(from, to, onProgress ? Comlink.proxy(onProgress) : undefined)),
  };
}

/** The engine on the main thread: slower to stay responsive, but it works. */
async function inlineClient(): Promise<EngineClient> {
  const { createEngineApi } = await import('../worker/engine-api.ts');
  const api = createEngineApi((v) => v);
  return {
    load: (files, options, onProgress, onPartial) => api.load(files, options, onProgress, onPartial),
    cancel: async () => api.cancel(),
    detail: (row) => api.detail(row),
    messages: (rows) => api.messages(rows),
    search: (query) => api.search(query),
    fieldStats: (rows, total) => api.fieldStats(rows, total),
    compareRange: (from, to) => api.compareRange(from, to),
    flowSummary: (keys) => api.flowSummary(keys),
    flow: (row, keys) => api.flow(row, keys),
    openShare: (link) => api.openShare(link),
    shareTexts: (rows) => api.shareTexts(rows),
    shareBase: (payload) => api.shareBase(payload),
    shareLink: (settings, prefix) => api.shareLink(settings, prefix),
    previewVocabulary: (entries) => api.previewVocabulary(entries),
    previewRules: (specs) => api.previewRules(specs),
    pullClickHouse: (req, onDensity, onProgress) => api.pullClickHouse(req, onDensity, onProgress),
    pullClickHouseRange: (from, to, onProgress) => api.pullClickHouseRange(from, to, onProgress),
  };
}

let client: Promise<EngineClient> | null = null;

/** The app's one engine client (created on first use). */
export function engineClient(): Promise<EngineClient> {
  if (!client) {
    client = typeof Worker === 'function' ? Promise.resolve(workerClient()) : inlineClient();
  }
  return client;
}
