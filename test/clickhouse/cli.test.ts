// The CLI against the loopback chDB endpoint: `timberline pull clickhouse`
// writes a bundle that `timberline analyze` reads to the same findings as the
// incident's files dropped whole, and `analyze clickhouse://…` gives them
// straight away; the bundle carries provenance, not credentials; bad usage and
// server errors are reported with the server's own words.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePaths } from '../../src/cli/main.ts';
import { analyzeClickHouse, parsePullArgs, pullMain } from '../../src/cli/pull.ts';
import { parseManifest } from '../../src/engine/sources/clickhouse/bundle.ts';
import type { Report } from '../../src/engine/report.ts';
import { writeIncidentFiles, WINDOW } from './incident.ts';
import { HAVE_CHDB, PASSWORD, USER, startEndpoint, stopEndpoint, type Endpoint } from './setup.ts';

const OUT = join(process.cwd(), 'test/.out/ch-cli');

function digest(r: Report) {
  return r.findings.map((f) => ({ rule: f.rule, severity: f.severity, start: f.start, end: f.end, title: f.title }));
}

async function captureStderr<T>(run: () => Promise<T>): Promise<{ value: T; err: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let err = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    return { value: await run(), err };
  } finally {
    process.stderr.write = write;
  }
}

describe.skipIf(!HAVE_CHDB)('timberline pull clickhouse / analyze clickhouse://', () => {
  let ep: Endpoint;
  beforeAll(async () => {
    ep = await startEndpoint();
    process.env.CLICKHOUSE_USER = USER;
    process.env.CLICKHOUSE_PASSWORD = PASSWORD;
    mkdirSync(OUT, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    delete process.env.CLICKHOUSE_USER;
    delete process.env.CLICKHOUSE_PASSWORD;
    await stopEndpoint(ep);
  });

  it('pulls a bundle that analyses like the dropped files, and analyze clickhouse:// agrees', async () => {
    const bundle = join(OUT, 'bundle.jsonl');
    ep.server.resetStats();
    const { value: code, err } = await captureStderr(() => pullMain(['clickhouse', '--url', ep.server.url, '--table', 'otel_logs', '--from', WINDOW.from, '--to', WINDOW.to, '-o', bundle]));
    expect(code).toBe(0);
    expect(err).toContain(`${ep.server.stats.rowsReturned} rows fetched of ${ep.rows}`);
    const text = readFileSync(bundle, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('127.0.0.1');
    const manifest = parseManifest(text.slice(0, text.indexOf('\n')));
    expect(manifest?.provenance).toEqual({ kind: 'clickhouse', table: 'otel_logs', from: '2024-05-14T02:00:00.000Z', to: '2024-05-14T03:00:00.000Z' });
    expect(manifest?.rowsFetched).toBe(ep.server.stats.rowsReturned);

    const fromBundle = await analyzePaths([bundle]);
    expect(fromBundle.files.map((f) => f.name)).toEqual(['edge.jsonl', 'orders-api.jsonl', 'payments.jsonl']);
    const files = await writeIncidentFiles(ep.session, join(OUT, 'dropped'));
    const dropped = await analyzePaths(files);
    expect(digest(fromBundle).map((f) => f.rule)).toEqual(expect.arrayContaining(['stall-after-reload', 'crash']));
    expect(digest(fromBundle)).toEqual(digest(dropped));

    const url = `clickhouse://${new URL(ep.server.url).host}/otel_logs?from=${WINDOW.from}&to=${WINDOW.to}`;
    const { value: live } = await captureStderr(() => analyzeClickHouse(url, process.env));
    expect(digest(live)).toEqual(digest(dropped));
    expect(live.rowsFetched).toBeLessThan(ep.rows * 0.05);
  }, 240_000);

  it('a service filter pulls only those services', async () => {
    const bundle = join(OUT, 'edge.jsonl');
    const { value: code } = await captureStderr(() => pullMain(['clickhouse', '--url', ep.server.url, '--table', 'otel_logs', '--from', WINDOW.from, '--to', WINDOW.to, '--service', 'edge', '-o', bundle]));
    expect(code).toBe(0);
    const r = await analyzePaths([bundle]);
    expect(r.files.map((f) => f.name)).toEqual(['edge.jsonl']);
    expect(r.findings.map((f) => f.rule)).toContain('stall-after-reload');
  }, 60_000);

  it('reports the server error as written and bad usage as usage', async () => {
    const { value: code, err } = await captureStderr(() => pullMain(['clickhouse', '--url', ep.server.url, '--table', 'no_such_logs', '--from', WINDOW.from, '--to', WINDOW.to, '-o', join(OUT, 'x.jsonl')]));
    expect(code).toBe(1);
    expect(err).toMatch(/the server answered: Code: 60\. DB::Exception: .*no_such_logs/);
    expect(parsePullArgs(['clickhouse', '--url', 'http://u:p@127.0.0.1:1/', '--table', 't', '--from', WINDOW.from, '--to', WINDOW.to, '-o', 'x'], {})).toMatch(/credentials do not belong/);
    expect(parsePullArgs(['loki'], {})).toMatch(/one source: clickhouse/);
    expect(parsePullArgs(['clickhouse', '--url', ep.server.url, '--table', 'otel_logs; DROP', '--from', WINDOW.from, '--to', WINDOW.to, '-o', 'x'], {})).toMatchObject({ window: { table: 'otel_logs; DROP' } });
    const { value: bad, err: why } = await captureStderr(() => pullMain(['clickhouse', '--url', ep.server.url, '--table', 'otel_logs; DROP', '--from', WINDOW.from, '--to', WINDOW.to, '-o', join(OUT, 'y.jsonl')]));
    expect(bad).toBe(1);
    expect(why).toContain('Not a column or table name');
  }, 60_000);
});
