// Splitting a file across threads (this thread plus workers) must not change
// what the user reads: the same files summary, the same events and the same
// findings as reading it on one thread. Small slices force the split on a
// small file, so several slices run on this thread and on a worker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzePaths } from '../../src/cli/main.ts';
import { render, requests, sec, steady } from '../analysis/dialects.ts';

const dir = mkdtempSync(join(tmpdir(), 'timberline-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('analyze with threads', () => {
  it('gives the report of one thread when slices run on this thread and on a worker', async () => {
    // Traffic with a burst of 503s in the middle, and one-off messages around it.
    const events = [
      ...requests(sec(0), sec(3600), 60, (t) => (t > sec(1800) && t < sec(1900) ? 503 : 200)),
      ...steady(sec(0), sec(3600), 250, (t, i) => ({ t, level: 'info', msg: `order ${i * 7919} shipped to customer ${i % 977}` })),
    ];
    const path = join(dir, 'app.jsonl');
    writeFileSync(path, render('slog', events));
    const one = await analyzePaths([path], { threads: 1 });
    const two = await analyzePaths([path], { threads: 2, sliceMinBytes: 1, sliceBytes: 256 << 10 });
    expect(one.files[0].events).toBeGreaterThan(70_000);
    expect(two.files).toEqual(one.files);
    expect(two.findings.map((f) => [f.rule, f.start, f.end, f.title])).toEqual(one.findings.map((f) => [f.rule, f.start, f.end, f.title]));
    expect(one.findings.length).toBeGreaterThan(0);
  }, 120_000);
});
