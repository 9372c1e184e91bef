// Loading state shown to the user: progress while the worker parses, the
// per-file statistics and notices afterwards, and a version that changes
// whenever a new dataset is installed (see dataset.ts).

import type { FileStats } from '../engine/ingest/file-stats.ts';
import type { SliceCreator } from './types.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LoadProgressView {
  bytes: number;
  totalBytes: number;
  lines: number;
  events: number;
  elapsedMs: number;
  fileName: string;
  /** Text decompressed so far from .gz files (bytes above counts compressed bytes read). */
  decompressedBytes?: number;
}

export interface LoadSlice {
  status: LoadStatus;
  progress: LoadProgressView | null;
  /** What is loaded, for the header ("Sample: reload stall", "3 files"). */
  title: string;
  files: FileStats[];
  dataVersion: number;
  /** A load-level error (worker crashed, cancelled); per-file errors live in `files`. */
  loadError: string | null;
  /** Per file index: the UTC offset (minutes) assumed for zone-less timestamps. */
  zoneOffsets: Record<number, number>;
  /**
   * The dataset on screen is an early snapshot of a load still running: the
   * timeline draws it, but text, detail and findings wait for the real one.
   */
  provisional: boolean;
  /** The engine worker died and was restarted: the header offers to read the files again. */
  reloadOffer: boolean;
  offerReload(): void;
  setLoading(progress: LoadProgressView): void;
  setProgress(progress: LoadProgressView): void;
  setLoaded(version: number, files: FileStats[], title: string, zoneOffsets: Record<number, number>): void;
  setLoadError(message: string): void;
  setProvisional(version: number, files: FileStats[]): void;
}

export const createLoadSlice: SliceCreator<LoadSlice> = (set, get) => ({
  status: 'idle',
  progress: null,
  title: '',
  files: [],
  dataVersion: 0,
  loadError: null,
  zoneOffsets: {},
  provisional: false,
  reloadOffer: false,
  offerReload: () => set({ reloadOffer: true }),
  setLoading: (progress) => set({ status: 'loading', progress, loadError: null, reloadOffer: false }),
  setProgress: (progress) => set({ progress }),
  setLoaded: (dataVersion, files, title, zoneOffsets) =>
    set({ status: 'ready', progress: null, dataVersion, files, title, zoneOffsets, loadError: null, provisional: false, reloadOffer: false }),
  setLoadError: (message) => set({ status: get().dataVersion > 0 ? 'ready' : 'error', progress: null, loadError: message, provisional: false }),
  setProvisional: (dataVersion, files) => set({ dataVersion, files, provisional: true }),
});
