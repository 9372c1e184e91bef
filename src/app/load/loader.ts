// Loading orchestration: hand files to the engine worker, report progress to
// the store, install the result as the dataset, and apply a view waiting in
// the URL. The File objects are kept here (not in the store) so a per-file
// zone change or a vocabulary edit can re-ingest the same files. Every load
// classifies with the user's custom vocabulary (store/vocabulary-slice.ts)
// and runs the user's rule files (store/rules-slice.ts).

import { engineClient, EngineStopped, onEngineRestart, type DroppedFile } from '../../bridge/engine-client.ts';
import { abortDownload } from './downloads.ts';
import type { IngestProgress, PartialIngest } from '../../engine/ingest/ingest.ts';
import { messageCache } from '../../bridge/message-cache.ts';
import { datasetExtent, getDataset, restoreDataset, setDataset } from '../../store/dataset.ts';
import { prepareFilter, prepareLanes, setSearchMask } from '../../store/derived.ts';
import { useStore } from '../../store/store.ts';
import { activeVocabulary } from '../../store/vocabulary-slice.ts';
import { activeRuleSpecs } from '../../store/rules-slice.ts';
import { takePendingView } from '../url-state.ts';
import { useConnect } from '../clickhouse/connect-store.ts';
import type { LoadSummary } from '../../engine/session/session.ts';
import type { VocabularyEntry } from '../../engine/classify/vocabulary.ts';
import type { RuleSpec } from '../../engine/rules/spec.ts';
import { clockOffsetsFor } from './clocks.ts';

let current: { files: DroppedFile[]; title: string } | null = null;
/** The files of the latest load, finished or not: what "Reload files" reads after the engine restarted. */
let attempted: { files: DroppedFile[]; title: string; zoneOffsets: Record<number, number> } | null = null;
let seq = 0;
/**
 * Puts the page back the moment Cancel is clicked, without waiting for the
 * worker to notice: the running file load registers it (a pull does not).
 */
let cancelShown: (() => void) | null = null;
/** Aborts the engine's work for the latest load or pull (Cancel, or a newer load). */
let running = new AbortController();

// The engine worker died (bridge/engine-client.ts restarted it): say so, and offer the files again.
onEngineRestart((e) => {
  const s = useStore.getState();
  s.setLoadError(e.message);
  if (attempted) s.offerReload();
});

/** Read the files of the latest load again (after the engine restarted). */
export async function reloadFiles(): Promise<void> {
  if (attempted) await loadFiles(attempted.files, attempted.title, attempted.zoneOffsets);
}

export function loadedFiles(): DroppedFile[] {
  return current?.files ?? [];
}

/**
 * Load files as the new incident. `zoneOffsets` (file index -> minutes east of
 * UTC) applies to timestamps that carry no zone.
 */
export async function loadFiles(files: DroppedFile[], title: string, zoneOffsets: Record<number, number> = {}): Promise<void> {
  if (files.length === 0) return;
  // A download still running (?url=) is superseded: it must not replace these files later.
  const my = supersedeLoads();
  attempted = { files, title, zoneOffsets };
  // Files replace a window pulled from ClickHouse: its density lanes go with it.
  useConnect.getState().forgetPull();
  const st = useStore.getState();
  const signal = loadSignal();
  const client = await engineClient();
  const totalBytes = files.reduce((a, f) => a + f.blob.size, 0);
  st.setLoading({ bytes: 0, totalBytes, lines: 0, events: 0, elapsedMs: 0, fileName: files[0].name });
  let lastUpdate = 0;
  const before = getDataset();
  const vocabulary = activeVocabulary(st);
  const rules = activeRuleSpecs(st);
  // Template ids belong to the files they were made from: a re-read of the same files keeps a pattern filter.
  const sameFiles = current !== null && current.files === files;
  let shownPartial = false;
  // Cancel clicked: the page already shows what was loaded before; what the worker still sends is dropped.
  let cancelled = false;
  const restoreBefore = () => {
    if (!shownPartial) return;
    // The worker still holds the previous incident: show that one again.
    const ds = restoreDataset(before);
    const s = useStore.getState();
    s.setDataExtent(ds.extent, null);
    s.setLoaded(ds.version, ds.files, s.title, s.zoneOffsets);
    messageCache.reset();
    messageCache.hold(false);
  };
  cancelShown = () => {
    cancelled = true;
    restoreBefore();
    useStore.getState().setLoadError('Loading cancelled.');
  };
  const onProgress = (p: IngestProgress) => {
    if (my !== seq || cancelled) return;
    const now = performance.now();
    if (now - lastUpdate < 80 && p.bytes < p.totalBytes) return;
    lastUpdate = now;
    useStore.getState().setProgress({ ...p, fileName: files[p.fileIndex]?.name ?? '' });
  };
  // The worker answered with the whole table: snapshots still being prepared are dropped.
  let finished = false;
  const stale = () => my !== seq || cancelled || finished;
  // Early snapshots: draw the timeline while the rest loads (large files).
  const showPartial = (p: PartialIngest) => {
    const s = useStore.getState();
    const untouched = !shownPartial || (s.window[0] === s.limits[0] && s.window[1] === s.limits[1]);
    messageCache.hold(true);
    const ds = setDataset({ table: p.table, files: p.files, templates: [], marks: [], findings: [] });
    if (!shownPartial) s.clearSelection();
    shownPartial = true;
    s.setDataExtent(ds.extent, untouched ? null : s.window);
    s.setProvisional(ds.version, p.files);
  };
  // A snapshot's lanes are built in short tasks before it is shown; one that
  // arrives meanwhile waits, and a newer one replaces it (each is a superset).
  let waiting: PartialIngest | null = null;
  let preparing = false;
  const onPartial = async (p: PartialIngest) => {
    if (stale()) return;
    waiting = p;
    if (preparing) return;
    preparing = true;
    try {
      while (waiting && !stale()) {
        const next: PartialIngest = waiting;
        waiting = null;
        const d = { table: next.table, files: next.files, extent: datasetExtent(next.table, []), templateCount: 0 };
        const ready = (await prepareLanes(d, useStore.getState().laneMode, stale)) && (await prepareFilter(d, useStore.getState(), stale));
        if (ready && !stale()) showPartial(next);
      }
    } finally {
      preparing = false;
    }
  };
  // A date set for a file of times of day belongs to those files only.
  if (!sameFiles) fileDays = {};
  try {
    const clockOffsetMs = clockOffsetsFor(files);
    const summary = await client.load(files, { zoneOffsetMin: zoneOffsets, fileDay: fileDays, clockOffsetMs, vocabulary, rules }, onProgress, (p) => void onPartial(p), signal);
    finished = true;
    if (my !== seq) return;
    // The final table's lanes too are built in short tasks, not in the frame that first draws it.
    const table = { table: summary.table, files: summary.files, extent: datasetExtent(summary.table, summary.analysis.marks), templateCount: summary.templates.length };
    if (await prepareLanes(table, useStore.getState().laneMode, () => my !== seq)) await prepareFilter(table, useStore.getState(), () => my !== seq);
    if (my !== seq) return;
    // (Cancelled, yet it finished: the worker ended the load before Cancel reached it and now
    // holds these files, so they are what the page must show, or rows would not match.)
    current = { files, title };
    installSummary(summary, title, { zoneOffsets, vocabulary, rules, sameData: sameFiles });
  } catch (e) {
    // A snapshot still being prepared must not land over what the failure puts back.
    finished = true;
    if (my !== seq || cancelled) return;
    restoreBefore();
    const name = e instanceof Error ? e.name : '';
    const message = e instanceof Error ? e.message : String(e);
    useStore.getState().setLoadError(name === 'IngestCancelled' || name === 'AbortError' || /cancel/i.test(message) ? 'Loading cancelled.' : `Could not load: ${message}`);
    // The engine died mid-load (restoring the previous incident above cleared the offer): offer these files again.
    if (e instanceof EngineStopped) useStore.getState().offerReload();
  } finally {
    if (my === seq) cancelShown = null;
  }
}

/**
 * Put a finished load on screen (dropped files, a pulled window). `sameData`:
 * the same source read again, so pattern filters stay and the view does not
 * jump to the first finding; `window` keeps a view instead of the URL's.
 */
export function installSummary(summary: LoadSummary, title: string, o: { zoneOffsets?: Record<number, number>; vocabulary: VocabularyEntry[]; rules?: readonly RuleSpec[]; sameData: boolean; window?: [number, number] }): void {
  const ds = setDataset({
    table: summary.table,
    files: summary.files,
    templates: summary.templates,
    marks: summary.analysis.marks,
    findings: summary.analysis.findings,
    provenance: summary.provenance ?? null,
  });
  messageCache.reset();
  messageCache.hold(false);
  setSearchMask('', null);
  const s = useStore.getState();
  const pending = takePendingView();
  s.clearSelection();
  if (!o.sameData) s.setFilters({ templates: [] });
  s.setDataExtent(ds.extent, o.window ?? pending?.window ?? null);
  s.setVocabularyApplied(o.vocabulary);
  if (o.rules) s.setRulesApplied(o.rules);
  s.setLoaded(ds.version, summary.files, title, o.zoneOffsets ?? {});
  pending?.apply();
  // A new incident opens on its most severe finding (findings come most severe first); F fits all.
  if (!pending && !o.sameData && ds.findings.length > 0) s.selectFinding(0);
}

/** A new load (files or a pull) starts: a load or pull still running is stopped and must not land later. */
export function supersedeLoads(): number {
  abortDownload('superseded');
  cancelShown = null;
  running.abort();
  running = new AbortController();
  return ++seq;
}

/** The signal to pass to the engine for the load or pull started by the latest supersedeLoads(). */
export function loadSignal(): AbortSignal {
  return running.signal;
}

/** Whether a load started with supersedeLoads() is still the latest. */
export function isLatestLoad(my: number): boolean {
  return my === seq;
}

/**
 * Stop the load in progress; what was loaded before stays on screen. A file
 * load gives the page back at once, before the worker has even read the
 * message (it may be inside a chunk); the worker then stops at its next check.
 */
export async function cancelLoad(): Promise<void> {
  abortDownload('cancelled');
  if (useStore.getState().status !== 'loading') return;
  const show = cancelShown;
  cancelShown = null;
  show?.();
  running.abort();
}

/** The incident on screen did not come from files (a share link): nothing to re-read. */
export function forgetLoadedFiles(): void {
  current = null;
}

/** Whether the incident on screen can be read again (a zone or vocabulary change). */
export function canReingest(): boolean {
  return current !== null;
}

/** Read the current files again (same window) with other zones or the store's current vocabulary. */
async function reingest(zoneOffsets: Record<number, number>): Promise<boolean> {
  if (!current) return false;
  const w = useStore.getState().window;
  const { files, title } = current;
  await loadFiles(files, title, zoneOffsets);
  useStore.getState().setWindow(w[0], w[1]);
  return true;
}

/** Re-ingest the current files with a different zone for one of them. */
export async function setZoneOffset(fileIndex: number, minutes: number | null): Promise<void> {
  const offsets = { ...useStore.getState().zoneOffsets };
  if (minutes === null) delete offsets[fileIndex];
  else offsets[fileIndex] = minutes;
  await reingest(offsets);
}

/**
 * Per file index: the date (midnight UTC) the user gave a file whose times of
 * day carry none. Kept beside the files it was set for, like them outside the store.
 */
let fileDays: Record<number, number> = {};

/** Re-ingest the current files with a date for one file's times of day (null: the date is unknown again). */
export async function setFileDay(fileIndex: number, dayMs: number | null): Promise<void> {
  const days = { ...fileDays };
  if (dayMs === null) delete days[fileIndex];
  else days[fileIndex] = dayMs;
  fileDays = days;
  await reingest(useStore.getState().zoneOffsets);
}

/** The date set for a file's times of day, if any. */
export function fileDayOf(fileIndex: number): number | undefined {
  return fileDays[fileIndex];
}

/** Classify the current files again with the custom vocabulary now in the store; false when there are no files. */
export function applyVocabulary(): Promise<boolean> {
  return reingest(useStore.getState().zoneOffsets);
}

/** Read the current files again as they are set up now (a clock correction changed, see clocks.ts). */
export function rereadFiles(): Promise<boolean> {
  return reingest(useStore.getState().zoneOffsets);
}

/** Analyse the current files again with the user's rule files now in the store (a re-read, like the vocabulary). */
export const applyRules = applyVocabulary;

/** Whether files dropped now would join a session (files are loaded) rather than start one. */
export function canAddFiles(): boolean {
  return current !== null && current.files.length > 0 && useStore.getState().files.length > 0;
}

/** Add files to the loaded session: one lane each, the analysis run again on all of them. */
export async function addFiles(files: DroppedFile[]): Promise<void> {
  if (files.length === 0) return;
  if (!canAddFiles() || !current) {
    await loadFiles(files, titleFor(files));
    return;
  }
  const all = [...current.files, ...files];
  await loadFiles(all, titleFor(all), useStore.getState().zoneOffsets);
}

/** Remove one file from the session (the others are read again); the last file cannot be removed. */
export async function removeFile(index: number): Promise<void> {
  if (!current || current.files.length <= 1 || index < 0 || index >= current.files.length) return;
  const rest = current.files.filter((_, i) => i !== index);
  // Zone choices follow their files to their new positions.
  const offsets: Record<number, number> = {};
  for (const [k, v] of Object.entries(useStore.getState().zoneOffsets)) {
    const i = Number(k);
    if (i !== index) offsets[i > index ? i - 1 : i] = v;
  }
  await loadFiles(rest, titleFor(rest), offsets);
}

/** Read File objects (from a drop or a file input) into engine inputs. */
export function fromFiles(list: Iterable<File>): DroppedFile[] {
  return [...list].map((f) => ({ name: f.name, blob: f, lastModified: f.lastModified }));
}

export function titleFor(files: readonly DroppedFile[]): string {
  if (files.length <= 3) return files.map((f) => f.name).join(', ');
  return `${files[0].name} and ${files.length - 1} more`;
}
