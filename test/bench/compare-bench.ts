// `npx tsx test/bench/compare-bench.ts`: what comparing a range with the rest
// costs on a million-row table, columns only (templates, levels, sources,
// loggers; the first run also counts the whole table's totals, later ones
// reuse them) and on a generated JSON-lines log through the session, where
// field values are read back for a sample of rows. Prints figures; asserts nothing.

import { compareRange } from '../../src/engine/compare/compare.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { blobSource } from '../../src/engine/ingest/byte-source.ts';
import { rng } from '../fixtures/rng.ts';
import { plantedLog } from '../fixtures/compare/planted.ts';

const N = 1_000_000;
const r = rng(1);
const tMs = new Float64Array(N);
const template = new Uint32Array(N);
const level = new Uint8Array(N);
const file = new Uint16Array(N);
const logger = new Uint32Array(N);
for (let i = 0; i < N; i++) {
  tMs[i] = i * 10;
  template[i] = Math.floor(r() * 5000);
  level[i] = 3 + Math.floor(r() * 3);
  file[i] = Math.floor(r() * 4);
  logger[i] = Math.floor(r() * 20);
}
const table = { length: N, tMs, template, level, file, logger, loggers: Array.from({ length: 20 }, (_, i) => (i ? `logger-${i}` : '')) };
const names = { patterns: Array.from({ length: 5000 }, (_, i) => `message ${i} <*>`), files: ['a.log', 'b.log', 'c.log', 'd.log'] };

for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  const res = await compareRange(table, names, 2_000_000, 3_000_000);
  console.log(`columns, 1,000,000 rows, range of ${res.inRows}: ${(performance.now() - t0).toFixed(1)} ms (${res.tested} values tested, ${res.items.length} listed)`);
}

const log = plantedLog({ seconds: 200_000, from: 100_000, to: 120_000 });
const s = new EngineSession();
await s.load([blobSource(new Blob([log.text]), 'api.jsonl')]);
for (let run = 0; run < 2; run++) {
  const t0 = performance.now();
  const res = await s.compare(log.plantFrom, log.plantTo);
  console.log(`session with fields, 200,000 JSON lines: ${(performance.now() - t0).toFixed(1)} ms (fields from ${res?.fieldSample?.inRows} + ${res?.fieldSample?.restRows} rows; top: ${res?.items[0]?.query})`);
}
