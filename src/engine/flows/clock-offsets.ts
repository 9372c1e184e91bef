// How far each file's clock is from a reference file's, estimated from the
// requests both files logged (shared ids, flow-index.ts) or, for files that
// share none, from events both saw at once (restarts, reloads). Durations do
// not depend on a clock's offset, so they tell which file wraps the other: a
// proxy's span for a request contains the backend's. Per id, the estimate
// lines up the middles of the two files' spans (NTP's assumption: the inner
// work sits in the middle of the outer span); with one line per request in
// each file the middle is that line, so the estimate also carries the time
// between the two lines (a request's latency, at most). The median over ids
// is the offset; half the interquartile range is its spread.

import { Kind } from '../model/kinds.ts';
import type { EventTable } from '../model/event-table.ts';
import { rowsOfGroup, type FlowIndex } from './flow-index.ts';

export interface ClockEstimate {
  file: number;
  /** The file every offset is relative to. */
  reference: number;
  /** The file this one was compared with (the reference, or a file already placed). */
  via: number;
  /** This file's clock minus the reference's, in ms: its times are this much late (negative: early). */
  offsetMs: number;
  /** Half the interquartile range of the per-id (or per-anchor) differences, summed along `via`. */
  spreadMs: number;
  /** Ids (or anchor pairs) the estimate rests on. */
  pairs: number;
  method: 'ids' | 'anchors';
  /**
   * With ids, when one file's spans wrap the other's (longer per request):
   * the share of ids whose inner span fits inside the outer one once
   * corrected. Null when each file logs one line per request.
   */
  consistent: number | null;
}

export interface ClockReport {
  /** The file the others are measured against (most shared ids), null when no file could be placed. */
  reference: number | null;
  estimates: ClockEstimate[];
}

/** An estimate from fewer ids than this is not offered. */
export const MIN_ID_PAIRS = 3;
/** Anchors must agree on an offset within this window, and the offset stay under MAX_ANCHOR_OFFSET_MS. */
const ANCHOR_WINDOW_MS = 2000;
const MAX_ANCHOR_OFFSET_MS = 3600_000;
/** Anchors per file compared (the earliest): bounds the pairwise work. */
const MAX_ANCHORS = 400;
/** Ids per pair of files kept for the estimate. */
const MAX_SAMPLES = 50_000;

interface Samples {
  a: number;
  b: number;
  /** midB - midA per id. */
  delta: number[];
  durA: number[];
  durB: number[];
  spans: [number, number, number, number][];
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const x = (sorted.length - 1) * q;
  const lo = Math.floor(x);
  const hi = Math.ceil(x);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (x - lo);
}

function summary(values: readonly number[]): { median: number; spread: number } {
  const s = [...values].sort((x, y) => x - y);
  return { median: quantile(s, 0.5), spread: (quantile(s, 0.75) - quantile(s, 0.25)) / 2 };
}

/** Per pair of files, one sample per shared id: the files' first and last time for it. */
function idSamples(ix: FlowIndex, t: Pick<EventTable, 'tMs' | 'file'>): Map<number, Samples> {
  const out = new Map<number, Samples>();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (let g = 0; g < ix.groups; g++) {
    first.clear();
    last.clear();
    for (const row of rowsOfGroup(ix, g)) {
      const f = t.file[row];
      const ms = t.tMs[row];
      if (!first.has(f)) first.set(f, ms);
      last.set(f, ms);
    }
    if (first.size < 2) continue;
    const files = [...first.keys()].sort((x, y) => x - y);
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const a = files[i];
        const b = files[j];
        const key = a * 65536 + b;
        let s = out.get(key);
        if (!s) out.set(key, (s = { a, b, delta: [], durA: [], durB: [], spans: [] }));
        if (s.delta.length >= MAX_SAMPLES) continue;
        const a0 = first.get(a) ?? 0;
        const a1 = last.get(a) ?? 0;
        const b0 = first.get(b) ?? 0;
        const b1 = last.get(b) ?? 0;
        s.delta.push((b0 + b1) / 2 - (a0 + a1) / 2);
        s.durA.push(a1 - a0);
        s.durB.push(b1 - b0);
        s.spans.push([a0, a1, b0, b1]);
      }
    }
  }
  return out;
}

/** b's offset from a (ms) with its spread, and how well the spans nest once corrected. */
function fromIds(s: Samples): { offset: number; spread: number; consistent: number | null } {
  const { median, spread } = summary(s.delta);
  const durA = summary(s.durA).median;
  const durB = summary(s.durB).median;
  let consistent: number | null = null;
  if (durA !== durB) {
    const aOuter = durA > durB;
    let fit = 0;
    for (const [a0, a1, b0, b1] of s.spans) {
      const c0 = b0 - median;
      const c1 = b1 - median;
      if (aOuter ? c0 >= a0 && c1 <= a1 : a0 >= c0 && a1 <= c1) fit++;
    }
    consistent = fit / s.spans.length;
  }
  return { offset: median, spread, consistent };
}

/** Times of a file's anchor events: restarts and signals (reloads, SIGHUP), the earliest MAX_ANCHORS. */
function anchorTimes(t: Pick<EventTable, 'length' | 'tMs' | 'file' | 'kind'>, files: number): number[][] {
  const out: number[][] = Array.from({ length: files }, () => []);
  for (let i = 0; i < t.length; i++) {
    const k = t.kind[i];
    if (k !== Kind.restart && k !== Kind.signal) continue;
    const list = out[t.file[i]];
    if (list && list.length < MAX_ANCHORS) list.push(t.tMs[i]);
  }
  return out;
}

/**
 * b's offset from a from anchors: the offset most anchor pairs agree on
 * (within ANCHOR_WINDOW_MS), when at least two anchors of each file take part.
 */
export function fromAnchors(a: readonly number[], b: readonly number[]): { offset: number; spread: number; pairs: number } | null {
  const d: { v: number; i: number; j: number }[] = [];
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) {
    const v = b[j] - a[i];
    if (Math.abs(v) <= MAX_ANCHOR_OFFSET_MS) d.push({ v, i, j });
  }
  d.sort((x, y) => x.v - y.v);
  let best: { from: number; to: number } | null = null;
  for (let lo = 0, hi = 0; hi < d.length; hi++) {
    while (d[hi].v - d[lo].v > ANCHOR_WINDOW_MS) lo++;
    if (!best || hi - lo > best.to - best.from) best = { from: lo, to: hi };
  }
  if (!best) return null;
  const win = d.slice(best.from, best.to + 1);
  const ai = new Set(win.map((x) => x.i));
  const bj = new Set(win.map((x) => x.j));
  const pairs = Math.min(ai.size, bj.size);
  if (pairs < 2) return null;
  const { median, spread } = summary(win.map((x) => x.v));
  return { offset: median, spread, pairs };
}

/**
 * Offsets of every file that can be placed, against the file sharing the
 * most ids with the others; files reached only through another file are
 * placed through it (a backend through the proxy), and files sharing no ids
 * through anchors.
 */
export function estimateClockOffsets(ix: FlowIndex | null, t: Pick<EventTable, 'length' | 'tMs' | 'file' | 'kind'>, files: number): ClockReport {
  const edges = ix ? [...idSamples(ix, t).values()].filter((s) => s.delta.length >= MIN_ID_PAIRS) : [];
  const weight = new Array<number>(files).fill(0);
  for (const e of edges) {
    weight[e.a] += e.delta.length;
    weight[e.b] += e.delta.length;
  }
  const anchors = anchorTimes(t, files);
  let reference = -1;
  for (let f = 0; f < files; f++) if (weight[f] > 0 && (reference < 0 || weight[f] > weight[reference])) reference = f;
  if (reference < 0) {
    for (let f = 0; f < files; f++) if (anchors[f].length > 0 && (reference < 0 || anchors[f].length > anchors[reference].length)) reference = f;
  }
  if (reference < 0) return { reference: null, estimates: [] };
  const placed = new Map<number, ClockEstimate>();
  placed.set(reference, { file: reference, reference, via: reference, offsetMs: 0, spreadMs: 0, pairs: 0, method: 'ids', consistent: null });
  // Prim's order: the strongest link from a placed file to an unplaced one first.
  for (;;) {
    let pick: Samples | null = null;
    for (const e of edges) {
      if (placed.has(e.a) === placed.has(e.b)) continue;
      if (!pick || e.delta.length > pick.delta.length) pick = e;
    }
    if (!pick) break;
    const est = fromIds(pick);
    const forward = placed.has(pick.a);
    const via = forward ? pick.a : pick.b;
    const file = forward ? pick.b : pick.a;
    const base = placed.get(via) as ClockEstimate;
    placed.set(file, {
      file, reference, via,
      offsetMs: base.offsetMs + (forward ? est.offset : -est.offset),
      spreadMs: base.spreadMs + est.spread,
      pairs: pick.delta.length,
      method: 'ids',
      consistent: est.consistent,
    });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let f = 0; f < files; f++) {
      if (placed.has(f) || anchors[f].length === 0) continue;
      let bestEst: ClockEstimate | null = null;
      for (const base of placed.values()) {
        const a = fromAnchors(anchors[base.file], anchors[f]);
        if (a && (!bestEst || a.pairs > bestEst.pairs)) {
          bestEst = { file: f, reference, via: base.file, offsetMs: base.offsetMs + a.offset, spreadMs: base.spreadMs + a.spread, pairs: a.pairs, method: 'anchors', consistent: null };
        }
      }
      if (bestEst) {
        placed.set(f, bestEst);
        changed = true;
      }
    }
  }
  placed.delete(reference);
  if (placed.size === 0) return { reference: null, estimates: [] };
  return { reference, estimates: [...placed.values()].sort((x, y) => x.file - y.file) };
}
