// The ClickHouse source against real ClickHouse SQL (chDB behind a loopback
// HTTP endpoint) on a generated otel_logs incident (a few hundred thousand
// rows here; the benchmark runs millions): the findings come from under 1% of
// the rows and equal those of the same incident dropped as files; a zoom streams exactly its minute; server errors
// arrive as ClickHouse wrote them; credentials stay out of URLs and manifests.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EngineSession } from '../../src/engine/session/session.ts';
import { fileSource } from '../../src/cli/node-source.ts';
import type { Finding } from '../../src/engine/rules/types.ts';
import { ClickHouseError, queryAll, type Connection } from '../../src/engine/sources/clickhouse/client.ts';
import { pullIncident, pullRange, pulledSources } from '../../src/engine/sources/clickhouse/pull.ts';
import { OTEL_MAPPING } from '../../src/engine/sources/clickhouse/schema.ts';
import { analyzePulled } from '../../src/engine/sources/clickhouse/analyze-pulled.ts';
import { provenanceOf } from '../../src/engine/sources/clickhouse/provenance.ts';
import type { PullWindow } from '../../src/engine/sources/clickhouse/queries.ts';
import { writeIncidentFiles, FROM_MS, TO_MS, SERVICES } from './incident.ts';
import { HAVE_CHDB, INCIDENT_ROWS, PASSWORD, USER, startEndpoint, stopEndpoint, type Endpoint } from './setup.ts';

const WINDOW: PullWindow = { table: 'otel_logs', mapping: OTEL_MAPPING, fromMs: FROM_MS, toMs: TO_MS };
const limits = { maxExecutionTime: 30, maxRows: 1000 };

function digest(findings: Finding[]) {
  return findings.map((f) => ({ rule: f.rule, severity: f.severity, start: new Date(f.start).toISOString(), end: new Date(f.end).toISOString(), title: f.title, count: f.count }));
}

describe.skipIf(!HAVE_CHDB)('ClickHouse source on a generated otel_logs incident', () => {
  let ep: Endpoint;
  let conn: Connection;
  beforeAll(async () => {
    ep = await startEndpoint();
    conn = { url: ep.server.url, user: USER, password: PASSWORD };
  }, 180_000);
  afterAll(() => stopEndpoint(ep));

  it('finds the stall and the crash from under 1% of the rows, as the dropped files do', async () => {
    ep.server.resetStats();
    let densityBeforeEvents = false;
    const pulled = await pullIncident(conn, WINDOW, {
      onDensity: (d) => {
        densityBeforeEvents = ep.server.stats.log.length === 1 && d.total > 0;
      },
    });
    expect(ep.rows).toBeGreaterThanOrEqual(INCIDENT_ROWS);
    expect(densityBeforeEvents).toBe(true);
    expect(pulled.density.total).toBe(ep.rows);
    expect(new Set(pulled.density.buckets.map((b) => b.source))).toEqual(new Set(SERVICES));
    // The edge's 400 timeouts and 80 bad gateways are counted as errors before any line is fetched.
    expect(pulled.density.buckets.filter((b) => b.source === 'edge').reduce((n, b) => n + b.errors, 0)).toBe(480);
    // What the server sent, counted at the server.
    expect(ep.server.stats.rowsReturned).toBe(pulled.stats.rowsReturned);
    expect(ep.server.stats.rowsReturned).toBeLessThan(ep.rows * 0.01);
    expect(pulled.truncated).toBe(false);
    const classes = new Map(pulled.classes.map((c) => [`${c.class}/${c.source}`, c]));
    expect(classes.get('signal/edge')?.n).toBe(2);
    expect(classes.get('crash/orders-api')?.samples).toEqual(['fatal error: concurrent map writes']);

    const fromPull = await new EngineSession().load(pulledSources(pulled.files), { analyse: (r) => analyzePulled(r, pulled.density) });
    const dir = join(process.cwd(), 'test/.out/ch-incident');
    const paths = await writeIncidentFiles(ep.session, dir);
    const dropped = await new EngineSession().load(await Promise.all(paths.map((p) => fileSource(p))));
    expect(dropped.table.length).toBe(ep.rows);

    const rules = fromPull.analysis.findings.map((f) => f.rule);
    expect(rules).toContain('stall-after-reload');
    expect(rules).toContain('crash');
    expect(digest(fromPull.analysis.findings)).toEqual(digest(dropped.analysis.findings));
    console.log(`pulled ${pulled.stats.rowsReturned} of ${ep.rows} rows (${((100 * pulled.stats.rowsReturned) / ep.rows).toFixed(3)}%) in ${pulled.stats.queries} queries; findings: ${rules.join(', ')}`);
  }, 240_000);

  it('a zoom into one minute streams exactly that minute, in time order', async () => {
    const from = Date.parse('2024-05-14T02:12:00Z');
    const to = from + 60_000;
    const [{ n }] = await queryAll(conn, `SELECT count() AS n FROM otel_logs WHERE Timestamp >= '2024-05-14 02:12:00' AND Timestamp < '2024-05-14 02:13:00'`, { limits });
    ep.server.resetStats();
    let progressRows = 0;
    const r = await pullRange(conn, WINDOW, from, to, { onProgress: (_s, p) => (progressRows = p.rows) });
    expect(r.rows).toBe(Number(n));
    expect(progressRows).toBe(r.rows);
    expect(ep.server.stats.rowsReturned).toBe(r.rows);
    const session = new EngineSession();
    const s = await session.load(pulledSources(r.files));
    expect(s.table.length).toBe(r.rows);
    expect(s.table.tMs[0]).toBeGreaterThanOrEqual(from);
    expect(s.table.tMs[s.table.length - 1]).toBeLessThan(to);
    expect(s.analysis.marks.some((m) => m.kind === 'signal')).toBe(true);
  }, 60_000);

  it('shows server errors as ClickHouse wrote them', async () => {
    const err = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as ClickHouseError);
    const auth = await err(pullIncident({ ...conn, password: 'wrong' }, WINDOW));
    expect(auth).toBeInstanceOf(ClickHouseError);
    expect(auth?.status).toBe(401);
    expect(auth?.message).toMatch(/^Code: 516\. DB::Exception: timberline: Authentication failed/);
    const missing = await err(pullIncident(conn, { ...WINDOW, table: 'no_such_logs' }));
    expect(missing?.code).toBe(60);
    expect(missing?.message).toContain('no_such_logs');
    const tooMany = await err(queryAll(conn, 'SELECT number FROM numbers(5000)', { limits: { maxExecutionTime: 5, maxRows: 100 } }));
    expect(tooMany?.code).toBe(396);
    expect(tooMany?.message).toMatch(/Limit for result exceeded/);
    // Read-only: the same client cannot write, whatever SQL it is handed.
    const write = await err(queryAll(conn, 'INSERT INTO otel_logs (Body) SELECT \'x\'', { limits }));
    expect(write?.message).toMatch(/READONLY/);
    expect(write?.code).toBe(164);
    const [{ n }] = await queryAll(conn, 'SELECT count() AS n FROM otel_logs', { limits });
    expect(Number(n)).toBe(ep.rows);
  }, 120_000);

  it('a pull can be cancelled, and the server keeps answering', async () => {
    const ac = new AbortController();
    let rows = 0;
    const p = pullRange(conn, WINDOW, FROM_MS, TO_MS, {
      signal: ac.signal,
      limit: 2_000_000,
      onProgress: (_s, q) => {
        rows = q.rows;
        if (q.rows > 1000) ac.abort();
      },
    });
    await expect(p).rejects.toThrow(/abort/i);
    // Stopped early: the whole window (every row) never arrived.
    expect(rows).toBeLessThan(ep.rows);
    const [{ n }] = await queryAll(conn, 'SELECT 1 AS n', { limits });
    expect(Number(n)).toBe(1);
  }, 60_000);

  it('keeps credentials out of request URLs and the provenance', async () => {
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    await pullRange(conn, WINDOW, FROM_MS, FROM_MS + 1000, { fetch: spy });
    expect(urls.length).toBe(1);
    for (const u of urls) {
      expect(u).not.toContain(PASSWORD);
      expect(u).not.toContain(USER);
      expect(u).toContain('readonly=2');
      expect(u).toContain('max_execution_time=');
      expect(u).toContain('max_result_rows=');
    }
    const prov = JSON.stringify(provenanceOf(WINDOW, conn, true));
    expect(prov).not.toContain(PASSWORD);
    expect(prov).not.toContain(USER);
    expect(JSON.stringify(provenanceOf(WINDOW, conn))).not.toContain('127.0.0.1');
  });
});
