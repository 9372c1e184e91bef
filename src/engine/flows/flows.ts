// Request flows as the page and the CLI see them: the flow of one event (the
// other events that share any of its ids, on every file), and the summary of
// a load (how many ids link events, and the clock offsets they imply). Kept
// beside an engine session (session.ts): the index is built once per load and
// set of keys, on first use, and forgotten when other files are loaded.

import type { IngestResult } from '../ingest/ingest.ts';
import type { RangeReader } from '../ingest/byte-source.ts';
import { buildFlowIndex, groupsOfRow, idHash, rowsOfGroup, type FlowIndex } from './flow-index.ts';
import { compileFlowKeys, DEFAULT_FLOW_KEYS, scanIds, type FlowKeyKind } from './keys.ts';
import { estimateClockOffsets, type ClockReport } from './clock-offsets.ts';
import { codeOrder } from '../model/code-order.ts';

export interface FlowId {
  /** The key it was read under (`trace_id`, `traceparent`...). */
  key: string;
  kind: FlowKeyKind;
  /** The id as compared (a traceparent's trace part); '' when it could not be read again. */
  id: string;
  events: number;
  files: number;
}

export interface Flow {
  row: number;
  ids: FlowId[];
  /** Rows of the flow in time order, the selected one included (the first MAX_FLOW_ROWS). */
  rows: number[];
  /** Rows in the flow in all. */
  total: number;
}

export interface FlowSummary {
  keys: string[];
  /** Events that name an id, ids seen, ids seen on two or more events, events linked by them. */
  rowsWithIds: number;
  distinctIds: number;
  sharedIds: number;
  linkedRows: number;
  /** Ids left out as too common to be a request's, and whether the index stopped at its bound. */
  tooCommon: number;
  truncated: boolean;
  elapsedMs: number;
  clocks: ClockReport;
}

/** A flow lists at most this many events (a trace id on every line of a batch job is not a request). */
export const MAX_FLOW_ROWS = 2000;

export class SessionFlows {
  private cache: { keys: string; index: Promise<FlowIndex> } | null = null;

  constructor(
    private readonly loaded: () => IngestResult | null,
    private readonly readers: () => RangeReader[],
    private readonly raw: (row: number) => Promise<string>,
  ) {}

  /** Another load: the index belongs to the files it was read from. */
  forget(): void {
    this.cache = null;
  }

  index(keys: readonly string[] = DEFAULT_FLOW_KEYS): Promise<FlowIndex> | null {
    const r = this.loaded();
    if (!r) return null;
    const compiled = compileFlowKeys(keys);
    const sig = compiled.names.join('\n');
    if (this.cache?.keys !== sig) {
      const readers = this.readers();
      const index = buildFlowIndex(
        {
          table: r.table,
          files: r.files.length,
          read: (file, start, end) => readers[file]?.read(start, end) ?? null,
          text: (row) => r.messages[row],
        },
        compiled,
      );
      this.cache = { keys: sig, index };
    }
    return this.cache.index;
  }

  async summary(keys?: readonly string[]): Promise<FlowSummary | null> {
    const r = this.loaded();
    const pending = this.index(keys);
    if (!r || !pending) return null;
    const ix = await pending;
    return {
      keys: ix.keys.names,
      rowsWithIds: ix.rowsWithIds,
      distinctIds: ix.distinctIds,
      sharedIds: ix.groups,
      linkedRows: ix.rowList.length,
      tooCommon: ix.tooCommon,
      truncated: ix.truncated,
      elapsedMs: ix.elapsedMs,
      clocks: estimateClockOffsets(ix, r.table, r.files.length),
    };
  }

  /** The flow of one event: every event sharing one of its ids; null when it shares none. */
  async flow(row: number, keys?: readonly string[]): Promise<Flow | null> {
    const r = this.loaded();
    const pending = this.index(keys);
    if (!r || !pending || row < 0 || row >= r.table.length) return null;
    const ix = await pending;
    const groups = groupsOfRow(ix, row);
    if (groups.length === 0) return null;
    // The ids as written, read again from this event's text (the index keeps hashes only).
    const named = new Map<number, string>();
    scanIds(ix.keys, await this.raw(row), (_pos, _key, id) => named.set(idHash(id), id));
    const all = new Set<number>();
    const ids: FlowId[] = [];
    for (const g of groups) {
      const rows = rowsOfGroup(ix, g);
      const files = new Set<number>();
      for (const x of rows) {
        all.add(x);
        files.add(r.table.file[x]);
      }
      const key = ix.groupKey[g];
      ids.push({ key: ix.keys.names[key], kind: ix.keys.kinds[key], id: named.get(ix.groupHash[g]) ?? '', events: rows.length, files: files.size });
    }
    // Widest first: a trace id before the span ids inside it.
    ids.sort((a, b) => b.events - a.events || codeOrder(a.key, b.key));
    const sorted = [...all].sort((a, b) => a - b);
    return { row, ids, rows: sorted.slice(0, MAX_FLOW_ROWS), total: sorted.length };
  }
}
