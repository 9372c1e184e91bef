// A synthetic 1M-event ingest result for the analysis benchmark: built
// directly with the TableBuilder (ingest has its own benchmark), it holds
// what makes analysis work: four files with their own rhythms, steady error
// noise, operations, reloads, a stall with a gap and a timeout burst, a crash
// with restarts, and periodic health failures.

import { rng } from '../analysis/dialects.ts';
import { newFileStats } from '../../src/engine/ingest/file-stats.ts';
import type { IngestResult } from '../../src/engine/ingest/ingest.ts';
import { Kind } from '../../src/engine/model/kinds.ts';
import { Level } from '../../src/engine/model/levels.ts';
import { TableBuilder } from '../../src/engine/model/table-builder.ts';
import { Templater } from '../../src/engine/templates/templater.ts';

export function syntheticResult(N: number): IngestResult {
  const T0 = Date.UTC(2024, 4, 1, 0, 0, 0);
  const r = rng(42);
  const builder = new TableBuilder(N + 1024);
  const templater = new Templater();
  const messages: string[] = [];
  const files = ['access.log', 'proxy.log', 'worker.log', 'supervisor.log'].map((n) => newFileStats(n, 0));
  const lines = [0, 0, 0, 0];

  function push(file: number, tMs: number, level: number, kind: number, msg: string): void {
    const template = templater.add(msg);
    const line = ++lines[file];
    builder.push({ tMs, subNs: 0, level, kind, flags: 0, file, logger: 0, line, lineCount: 1, byteOffset: 0, byteLength: msg.length, template });
    messages.push(msg);
    const f = files[file];
    f.lines++;
    f.events++;
    if (!(tMs >= f.firstTime)) f.firstTime = tMs;
    if (!(tMs <= f.lastTime)) f.lastTime = tMs;
  }

  // 70% access log (steady, ~20/s, with a 60 s stall), 20% proxy, 8% worker, 2% supervisor.
  const span = (N / 20) * 1000 * 0.7;
  const stallAt = T0 + span * 0.6;
  const paths = ['/api/orders', '/api/cart', '/healthz', '/static/app.js', '/login'];
  for (let i = 0; i < N; i++) {
    const u = r();
    const t = T0 + r() * span;
    if (u < 0.7) {
      if (t > stallAt && t < stallAt + 60_000) continue;
      const s = r() < 0.003 ? 503 : 200;
      push(0, t, s >= 500 ? Level.error : Level.info, s === 503 ? Kind.timeout : Kind.plain, `GET ${paths[i % 5]}/${i % 977} HTTP/1.1 ${s} ${100 + (i % 4000)}`);
    } else if (u < 0.9) {
      if (r() < 0.02) push(1, t, Level.error, Kind.plain, `database query failed: deadlock detected (query ${i % 50})`);
      else push(1, t, Level.info, Kind.plain, `proxied request to 10.0.${i % 8}.${i % 200}:8080 in ${i % 90}ms`);
    } else if (u < 0.98) {
      const k = i % 40;
      if (k === 0) push(2, t, Level.info, Kind.opStart, `starting job export-${i % 13}`);
      else if (k === 1) push(2, t, Level.info, Kind.opEnd, `job export-${(i - 1) % 13} finished`);
      else push(2, t, Level.debug, Kind.plain, `processed batch ${i % 1000} rows=${i % 500}`);
    } else {
      push(3, t, Level.debug, Kind.plain, 'admin API ok');
    }
  }
  // The incident shapes, so every rule has something to chew on.
  push(1, stallAt - 30_000, Level.info, Kind.signal, 'Received signal, updating routes...');
  for (let k = 0; k < 12; k++) push(1, stallAt - 29_000 + k * 7000, Level.info, Kind.opStart, 'Renewing certificate');
  push(1, stallAt, Level.info, Kind.signal, 'Received signal, updating routes...');
  for (let k = 0; k < 200; k++) push(1, stallAt + 40_000 + k * 100, Level.error, Kind.timeout, 'Failed to connect to upstream context canceled');
  for (let e = 0; e < 20; e++) {
    const f = T0 + (e + 1) * 6 * 60_000 + r() * 60_000;
    push(3, f, Level.warn, Kind.healthFail, 'process is alive but admin API is unresponsive -- killing and restarting');
    push(3, f + 2000, Level.info, Kind.restart, 'restarted -- re-applying 12 routes');
  }
  push(2, T0 + span * 0.3, Level.fatal, Kind.crash, 'fatal error: concurrent map writes');
  push(2, T0 + span * 0.3 + 30_000, Level.info, Kind.restart, 'listening on :9000');

  const { table, order } = builder.finish();
  // finish() sorts rows by time; messages follow the same order, as in ingest.
  return { table, files, messages: Array.from(order, (k) => messages[k]), templates: templater.list(), decompressed: files.map(() => null) };
}
