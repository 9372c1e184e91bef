// `npx tsx test/bench/columns-bench.ts [--lines 500000]`: what the log list's
// field columns cost in the engine. On a generated JSON access log (one
// message, "Proxied request", on every line), it times a screenful of rows'
// messages with and without three column values (the one call the list makes
// as it scrolls), and choosing the varying fields from an even sample of 600
// rows over the whole file (the call made when the view settles). Prints
// figures; asserts nothing.

import { createWriteStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineSession } from '../../src/engine/session/session.ts';
import { fileSource } from '../../src/cli/node-source.ts';

const arg = process.argv.indexOf('--lines');
const lines = arg > 0 ? Number.parseInt(process.argv[arg + 1], 10) : 500_000;
const dir = join(import.meta.dirname, 'data');
const path = join(dir, `access-${lines}.jsonl`);
const SCREEN = 45;
const RUNS = 30;

async function generate(): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  const t0 = Date.UTC(2024, 2, 7);
  // mulberry32: deterministic, and exact in 32-bit integer arithmetic.
  let seed = 7;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < lines; i++) {
    const r = rnd();
    const status = r < 0.9 ? 200 : r < 0.95 ? 404 : r < 0.98 ? 502 : 503;
    const rec = {
      ts: new Date(t0 + i * 20).toISOString(),
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'Proxied request',
      status,
      upstream: `api-${1 + Math.floor(rnd() * 4)}.internal`,
      method: rnd() < 0.8 ? 'GET' : 'POST',
      path: `/api/orders/${Math.floor(rnd() * 1e6)}`,
      duration_ms: Math.floor(rnd() * 2000),
      request_id: Math.floor(rnd() * 2 ** 48).toString(16),
    };
    if (!out.write(`${JSON.stringify(rec)}\n`)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done) => out.end(done));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  await mkdir(dir, { recursive: true });
  await generate();
  const session = new EngineSession();
  const t0 = performance.now();
  const { table } = await session.load([await fileSource(path)]);
  const loadMs = performance.now() - t0;
  const n = table.length;
  console.log(`${n.toLocaleString('en')} events, load ${Math.round(loadMs)} ms`);

  const fields = ['status', 'upstream', 'duration_ms'];
  const plain: number[] = [];
  const withValues: number[] = [];
  let seed = 3;
  for (let run = 0; run < RUNS; run++) {
    seed = (seed * 48271) % 2147483647;
    const first = seed % (n - SCREEN);
    const rows = Array.from({ length: SCREEN }, (_, i) => first + i);
    let t = performance.now();
    await session.rowTexts(rows, []);
    plain.push(performance.now() - t);
    t = performance.now();
    await session.rowTexts(rows, fields);
    withValues.push(performance.now() - t);
  }
  const a = median(plain);
  const b = median(withValues);
  console.log(`screenful of ${SCREEN} rows, median of ${RUNS}: messages ${a.toFixed(2)} ms, messages + ${fields.length} column values ${b.toFixed(2)} ms (${(b / a).toFixed(1)}x)`);
  const answer = await session.rowTexts(Array.from({ length: SCREEN }, (_, i) => i), fields);
  console.log(`what crosses to the page for that screenful: ${JSON.stringify(answer).length.toLocaleString('en')} characters`);

  const sample = Array.from({ length: 600 }, (_, k) => Math.floor((k * n) / 600));
  const times: number[] = [];
  let chosen = '';
  for (let run = 0; run < 5; run++) {
    const t = performance.now();
    const r = await session.listColumns(sample, [], true);
    times.push(performance.now() - t);
    chosen = r.auto?.fields.map((f) => f.field).join(', ') ?? 'none';
  }
  const c = median(times);
  console.log(`varying fields over 600 rows sampled across the file, median of 5: ${c.toFixed(1)} ms (${((c / loadMs) * 100).toFixed(2)}% of the load): ${chosen}`);
}

await main();
