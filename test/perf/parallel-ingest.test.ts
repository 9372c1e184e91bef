// Parallel ingest must give the table a single reader gives: same events in
// the same order, same line numbers and byte ranges, stack traces cut by a
// slice boundary rejoined to their event, untimed lines timed the same way,
// same per-file counts, messages and templates. Slices here are tiny (a few
// hundred bytes), so nearly every boundary falls inside a trace.

import { describe, expect, it } from 'vitest';
import { bytesSource, type ByteSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources, type IngestResult } from '../../src/engine/ingest/ingest.ts';
import { IngestCancelled } from '../../src/engine/ingest/ingest.ts';
import { ingestParallel, inProcessRunner, queueRunner, sliceStarts, type SliceRunner } from '../../src/engine/ingest/parallel-ingest.ts';
import type { SliceResult, SliceTask } from '../../src/engine/ingest/slice-ingest.ts';
import { HEAD_CAP_LINES } from '../../src/engine/ingest/slice-ingest.ts';
import { COLUMN_NAMES } from '../../src/engine/model/event-table.ts';
import { logLines, rng } from '../bench/generate.ts';

const GO_TRACE = [
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b1c]',
  '',
  'goroutine 1 [running]:',
  'main.(*server).handle(0xc000123400, {0xc0001a2b40, 0x12})',
  '\t/app/server.go:42 +0x65',
  'main.main()',
  '\t/app/main.go:88 +0x3a5',
  'exit status 2',
];
const PY_TRACE = ['Traceback (most recent call last):', '  File "/app/x.py", line 3, in <module>', '    main()', 'ValueError: boom'];

/** JSON lines with traces, bare text, blank, malformed and CRLF lines mixed in. */
function mixedLog(n: number, seed: number, leadingUntimed = 0): string {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < leadingUntimed; i++) out.push(`starting up step ${i}`);
  let k = 0;
  for (const line of logLines(seed)) {
    if (k++ >= n) break;
    const x = r();
    if (x < 0.06) out.push(...GO_TRACE);
    else if (x < 0.09) out.push(...PY_TRACE);
    else if (x < 0.11) out.push('');
    else if (x < 0.12) out.push('{"time": "2024-05-01T00:00:00Z", "msg": broken');
    else if (x < 0.13) out.push('plain text line without a time');
    else if (x < 0.14) out.push('2024-05-01T00:00:09.5Z ERROR text line with its own time');
    else if (x < 0.16) out.push(JSON.stringify({ level: 'info', ts: 1714521600 + k, logger: 'tls.renew', msg: x < 0.15 ? 'renewing certificate' : 'certificate obtained successfully', identifier: `host-${k % 9}.example.com` }));
    out.push(x > 0.97 ? line + '\r' : line);
  }
  return out.join('\n') + '\n';
}

/** Every row as plain values with names instead of interned ids. */
function rows(r: IngestResult): Record<string, unknown>[] {
  const t = r.table;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < t.length; i++) {
    const row: Record<string, unknown> = {};
    for (const c of COLUMN_NAMES) row[c] = t[c][i];
    row.logger = t.loggers[t.logger[i]];
    row.template = r.templates[t.template[i]]?.pattern;
    row.message = r.messages[i];
    out.push(row);
  }
  return out;
}

async function both(sources: () => ByteSource[], sliceBytes: number, workers = 3): Promise<[IngestResult, IngestResult]> {
  const single = await ingestSources(sources());
  const src = sources();
  const parallel = await ingestParallel(src, inProcessRunner(src, workers), { sliceMinBytes: 0, sliceBytes });
  return [single, parallel];
}

function expectSame(single: IngestResult, parallel: IngestResult): void {
  // Only JSON lines (and logfmt) are split; anything else would pass trivially.
  expect(single.files[0].format).toBe('json-lines');
  expect(parallel.table.length).toBe(single.table.length);
  expect(parallel.files).toEqual(single.files);
  const a = rows(single);
  const b = rows(parallel);
  for (let i = 0; i < a.length; i++) expect({ row: i, ...b[i] }).toEqual({ row: i, ...a[i] });
  const counts = (r: IngestResult) => Object.fromEntries(r.templates.map((t) => [t.pattern, t.count]));
  expect(counts(parallel)).toEqual(counts(single));
  expect(parallel.table.subjects).toEqual(single.table.subjects);
}

describe('parallel ingest', () => {
  it('gives the single-reader table when slice boundaries cut through stack traces', async () => {
    const text = mixedLog(900, 5);
    const [single, parallel] = await both(() => [bytesSource('mixed.log', text, 4096)], 700);
    expect(single.table.subjects?.size).toBeGreaterThan(20); // operations name what they renew
    // The file really has multi-line events for the seams to cut.
    expect(single.files[0].continuations).toBeGreaterThan(120);
    expect(single.files[0].format).toBe('json-lines');
    expectSame(single, parallel);
  });

  it('times untimed lines at the head of the file (across several slices) by the first timestamp', async () => {
    const text = mixedLog(300, 8, 60);
    const [single, parallel] = await both(() => [bytesSource('late-start.log', text, 1000)], 256);
    expect(single.table.length).toBeGreaterThan(60);
    expectSame(single, parallel);
  });

  it('reads a run of lines with no time longer than a slice looks ahead, from the file itself', async () => {
    const frames = Array.from({ length: HEAD_CAP_LINES + 500 }, (_, i) => `\tat com.example.Frame${i}.call(Frame.java:${i})`);
    const text = [
      '{"time":"2024-05-01T00:00:00Z","level":"error","msg":"request failed"}',
      'java.lang.IllegalStateException: boom',
      ...frames,
      '{"time":"2024-05-01T00:00:01Z","level":"info","msg":"recovered"}',
      '',
    ].join('\n');
    const [single, parallel] = await both(() => [bytesSource('deep.log', text)], 64 << 10);
    expect(single.table.length).toBe(2);
    expect(single.table.lineCount[0]).toBe(frames.length + 2);
    expectSame(single, parallel);
  });

  it('rejoins one-frame-per-record stacks of Docker json-file logs cut by a boundary', async () => {
    const r = rng(3);
    const lines: string[] = [];
    let ms = Date.UTC(2024, 4, 1);
    for (let i = 0; i < 400; i++) {
      ms += 7;
      const time = new Date(ms).toISOString();
      if (r() < 0.2) {
        lines.push(JSON.stringify({ log: 'Exception in thread "main" java.lang.IllegalStateException: boom\n', stream: 'stderr', time }));
        for (let f = 0; f < 4; f++) lines.push(JSON.stringify({ log: `\tat com.example.Service.call${f}(Service.java:${10 + f})\n`, stream: 'stderr', time }));
      } else lines.push(JSON.stringify({ log: JSON.stringify({ level: 'info', ts: ms / 1000, msg: `request ${i % 7} done` }) + '\n', stream: 'stdout', time }));
    }
    const text = lines.join('\n') + '\n';
    const [single, parallel] = await both(() => [bytesSource('docker.log', text)], 300);
    expect(single.files[0].continuations).toBeGreaterThan(100);
    expectSame(single, parallel);
  });

  it('merges several files, split and whole, into the same timeline', async () => {
    const big = mixedLog(800, 21);
    const small = mixedLog(40, 22);
    const [single, parallel] = await both(() => [bytesSource('a.log', big), bytesSource('b.log', '\uFEFF' + small), bytesSource('c.log', mixedLog(500, 23))], 1500, 2);
    expectSame(single, parallel);
  });

  it('gives the single reader\'s table and out-of-order count when the slices come back sorted by time', async () => {
    // Interleaved writers: lines out of time order, inside slices and across their seams.
    const text = mixedLog(1500, 41);
    const src = [bytesSource('jittered.log', text)];
    const inner = inProcessRunner(src, 2);
    const reordered: boolean[] = [];
    const watching: SliceRunner = {
      concurrency: 2,
      run: async (task, onBytes) => {
        const r = await inner.run(task, onBytes);
        reordered.push(r.sorted && r.order.some((row, i) => row !== i));
        return r;
      },
    };
    const parallel = await ingestParallel(src, watching, { sliceMinBytes: 0, sliceBytes: 2000 });
    const single = await ingestSources([bytesSource('jittered.log', text)]);
    expect(single.files[0].outOfOrder).toBeGreaterThan(50);
    expect(reordered.filter(Boolean).length).toBeGreaterThan(reordered.length / 2);
    expectSame(single, parallel);
    // The slices' messages come numbered, sorted with their rows: one number, one message.
    const numbers = parallel.table.messageNumbers as Int32Array;
    const byNumber = new Map<number, string | undefined>();
    for (let row = 0; row < numbers.length; row++) {
      if (numbers[row] < 0) continue;
      if (!byNumber.has(numbers[row])) byNumber.set(numbers[row], parallel.messages[row]);
      expect(parallel.messages[row]).toBe(byNumber.get(numbers[row]));
    }
    expect(byNumber.size).toBeGreaterThan(100);
  });

  it('calls whileSlicing once per split file, after its first slice, while its other slices are still being parsed', async () => {
    const texts = [mixedLog(800, 21), mixedLog(40, 22), mixedLog(500, 23)];
    // a.log and c.log are split; b.log (a few KB) is read whole.
    expect(texts.map((t) => t.length >= 10_000)).toEqual([true, false, true]);
    const sources = texts.map((t, i) => bytesSource(`${'abc'[i]}.log`, t));
    let calls = 0;
    await ingestParallel(sources, inProcessRunner(sources, 2), { sliceMinBytes: 10_000, sliceBytes: 1500, whileSlicing: () => calls++ });
    expect(calls).toBe(2);
  });

  it('reads a file whole, with a notice and the single-reader result, when a worker reading one of its slices dies', async () => {
    const text = mixedLog(600, 31);
    const single = await ingestSources([bytesSource('a.log', text)]);
    const src = [bytesSource('a.log', text)];
    const inner = inProcessRunner(src, 2);
    let n = 0;
    const dying: SliceRunner = { concurrency: 2, run: (task, onBytes) => (++n === 2 ? Promise.reject(new Error('its worker ended')) : inner.run(task, onBytes)) };
    const parallel = await ingestParallel(src, dying, { sliceMinBytes: 0, sliceBytes: 1500 });
    expect(n).toBeGreaterThan(2);
    expect(parallel.files[0].notices).toContain('a worker reading part of this file failed (its worker ended); the whole file was read again on one thread');
    expect(rows(parallel)).toEqual(rows(single));
    // The merged slices' rows were rolled back with their template counts: no count is left twice.
    const counts = (r: IngestResult) => Object.fromEntries(r.templates.filter((t) => t.count > 0).map((t) => [t.pattern, t.count]));
    expect(counts(parallel)).toEqual(counts(single));
  });

  it('stops waiting for slices when the load is cancelled, and stops the workers', async () => {
    let stopped = false;
    const stuck: SliceRunner = { concurrency: 2, run: () => new Promise(() => undefined), cancel: () => (stopped = true) };
    const signal = { aborted: false };
    setTimeout(() => (signal.aborted = true), 30);
    const load = ingestParallel([bytesSource('big.log', mixedLog(200, 9))], stuck, { sliceMinBytes: 0, sliceBytes: 2000, signal });
    await expect(load).rejects.toBeInstanceOf(IngestCancelled);
    expect(stopped).toBe(true);
  });
});

describe('slice plan', () => {
  const MB = 1 << 20;
  const sizes = (starts: number[], size: number) => starts.map((s, i) => (starts[i + 1] ?? size) - s);

  it('cuts a file into contiguous slices: a short first one, then even ones on one thread', () => {
    const size = 200 * MB + 12_345;
    const starts = sliceStarts(size, 33 * MB, 1);
    expect(starts[0]).toBe(0);
    const s = sizes(starts, size);
    expect(s[0]).toBe(4 * MB);
    expect(Math.max(...s.slice(1)) - Math.min(...s.slice(1))).toBeLessThanOrEqual(1);
  });

  it('with two threads, shrinks slices toward the end so neither thread is left parsing a big last slice alone', () => {
    const size = 200 * MB + 12_345;
    const target = Math.ceil(size / 6);
    const starts = sliceStarts(size, target, 2);
    const s = sizes(starts, size);
    expect(s.reduce((a, b) => a + b, 0)).toBe(size);
    expect(starts.every((x, i) => i === 0 || x > starts[i - 1])).toBe(true);
    expect(s[0]).toBe(4 * MB);
    expect(Math.max(...s)).toBeLessThanOrEqual(target);
    // The last slices are a quarter of the middle ones or less, and never slivers.
    expect(Math.max(...s.slice(-2))).toBeLessThanOrEqual(target / 4);
    expect(Math.min(...s.slice(1))).toBeGreaterThanOrEqual(target / 8);
    // Never more than twice the slices of the even plan.
    expect(starts.length).toBeLessThanOrEqual(2 * sliceStarts(size, target, 1).length);
  });

  it('keeps a file no bigger than one slice whole', () => {
    expect(sliceStarts(20 * MB, 64 * MB, 2)).toEqual([0]);
  });
});

describe('slice queue', () => {
  const task = (slice: number) => ({ slice }) as SliceTask;

  it('hands each worker its next slice ahead when asked to, first to every worker, then a second each', async () => {
    const handed: [number, number][] = [];
    const done: (() => void)[] = [];
    const runner = queueRunner(2, (t, slot) => {
      handed.push([t.slice, slot]);
      return new Promise<SliceResult>((res) => done.push(() => res({} as SliceResult)));
    }, undefined, 2);
    const runs = [0, 1, 2, 3, 4].map((k) => runner.run(task(k)));
    await new Promise((r) => setTimeout(r, 0));
    // Four out at once (two a worker), the fifth waits for a worker to send one back.
    expect(handed).toEqual([[0, 0], [1, 1], [2, 0], [3, 1]]);
    expect(runner.concurrency).toBe(2);
    done[0]();
    await runs[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(handed[4]).toEqual([4, 0]);
    for (const d of done.slice(1)) d();
    await Promise.all(runs);
  });
});

