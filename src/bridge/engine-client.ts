// Main-thread side of the worker: a typed Comlink proxy (Squoosh style). If
// workers are not available (very old browser, some file:// setups) the same
// engine runs on the main thread behind an object of the same shape, so the
// rest of the app never knows which it got.

import * as Comlink from 'comlink';
import type { DroppedFile, EngineApi, LoadOptions } from '../worker/engine-worker.ts';
import type { IngestProgress, PartialIngest } from '../engine/ingest/ingest.ts';
import type { EventDetail, LoadSummary } from '../engine/session/session.ts';
import type { FieldStats } from '../engine/query/field-stats.ts';
import type { EventText } from '../share/build.ts';
import type { OpenShareResult } from '../share/worker-share.ts';
import type { ShareResult, ShareSettings } from '../share/link-builder.ts';
import type { SharePayload } from '../share/payload.ts';
import type { EntryPreview } from '../worker/vocabulary-preview.ts';
import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';

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
  /** Open a share link into the engine (no files needed); errors come back as { ok: false }. */
  openShare(link: string): Promise<OpenShareResult>;
  /** Message and raw text of rows, for building a share link. */
  shareTexts(rows: number[]): Promise<EventText[]>;
  /** The Share dialog's payload, kept by the engine; then shareLink redacts and encodes it there per settings. */
  shareBase(payload: SharePayload): Promise<void>;
  shareLink(settings: ShareSettings, prefix: string): Promise<ShareResult>;
  /** How many loaded events each draft vocabulary entry matches (the Vocabulary dialog's preview). */
  previewVocabulary(entries: Pick<VocabularyEntry, 'kind' | 'pattern' | 'failed'>[]): Promise<EntryPreview[]>;
}

function workerClient(): EngineClient {
  const worker = new Worker(new URL('../worker/engine-worker.ts', import.meta.url), { type: 'module', name: 'timberline-engine' });
  const remote = Comlink.wrap<EngineApi>(worker);
  return {
    load: (files, options, onProgress, onPartial) =>
      remote.load(files, options, onProgress ? Comlink.proxy(onProgress) : undefined, onPartial ? Comlink.proxy(onPartial) : undefined),
    cancel: () => remote.cancel(),
    detail: (row) => remote.detail(row),
    messages: (rows) => remote.messages(rows),
    search: (query) => remote.search(query),
    fieldStats: (rows, total) => remote.fieldStats(rows, total),
    openShare: (link) => remote.openShare(link),
    shareTexts: (rows) => remote.shareTexts(rows),
    shareBase: (payload) => remote.shareBase(payload),
    shareLink: (settings, prefix) => remote.shareLink(settings, prefix),
    previewVocabulary: (entries) => remote.previewVocabulary(entries),
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
    openShare: (link) => api.openShare(link),
    shareTexts: (rows) => api.shareTexts(rows),
    shareBase: (payload) => api.shareBase(payload),
    shareLink: (settings, prefix) => api.shareLink(settings, prefix),
    previewVocabulary: (entries) => api.previewVocabulary(entries),
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
