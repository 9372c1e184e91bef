// The Node half of `npm run bench`: on one file, in one process, times the
// naive JSON.parse + Date.parse loop, the engine's single-threaded ingest and
// the engine split across worker threads (one per core). Runs alternate and
// each figure is the best of its runs, so a noisy neighbour slows all three
// alike and the ratios stay comparable.

import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { ingestParallel } from '../../src/engine/ingest/parallel-ingest.ts';
import { fileSource } from '../../src/cli/node-source.ts';
import { threadRunner } from '../../src/cli/thread-pool.ts';
import { naiveLoop } from './naive.ts';

export interface Timing {
  ms: number;
  mbPerS: number;
  linesPerS: number;
}

export interface NodeFigures {
  file: string;
  bytes: number;
  lines: number;
  events: number;
  cpus: number;
  workers: number;
  runs: number;
  naive: Timing;
  single: Timing;
  parallel: Timing;
  /** single / naive throughput: the target is >= 1. */
  singleVsNaive: number;
  parallelVsNaive: number;
  parallelVsSingle: number;
  /** Parallel table equals the single-threaded one (rows, times, lines, offsets). */
  parallelMatches: boolean;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function timing(ms: number, bytes: number, lines: number): Timing {
  return { ms: Math.round(ms), mbPerS: +((bytes / (1 << 20)) / (ms / 1000)).toFixed(1), linesPerS: Math.round(lines / (ms / 1000)) };
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  gc();
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

export async function nodeBench(path: string, runs = 3, workers = availableParallelism(), log: (s: string) => void = console.log): Promise<NodeFigures> {
  const bytes = (await stat(path)).size;
  const runner = threadRunner([path], workers);
  const best = { naive: Infinity, single: Infinity, parallel: Infinity };
  let lines = 0;
  let events = 0;
  let matches = true;
  try {
    for (let i = 0; i < runs; i++) {
      const [tn, n] = await timed(() => naiveLoop(path));
      lines = n.lines;
      best.naive = Math.min(best.naive, tn);
      const [ts, s] = await timed(async () => ingestSources([await fileSource(path)]));
      best.single = Math.min(best.single, ts);
      events = s.table.length;
      const tableS = s.table;
      const [tp, p] = await timed(async () => ingestParallel([await fileSource(path)], runner));
      best.parallel = Math.min(best.parallel, tp);
      matches &&= sameRows(tableS, p.table);
      log(`  run ${i + 1}/${runs}: naive ${tn.toFixed(0)} ms, engine 1 thread ${ts.toFixed(0)} ms, engine ${workers} threads ${tp.toFixed(0)} ms`);
    }
  } finally {
    await runner.close();
  }
  const naive = timing(best.naive, bytes, lines);
  const single = timing(best.single, bytes, lines);
  const parallel = timing(best.parallel, bytes, lines);
  return {
    file: path,
    bytes,
    lines,
    events,
    cpus: availableParallelism(),
    workers,
    runs,
    naive,
    single,
    parallel,
    singleVsNaive: +(best.naive / best.single).toFixed(2),
    parallelVsNaive: +(best.naive / best.parallel).toFixed(2),
    parallelVsSingle: +(best.single / best.parallel).toFixed(2),
    parallelMatches: matches,
  };
}

function sameRows(a: { length: number; tMs: Float64Array; line: Uint32Array; byteOffset: Float64Array; lineCount: Uint32Array }, b: typeof a): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a.tMs[i] !== b.tMs[i] || a.line[i] !== b.line[i] || a.byteOffset[i] !== b.byteOffset[i] || a.lineCount[i] !== b.lineCount[i]) return false;
  }
  return true;
}
