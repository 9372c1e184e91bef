// Benchmark of the ClickHouse source on a multi-million-row otel_logs incident
// in chDB behind the loopback endpoint: time to the density counts, to the
// first finding, rows fetched, and a one-minute zoom. Prints figures only;
// with --docs it also writes them into docs/clickhouse.md's table, so the
// figures there are the ones a run printed, never typed by hand.
// Run: npx tsx test/clickhouse/bench.ts [rows] [--docs]   (needs npm install --prefix test/clickhouse)

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { EngineSession } from '../../src/engine/session/session.ts';
import { pullIncident, pullRange, pulledSources } from '../../src/engine/sources/clickhouse/pull.ts';
import { analyzePulled } from '../../src/engine/sources/clickhouse/analyze-pulled.ts';
import { OTEL_MAPPING } from '../../src/engine/sources/clickhouse/schema.ts';
import { FROM_MS, TO_MS } from './incident.ts';
import { HAVE_CHDB, PASSWORD, USER, startEndpoint, stopEndpoint } from './setup.ts';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 3_000_000);
const writeDocs = args.includes('--docs');
const DOC = join(import.meta.dirname, '../../docs/clickhouse.md');
const BEGIN = '<!-- bench:clickhouse begin (written by npm run bench:clickhouse -- --docs) -->';
const END = '<!-- bench:clickhouse end -->';

if (!HAVE_CHDB) {
  console.log('chDB is not installed: npm install --prefix test/clickhouse');
  process.exit(0);
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/**
 * CPU time of this process (chDB runs in it, so the server's work counts),
 * in ms: on a machine shared with other jobs the wall clock also measures
 * their load, this does not. Two cores: an idle machine answers in about
 * half of it at best.
 */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** The bench measures; it does not enforce the client's default 30 s per query. */
const timeoutS = 600;
const int = (n: number) => n.toLocaleString('en').replace(/,/g, ' ');

const t0 = performance.now();
const ep = await startEndpoint(rows);
console.log(`built otel_logs with ${ep.rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
try {
  const conn = { url: ep.server.url, user: USER, password: PASSWORD };
  const w = { table: 'otel_logs', mapping: OTEL_MAPPING, fromMs: FROM_MS, toMs: TO_MS };
  const start = performance.now();
  const cpu0 = cpu();
  let densityMs = 0;
  let densityCpu = 0;
  // The app's path: density, then the candidate events (no class summary).
  const pulled = await pullIncident(conn, w, {
    classes: false,
    timeoutS,
    onDensity: () => {
      densityMs = performance.now() - start;
      densityCpu = cpu() - cpu0;
    },
  });
  const pulledMs = performance.now() - start;
  const pulledCpu = cpu() - cpu0;
  const session = await new EngineSession().load(pulledSources(pulled.files), { analyse: (r) => analyzePulled(r, pulled.density) });
  const findingMs = performance.now() - start;
  const findingCpu = cpu() - cpu0;
  const rules = session.analysis.findings.map((f) => f.rule);
  const fetched = pulled.stats.rowsReturned;
  const pct = ((100 * fetched) / ep.rows).toFixed(3);
  console.log(`density after ${densityMs.toFixed(0)} ms (${densityCpu.toFixed(0)} ms CPU); first finding after ${findingMs.toFixed(0)} ms (${findingCpu.toFixed(0)} ms CPU; the candidate query ${(pulledCpu - densityCpu).toFixed(0)} ms CPU) (${rules.join(', ')})`);
  console.log(`rows fetched: ${fetched} of ${ep.rows} (${pct}%) in ${pulled.stats.queries} queries`);
  // Where the time went: each query as the endpoint saw it, then the analysis in this process.
  const [densityQ, eventsQ] = ep.server.stats.log.map((q) => q.ms);
  console.log(`  server time per query (density, events): ${densityQ.toFixed(0)} ms, ${eventsQ.toFixed(0)} ms; engine load and analysis ${(findingMs - pulledMs).toFixed(0)} ms`);
  ep.server.resetStats();
  const c0 = performance.now();
  const withClasses = await pullIncident(conn, w, { timeoutS });
  const classesMs = performance.now() - c0;
  console.log(`with the class summary too (the CLI's bundle): ${classesMs.toFixed(0)} ms, ${withClasses.stats.rowsReturned} rows in ${withClasses.stats.queries} queries`);
  const z = performance.now();
  const minute = await pullRange(conn, w, Date.parse('2024-05-14T02:12:00Z'), Date.parse('2024-05-14T02:13:00Z'), { timeoutS });
  const zoomMs = performance.now() - z;
  console.log(`one-minute zoom: ${minute.rows} raw lines in ${zoomMs.toFixed(0)} ms`);

  if (writeDocs) {
    const table = [
      BEGIN,
      `Measured ${new Date().toISOString().slice(0, 10)} on ${int(ep.rows)} rows (findings: ${rules.join(', ')}), load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores while it ran.`,
      'Wall-clock figures include the load of whatever else the machine runs; CPU time (this process, chDB included) does not.',
      '',
      '| step | figure | aim |',
      '|---|---:|---:|',
      `| density counts (lanes drawn) | ${s(densityMs)} (${s(densityCpu)} CPU) | 2 s |`,
      `| first finding (the app's path: density, then candidate events, then the analysis) | ${s(findingMs)} (${s(findingCpu)} CPU; the candidate query ${s(eventsQ)}, ${s(pulledCpu - densityCpu)} CPU) | 5 s |`,
      `| rows fetched | ${int(fetched)} of ${int(ep.rows)} (${pct} %) in ${pulled.stats.queries} queries | under 1 % |`,
      `| with the class summary as well (the CLI's bundle) | ${s(classesMs)}, ${withClasses.stats.queries} queries | |`,
      `| one-minute zoom | ${int(minute.rows)} raw lines in ${s(zoomMs)} | |`,
      END,
    ].join('\n');
    const doc = readFileSync(DOC, 'utf8');
    const a = doc.indexOf(BEGIN), b = doc.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${DOC} has no benchmark markers`);
    writeFileSync(DOC, doc.slice(0, a) + table + doc.slice(b + END.length));
    console.log(`wrote the figures into ${DOC}`);
  }
} finally {
  await stopEndpoint(ep);
}
