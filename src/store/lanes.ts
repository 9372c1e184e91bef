// Source lanes: which events go on which swimlane. One lane per file, or one
// per (file, logger) when the user groups by logger. Each lane keeps its rows
// (table indices, in time order) so a frame can binary-search the visible
// ones instead of walking the table. Lane ids are stable strings used by the
// DOM (`data-lane`), the URL (source filters) and tests:
//   file:<file name>             a whole file (file mode)
//   file:<file name>/<logger>    one logger of a file (logger mode; "-" = no logger)
//   mark:signals | mark:operations | mark:timeouts | mark:restarts   the mark lanes

import { lowerBoundIn, type EventTable } from '../engine/model/event-table.ts';
import type { FileStats } from '../engine/ingest/file-stats.ts';
import type { MarkKind } from '../engine/marks/types.ts';
import { inSteps, runSteps, type Steps } from './steps.ts';

export type LaneMode = 'file' | 'logger';

export interface SourceLane {
  id: string;
  /** Label text: the file name, or the logger name in logger mode. */
  name: string;
  /** Secondary text: the file name of a logger lane. */
  sub: string;
  file: number;
  /** Interned logger id, or -1 for the whole file. */
  logger: number;
  /** Table rows of this lane in time order. */
  rows: Uint32Array;
}

export interface LaneModel {
  mode: LaneMode;
  lanes: SourceLane[];
  /** Lane index of a table row (-1 never happens for loaded rows). */
  laneOfRow: Int32Array;
}

export interface MarkLaneDef {
  id: string;
  name: string;
  kinds: readonly MarkKind[];
}

/** The mark lanes, top to bottom. Gaps are drawn on the source lanes they belong to. */
export const MARK_LANES: readonly MarkLaneDef[] = [
  { id: 'mark:signals', name: 'Signals', kinds: ['signal'] },
  { id: 'mark:operations', name: 'Operations', kinds: ['operation'] },
  { id: 'mark:timeouts', name: 'Timeouts and errors', kinds: ['timeout-burst', 'error-burst'] },
  { id: 'mark:restarts', name: 'Restarts and crashes', kinds: ['restart', 'crash'] },
];

/** Lane ids of files, made unique when two dropped files share a name. */
export function fileLaneIds(files: readonly Pick<FileStats, 'name'>[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const n = (seen.get(f.name) ?? 0) + 1;
    seen.set(f.name, n);
    return n > 1 ? `file:${f.name}#${n}` : `file:${f.name}`;
  });
}

export function loggerLaneId(fileLaneId: string, loggerName: string): string {
  return `${fileLaneId}/${loggerName || '-'}`;
}

export function buildLanes(table: EventTable, files: readonly FileStats[], mode: LaneMode): LaneModel {
  return runSteps(buildLanesSteps(table, files, mode));
}

/**
 * buildLanes in steps: it yields every STEP_ROWS rows, so the page can build
 * the lanes of a million-row table across several tasks (steps.ts)
 * instead of blocking input for the whole pass.
 */
export function* buildLanesSteps(table: EventTable, files: readonly FileStats[], mode: LaneMode): Steps<LaneModel> {
  const n = table.length;
  const fileIds = fileLaneIds(files);
  const laneOfRow = new Int32Array(n);
  const lanes: Omit<SourceLane, 'rows'>[] = [];
  if (mode === 'file') {
    for (let f = 0; f < files.length; f++) lanes.push({ id: fileIds[f], name: files[f].name, sub: '', file: f, logger: -1 });
    laneOfRow.set(table.file.subarray(0, n));
  } else {
    // Lanes in file order, loggers in order of first appearance within a file.
    const byKey = new Map<number, number>();
    const perFile: number[][] = files.map(() => []);
    const firstSeen: Omit<SourceLane, 'rows'>[] = [];
    yield* inSteps(n, (from, to) => {
      for (let i = from; i < to; i++) {
        const key = table.logger[i] * 65536 + table.file[i];
        let lane = byKey.get(key);
        if (lane === undefined) {
          lane = firstSeen.length;
          const f = table.file[i];
          const name = table.loggers[table.logger[i]] ?? '';
          firstSeen.push({ id: loggerLaneId(fileIds[f], name), name: name || '(no logger)', sub: files[f]?.name ?? '', file: f, logger: table.logger[i] });
          byKey.set(key, lane);
          perFile[f]?.push(lane);
        }
        laneOfRow[i] = lane;
      }
    });
    const remap = new Int32Array(firstSeen.length);
    for (let f = 0; f < files.length; f++) {
      if (perFile[f].length === 0) lanes.push({ id: fileIds[f], name: files[f].name, sub: '', file: f, logger: -1 });
      for (const l of perFile[f]) {
        remap[l] = lanes.length;
        lanes.push(firstSeen[l]);
      }
    }
    yield* inSteps(n, (from, to) => {
      for (let i = from; i < to; i++) laneOfRow[i] = remap[laneOfRow[i]];
    });
  }
  // Two passes (count, fill) give each lane its rows without growing arrays.
  const counts = new Uint32Array(lanes.length);
  yield* inSteps(n, (from, to) => {
    for (let i = from; i < to; i++) counts[laneOfRow[i]]++;
  });
  const rows = lanes.map((_, l) => new Uint32Array(counts[l]));
  const fill = new Uint32Array(lanes.length);
  yield* inSteps(n, (from, to) => {
    for (let i = from; i < to; i++) {
      const l = laneOfRow[i];
      rows[l][fill[l]++] = i;
    }
  });
  return { mode, lanes: lanes.map((l, i) => ({ ...l, rows: rows[i] })), laneOfRow };
}

/** First index k in lane.rows with tMs[rows[k]] >= t. */
export const laneLowerBound: (tMs: Float64Array, rows: Uint32Array, t: number) => number = lowerBoundIn;
