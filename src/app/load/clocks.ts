// Clock corrections the user applied, by file: kept beside the File objects
// (like the loader keeps them), so a re-read, an added or a removed file
// leaves every other file's correction in place. A correction read from the
// URL (?clock=MS:NAME) waits for the first load and goes to the files of that
// name. Applying one reads the files again, so the analysis runs on the
// corrected times (src/engine/ingest/ingest.ts clockOffsetMs).

import type { DroppedFile } from '../../bridge/engine-client.ts';
import { MAX_CLOCK_OFFSET_MS } from '../../engine/model/clock-limit.ts';
import { loadedFiles, rereadFiles } from './loader.ts';

const applied = new WeakMap<DroppedFile, number>();
let pending: Map<string, number> | null = null;

/** Corrections from the URL, for the next load only. */
export function setPendingClocks(byName: Map<string, number> | null): void {
  pending = byName && byName.size > 0 ? byName : null;
}

/** Per file index: the ms to subtract from that file's times (for the engine's load options). */
export function clockOffsetsFor(files: readonly DroppedFile[]): Record<number, number> {
  const waiting = pending;
  pending = null;
  const out: Record<number, number> = {};
  files.forEach((f, i) => {
    let v = applied.get(f);
    if (v === undefined && waiting?.has(f.name)) {
      v = waiting.get(f.name) ?? 0;
      applied.set(f, v);
    }
    if (v) out[i] = v;
  });
  return out;
}

/** Correct one loaded file's clock by `ms` (its clock ran that much ahead; null removes the correction) and read the files again. */
export async function setClockOffset(fileIndex: number, ms: number | null): Promise<boolean> {
  const f = loadedFiles()[fileIndex];
  if (!f) return false;
  if (ms === null || ms === 0 || !Number.isFinite(ms)) applied.delete(f);
  else applied.set(f, Math.max(-MAX_CLOCK_OFFSET_MS, Math.min(MAX_CLOCK_OFFSET_MS, Math.round(ms))));
  return rereadFiles();
}
