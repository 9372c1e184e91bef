// Benchmark of the ClickHouse source on a multi-million-row otel_logs incident
// in chDB behind the loopback endpoint: time to the density counts, to the
// first finding, rows fetched, and a one-minute zoom. Prints figures only.
// Run: npx tsx test/clickhouse/bench.ts [rows]   (needs npm install --prefix test/clickhouse)

import { EngineSession } from '../../src/engine/session/session.ts';
import { pullIncident, pullRange, pulledSources } from '../../src/engine/sources/clickhouse/pull.ts';
import { analyzePulled } from '../../src/engine/sources/clickhouse/analyze-pulled.ts';
import { OTEL_MAPPING } from '../../src/engine/sources/clickhouse/schema.ts';
import { FROM_MS, TO_MS } from './incident.ts';
import { HAVE_CHDB, PASSWORD, USER, startEndpoint, stopEndpoint } from './setup.ts';

const rows = Number(process.argv[2] ?? 3_000_000);
if (!HAVE_CHDB) {
  console.log('chDB is not installed: npm install --prefix test/clickhouse');
  process.exit(0);
}
const t0 = performance.now();
const ep = await startEndpoint(rows);
console.log(`built otel_logs with ${ep.rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
try {
  const conn = { url: ep.server.url, user: USER, password: PASSWORD };
  const w = { table: 'otel_logs', mapping: OTEL_MAPPING, fromMs: FROM_MS, toMs: TO_MS };
  const start = performance.now();
  let densityMs = 0;
  // The app's path: density, then the candidate events (no class summary).
  const pulled = await pullIncident(conn, w, { classes: false, onDensity: () => (densityMs = performance.now() - start) });
  const pulledMs = performance.now() - start;
  const s = await new EngineSession().load(pulledSources(pulled.files), { analyse: (r) => analyzePulled(r, pulled.density) });
  const findingMs = performance.now() - start;
  console.log(`density after ${densityMs.toFixed(0)} ms; first finding after ${findingMs.toFixed(0)} ms (${s.analysis.findings.map((f) => f.rule).join(', ')})`);
  console.log(`rows fetched: ${pulled.stats.rowsReturned} of ${ep.rows} (${((100 * pulled.stats.rowsReturned) / ep.rows).toFixed(3)}%) in ${pulled.stats.queries} queries`);
  // Where the time went: each query as the endpoint saw it, then the analysis in this process.
  const perQuery = ep.server.stats.log.map((q) => `${q.ms.toFixed(0)} ms`).join(', ');
  console.log(`  server time per query (density, events): ${perQuery}; engine load and analysis ${(findingMs - pulledMs).toFixed(0)} ms`);
  ep.server.resetStats();
  const c0 = performance.now();
  const withClasses = await pullIncident(conn, w);
  console.log(`with the class summary too (the CLI's bundle): ${(performance.now() - c0).toFixed(0)} ms, ${withClasses.stats.rowsReturned} rows in ${withClasses.stats.queries} queries`);
  const z = performance.now();
  const minute = await pullRange(conn, w, Date.parse('2024-05-14T02:12:00Z'), Date.parse('2024-05-14T02:13:00Z'));
  console.log(`one-minute zoom: ${minute.rows} raw lines in ${(performance.now() - z).toFixed(0)} ms`);
} finally {
  await stopEndpoint(ep);
}
