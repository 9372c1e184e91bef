// The id -> rows index behind request flows: which events share a request or
// trace id (keys.ts), in typed arrays. It is built after a load, in the
// worker, by reading each file's bytes again in large spans and running one
// regex over them, so ingest itself pays nothing and a file that names no id
// costs one read and one scan. Ids are kept as 53-bit hashes, not strings:
// an id seen on one event only links nothing and is dropped, so a log with a
// fresh request id on every line keeps no strings at all.

import type { EventTable } from '../model/event-table.ts';
import { scanIds, type FlowKeys } from './keys.ts';

/** What the index reads: the table's columns, the files' bytes, and text for rows with no bytes (a share link). */
export interface FlowSource {
  table: Pick<EventTable, 'length' | 'file' | 'byteOffset' | 'byteLength'>;
  files: number;
  /** The bytes [start, end) of a file, or null when the file cannot be read back. */
  read(file: number, start: number, end: number): Promise<Uint8Array> | null;
  /** Text of a row that has no bytes to read back (byte offset < 0), if any. */
  text(row: number): string | undefined;
  signal?: { readonly aborted: boolean };
}

export interface FlowIndex {
  keys: FlowKeys;
  /** Ids seen on two or more events. */
  groups: number;
  groupHash: Float64Array;
  /** Index into keys.names of the key the id was first seen under. */
  groupKey: Uint8Array;
  /** Rows of group g: groupRows[groupStart[g] .. groupStart[g + 1]), in time order. */
  groupStart: Uint32Array;
  groupRows: Uint32Array;
  /** Rows in at least one group (ascending), and their groups: rowGroups[rowStart[i] .. rowStart[i + 1]). */
  rowList: Uint32Array;
  rowStart: Uint32Array;
  rowGroups: Uint32Array;
  /** Events that named any id (shared or not), and distinct ids seen. */
  rowsWithIds: number;
  distinctIds: number;
  /** Ids left out because more than `maxGroupRows` events carry them (a constant, not a request). */
  tooCommon: number;
  /** The scan stopped at `maxEntries` ids: later lines are not in the index. */
  truncated: boolean;
  elapsedMs: number;
}

/** Bounds on what one index may hold (hostile or odd logs: an id on every one of a billion lines, one id everywhere). */
export interface FlowLimits {
  /** (id, event) pairs read at most: 8M pairs is about 100 MB while the index is built. */
  maxEntries: number;
  /** An id carried by more events than this is not one request's. */
  maxGroupRows: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = { maxEntries: 8_000_000, maxGroupRows: 100_000 };

/** Ids read from one event at most (a line naming hundreds is a dump, not a request). */
const MAX_IDS_PER_EVENT = 32;
/** Bytes read and scanned at once; a span ends at a line end so no id is cut in two. */
const SPAN_BYTES = 4 << 20;

/** A 53-bit hash of an id (two FNV-1a variants), exact enough to tell millions of ids apart. */
export function idHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

class Entries {
  hash = new Float64Array(1024);
  rows = new Uint32Array(1024);
  key = new Uint8Array(1024);
  n = 0;
  full = false;
  /** Ids already taken from the current event: a repeat adds nothing, and an event names MAX_IDS_PER_EVENT at most. */
  private row = -1;
  private seen = new Set<number>();
  constructor(private readonly max: number) {}
  push(h: number, row: number, key: number): void {
    if (row !== this.row) {
      this.row = row;
      this.seen.clear();
    }
    if (this.seen.has(h) || this.seen.size >= MAX_IDS_PER_EVENT) return;
    this.seen.add(h);
    if (this.n >= this.max) {
      this.full = true;
      return;
    }
    if (this.n === this.hash.length) {
      const grow = <T extends Float64Array | Uint32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.hash = grow(this.hash);
      this.rows = grow(this.rows);
      this.key = grow(this.key);
    }
    this.hash[this.n] = h;
    this.rows[this.n] = row;
    this.key[this.n++] = key;
  }
}

/** Rows of one file that can be read back, in byte order (rows are in time order, files mostly too). */
function rowsByOffset(t: FlowSource['table'], file: number): Uint32Array {
  const rows: number[] = [];
  let sorted = true;
  let last = -1;
  for (let i = 0; i < t.length; i++) {
    if (t.file[i] !== file || t.byteOffset[i] < 0) continue;
    if (t.byteOffset[i] < last) sorted = false;
    last = t.byteOffset[i];
    rows.push(i);
  }
  if (!sorted) rows.sort((a, b) => t.byteOffset[a] - t.byteOffset[b] || a - b);
  return Uint32Array.from(rows);
}

async function scanFile(src: FlowSource, keys: FlowKeys, file: number, out: Entries, decoder: TextDecoder): Promise<void> {
  const t = src.table;
  const rows = rowsByOffset(t, file);
  for (let k = 0; k < rows.length; ) {
    if (src.signal?.aborted || out.full) return;
    const start = t.byteOffset[rows[k]];
    let end = start;
    let m = k;
    for (; m < rows.length; m++) {
      const e = t.byteOffset[rows[m]] + t.byteLength[rows[m]];
      if (m > k && e - start > SPAN_BYTES) break;
      if (e > end) end = e;
    }
    const pending = src.read(file, start, end);
    if (!pending) return;
    // One byte, one character: a match's index is its byte offset in the span.
    const text = decoder.decode(await pending);
    let j = k;
    scanIds(keys, text, (pos, key, id) => {
      const at = start + pos;
      while (j + 1 < m && t.byteOffset[rows[j + 1]] <= at) j++;
      const row = rows[j];
      if (at >= t.byteOffset[row] && at < t.byteOffset[row] + t.byteLength[row]) out.push(idHash(id), row, key);
    });
    k = m;
  }
}

/** Read every file's ids into the index (see the file comment for what it costs). */
export async function buildFlowIndex(src: FlowSource, keys: FlowKeys, limits: FlowLimits = DEFAULT_FLOW_LIMITS): Promise<FlowIndex> {
  const t0 = Date.now();
  const entries = new Entries(limits.maxEntries);
  const decoder = new TextDecoder('windows-1252');
  for (let f = 0; f < src.files; f++) await scanFile(src, keys, f, entries, decoder);
  for (let row = 0; row < src.table.length; row++) {
    if (src.table.byteOffset[row] >= 0) continue;
    const text = src.text(row);
    if (text) scanIds(keys, text, (_pos, key, id) => entries.push(idHash(id), row, key));
  }
  return groupEntries(entries, keys, src.table.length, limits.maxGroupRows, t0);
}

function groupEntries(e: Entries, keys: FlowKeys, rowCount: number, maxGroupRows: number, t0: number): FlowIndex {
  const n = e.n;
  // Ids seen more than once: one numeric sort finds them without a map of every id.
  const sorted = e.hash.slice(0, n).sort();
  const repeated = new Set<number>();
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    else repeated.add(sorted[i]);
  }
  const named = new Uint8Array(rowCount);
  let rowsWithIds = 0;
  for (let i = 0; i < n; i++) {
    if (named[e.rows[i]] === 0) rowsWithIds++;
    named[e.rows[i]] = 1;
  }
  // Group the repeated ids' rows; an id named twice on one event links nothing.
  const byHash = new Map<number, { key: number; rows: number[]; over: boolean }>();
  for (let i = 0; i < n; i++) {
    const h = e.hash[i];
    if (!repeated.has(h)) continue;
    let g = byHash.get(h);
    if (!g) byHash.set(h, (g = { key: e.key[i], rows: [], over: false }));
    if (g.over) continue;
    g.rows.push(e.rows[i]);
    // Twice the bound before giving up: the same event may name the id twice.
    if (g.rows.length > 2 * maxGroupRows) {
      g.over = true;
      g.rows = [];
    }
  }
  const groups: { hash: number; key: number; rows: number[] }[] = [];
  let tooCommon = 0;
  for (const [hash, g] of byHash) {
    const rows = g.over ? [] : [...new Set(g.rows)].sort((a, b) => a - b);
    if (g.over || rows.length > maxGroupRows) tooCommon++;
    else if (rows.length >= 2) groups.push({ hash, key: g.key, rows });
  }
  const G = groups.length;
  const groupHash = new Float64Array(G);
  const groupKey = new Uint8Array(G);
  const groupStart = new Uint32Array(G + 1);
  let total = 0;
  groups.forEach((g, i) => {
    groupHash[i] = g.hash;
    groupKey[i] = g.key;
    groupStart[i] = total;
    total += g.rows.length;
  });
  groupStart[G] = total;
  const groupRows = new Uint32Array(total);
  const pairs: [number, number][] = [];
  groups.forEach((g, i) => {
    groupRows.set(g.rows, groupStart[i]);
    for (const r of g.rows) pairs.push([r, i]);
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rowList: number[] = [];
  const rowStart: number[] = [];
  const rowGroups = new Uint32Array(pairs.length);
  pairs.forEach(([row, g], i) => {
    if (rowList.length === 0 || rowList[rowList.length - 1] !== row) {
      rowList.push(row);
      rowStart.push(i);
    }
    rowGroups[i] = g;
  });
  rowStart.push(pairs.length);
  return {
    keys,
    groups: G,
    groupHash,
    groupKey,
    groupStart,
    groupRows,
    rowList: Uint32Array.from(rowList),
    rowStart: Uint32Array.from(rowStart),
    rowGroups,
    rowsWithIds,
    distinctIds: distinct,
    tooCommon,
    truncated: e.full,
    elapsedMs: Date.now() - t0,
  };
}

/** The groups (shared ids) a row belongs to. */
export function groupsOfRow(ix: FlowIndex, row: number): Uint32Array {
  let lo = 0;
  let hi = ix.rowList.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ix.rowList[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= ix.rowList.length || ix.rowList[lo] !== row) return new Uint32Array(0);
  return ix.rowGroups.subarray(ix.rowStart[lo], ix.rowStart[lo + 1]);
}

export function rowsOfGroup(ix: FlowIndex, g: number): Uint32Array {
  return ix.groupRows.subarray(ix.groupStart[g], ix.groupStart[g + 1]);
}
