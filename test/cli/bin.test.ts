// The `timberline` command as a user runs it: a fresh Node process on the
// bundled JavaScript (built on first use when missing or stale), reading a
// file or standard input, with the documented exit statuses.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SLICE_MIN_BYTES } from '../../src/engine/ingest/parallel-ingest.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'src/cli/timberline.mjs');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'timberline-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('timberline bin', () => {
  it('runs the bundled CLI: --version prints the package version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^timberline \d+\.\d+\.\d+\n$/);
    expect(existsSync(resolve(ROOT, 'dist-cli/main.cjs'))).toBe(true);
  });

  it("analyses standard input given as '-' and prints exactly one JSON document", () => {
    const log = [
      '{"time":"2024-01-01T00:00:00Z","level":"info","msg":"started"}',
      '{"time":"2024-01-01T00:00:01Z","level":"error","msg":"boom"}',
    ].join('\n');
    const r = run(['analyze', '--json', '-'], log);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { files: { name: string; events: number }[] };
    expect(report.files).toEqual([expect.objectContaining({ name: 'stdin', events: 2 })]);
  });

  it('prints times of day for an excerpt without a date, and marks it dateUnknown in --json', () => {
    // Pasted as an issue shows it: times of day only, one line cut with "...".
    const log = [
      '{"level":"info","time":"22:40:53.187887976Z","msg":"Received signal, updating routes"}',
      '{"level":"info","time":"22:40:53.201115Z","msg":"Renewing certificate","domain":"a.example.org", ...}',
      '{"level":"warn","time":"22:46:30.617Z","msg":"Failed to connect to upstream"}',
    ].join('\n');
    const text = run(['analyze', '-'], log);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('22:40:53.187Z … 22:46:30.617Z (times of day, date unknown)');
    expect(text.stdout).not.toMatch(/1970/);
    const json = run(['analyze', '--json', '-'], log);
    const report = JSON.parse(json.stdout) as { files: { dateUnknown: boolean; firstTime: string; lastTime: string; recovered: number }[] };
    expect(report.files[0]).toMatchObject({ dateUnknown: true, firstTime: '22:40:53.187Z', lastTime: '22:46:30.617Z', recovered: 1 });
  });

  it('says when a clock is process uptime, and how many times were inferred from the line before', () => {
    const gc = ['[2.114s][info][gc,start    ] GC(0) Pause Young (Normal)', '[95.402s][warning][gc,alloc    ] GC(41) To-space exhausted'].join('\n');
    const text = run(['analyze', '-'], gc);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('00:00:02.114Z … 00:01:35.402Z (process uptime: time since the program started, date unknown)');
    const json = JSON.parse(run(['analyze', '--json', '-'], gc).stdout) as { files: { uptimeClock: boolean; dateUnknown: boolean }[] };
    expect(json.files[0]).toMatchObject({ uptimeClock: true, dateUnknown: false });
    const boot = ['Preparing for start ...', '2024-11-05T09:25:59Z CRITICAL WORKER TIMEOUT (pid:17)', 'HTTP server successfully started!'].join('\n');
    const inferred = run(['analyze', '-'], boot);
    expect(inferred.stdout).toContain('2 untimed (2 with a time inferred from the line before)');
    const report = JSON.parse(run(['analyze', '--json', '-'], boot).stdout) as { files: { untimed: number; timeInferred: number }[] };
    expect(report.files[0]).toMatchObject({ untimed: 2, timeInferred: 2 });
  });

  it('exit status 1 when no input could be read, 2 on bad usage', () => {
    const missing = run(['analyze', 'no-such-file.log']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('no-such-file.log');
    const bad = run(['analyze', '--threads']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--threads needs a whole number');
  });

  it('--quiet prints the findings without the per-file summary', () => {
    const r = run(['analyze', '--quiet', 'public/samples/reload-stall/centauri.log']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\[CRITICAL\] Stall after reload/);
    expect(r.stdout).not.toContain('• centauri.log');
    // The same findings as the full summary prints, and --json keeps every mark even with --quiet.
    const full = run(['analyze', 'public/samples/reload-stall/centauri.log']);
    expect(full.stdout).toContain(r.stdout.trim());
    expect(full.stdout).toMatch(/\nmarks: \d+ /);
    const json = JSON.parse(run(['analyze', '--quiet', '--json', 'public/samples/reload-stall/centauri.log']).stdout) as { marks: unknown[] };
    expect(json.marks.length).toBeGreaterThan(0);
  });

  it('--query counts the matching events in all and per file; a query that cannot run is exit 2 with the reason', () => {
    const log = [
      '{"time":"2024-01-01T00:00:00Z","level":"info","msg":"proxied","status":200}',
      '{"time":"2024-01-01T00:00:01Z","level":"error","msg":"proxied","status":502}',
      '{"time":"2024-01-01T00:00:02Z","level":"error","msg":"proxied","status":503}',
    ].join('\n');
    const r = run(['analyze', '--json', '--query', 'status>=500', '-'], log);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { query: { matches: number; perFile: { file: string; matches: number }[] } };
    expect(report.query.matches).toBe(2);
    expect(report.query.perFile).toEqual([{ file: 'stdin', matches: 2 }]);
    const windowed = run(['analyze', '--json', '--query', 'status>=500', '--since', '2024-01-01T00:00:02Z', '-'], log);
    expect((JSON.parse(windowed.stdout) as { query: { matches: number } }).query.matches).toBe(1);
    const bad = run(['analyze', '--query', 'msg=~(a)\\1', '-'], log);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/query cannot run: .*backreference/);
  });
  it('reads a CSV file (its parser is loaded on first use) and reports its events', () => {
    const r = run(['analyze', '--json', 'test/fixtures/csv/semicolon.csv']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { files: { format: string; events: number }[]; findings: { title: string }[] };
    expect(report.files).toEqual([expect.objectContaining({ format: 'csv', events: 3 })]);
    expect(report.findings.map((f) => f.title)).toContain('The disk is full: "Backup failed: disk full"');
  });

  it('--threads 2 --split-from 16M splits a file across a worker thread and reports what one thread reports', () => {
    // Over 16 MB; one-off messages and a burst of errors.
    const lines: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < SLICE_MIN_BYTES + (1 << 20); i++) {
      const t = new Date(Date.UTC(2024, 0, 1) + i * 20).toISOString();
      const failing = i % 50_000 < 300;
      lines.push(JSON.stringify({ time: t, level: failing ? 'error' : 'info', msg: failing ? 'upstream connect error: connection refused' : `order ${i * 7919} shipped`, id: i }));
      bytes += lines[lines.length - 1].length + 1;
    }
    const path = join(dir, 'big.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    const one = run(['analyze', '--json', '--threads', '1', path]);
    const two = run(['analyze', '--json', '--threads', '2', '--split-from', '16M', path]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const parsed = JSON.parse(one.stdout) as { files: { events: number }[]; findings: unknown[] };
    expect(parsed.files[0].events).toBe(lines.length);
    expect(parsed.findings.length).toBeGreaterThan(0);
    expect(two.stdout).toBe(one.stdout);
  }, 120_000);

  it('leaves quietly with its exit status when the reader closes the pipe early (`| head`)', async () => {
    const log = Array.from({ length: 2000 }, (_, i) => `{"time":"2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z","level":"error","msg":"request ${i} failed"}`).join('\n');
    const file = join(dir, 'many.jsonl');
    writeFileSync(file, log);
    const child = spawn(process.execPath, [BIN, 'analyze', '--json', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the report is written, as `head` is once it has its lines.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(status).toBe(0);
  });
});
