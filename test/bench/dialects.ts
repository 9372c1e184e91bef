// `npm run bench:dialects`: the naive-loop comparison of `npm run bench`, one
// dialect at a time, on files the main benchmark does not generate (the fast path's target is
// also checked on files we have not seen). Each file holds one dialect only,
// so a dialect that misses the JSON fast path shows up as a low ratio instead
// of hiding in an average. Files go to test/bench/data/ (git-ignored).
//
// Usage: npm run bench:dialects [-- --lines 200000] [-- --runs 3] [-- --only docker,caddy]

import { createReadStream } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDocTable } from './doc-table.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { LineSplitter } from '../../src/engine/ingest/line-splitter.ts';
import { jsonLinesFormat } from '../../src/engine/formats/json-lines.ts';
import { DECODE_LINE, newRecordOut, resetRecord } from '../../src/engine/formats/types.ts';
import { newTimeOut } from '../../src/engine/model/time.ts';
import { fileSource } from '../../src/cli/node-source.ts';
import { naiveLoop } from './naive.ts';
import { rng } from './generate.ts';

const START = Date.UTC(2024, 4, 1);
const MESSAGES = ['request completed', 'cache miss for key user:123', 'connection reset by peer', 'renewing certificate', 'job finished', 'upstream timeout'];

type Line = (i: number, r: () => number) => string;

const iso = (i: number) => new Date(START + i * 37).toISOString();
const msg = (i: number) => MESSAGES[i % MESSAGES.length];

/** One generator per dialect: what a line of that logger looks like, with the variable parts real ones have. */
const DIALECTS: Record<string, Line> = {
  logrus: (i) => JSON.stringify({ level: i % 50 === 0 ? 'error' : 'info', msg: msg(i), time: iso(i).replace('Z', '+02:00'), component: 'api' }),
  bunyan: (i, r) => JSON.stringify({ name: 'orders', hostname: 'web-1', pid: 7, level: i % 40 === 0 ? 50 : 30, msg: i % 3 ? msg(i) : `order ${Math.floor(r() * 1e6)} shipped`, time: iso(i), v: 0 }),
  'tracing (Rust)': (i) => JSON.stringify({ timestamp: iso(i), level: 'INFO', fields: { message: msg(i), 'log.target': 'app' }, target: 'app::server', span: { name: 'req' } }),
  'ECS, nested': (i) => JSON.stringify({ '@timestamp': iso(i), log: { level: 'info', logger: 'app' }, message: msg(i), ecs: { version: '8.0' } }),
  'pino with errors': (i) => JSON.stringify({ level: 50, time: START + i * 37, pid: 1, hostname: 'h', err: { type: 'Error', message: `boom ${i % 7}`, stack: 'Error: boom\n    at x (/a.js:1:1)' }, msg: 'request failed' }),
  'Caddy access': (i) => JSON.stringify({ level: 'info', ts: (START + i * 37) / 1000, logger: 'http.log.access', msg: 'handled request', request: { remote_ip: '10.0.0.1', proto: 'HTTP/2.0', method: 'GET', host: 'a.example.com', uri: `/api/x?id=${i}`, headers: { 'User-Agent': ['curl/8'] } }, duration: 0.0012, size: 512, status: i % 50 === 0 ? 502 : 200 }),
  'Docker json-file': (i) => JSON.stringify({ log: JSON.stringify({ level: 'info', ts: iso(i), msg: msg(i), caller: 'main.go:12' }) + '\n', stream: 'stdout', time: iso(i) }),
  'every message one-off': (i) => JSON.stringify({ level: 'info', msg: `order ${(i * 7919) % 10000019} shipped to customer ${(i * 104729) % 999983}`, time: iso(i), component: 'api' }),
  'GCP LogEntry': (i) => JSON.stringify({ insertId: `x${i}`, jsonPayload: { message: msg(i) }, timestamp: iso(i), severity: 'INFO', logName: 'projects/p/logs/app' }),
};

/**
 * Only what the JSON fast path does (the target: "must not cost more than a plain
 * JSON.parse of every line"): split, then read time, level, message, logger
 * and the classifying fields of each line, from its bytes or, when the fast
 * path gives a line up, through the full parse. No classifying, templating or
 * table.
 */
async function parseOnly(path: string): Promise<number> {
  const parser = jsonLinesFormat.createParser({ year: 2024, time: newTimeOut() });
  const out = newRecordOut();
  const decoder = new TextDecoder();
  let records = 0;
  const splitter = new LineSplitter(() => {});
  // As ingest reads them: the scanner finds a line's end itself, else the splitter does and parseBytes runs.
  splitter.useBytes(
    (b, start, end) => {
      resetRecord(out);
      if (parser.parseBytes?.(b, start, end, out) === DECODE_LINE) {
        resetRecord(out);
        parser.parseLine(decoder.decode(b.subarray(start, end)), out);
      }
      records++;
    },
    (b, start) => {
      resetRecord(out);
      const nl = parser.scanBytes?.(b, start, out) ?? -1;
      if (nl >= 0) records++;
      return nl;
    },
  );
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>) splitter.push(chunk);
  splitter.end();
  return records;
}

/** CPU time (user and system, ms) this process spent since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

function parseArgs(argv: string[]): { lines: number; runs: number; only: string[] | null } {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { lines: Number(get('--lines') ?? 200_000), runs: Number(get('--runs') ?? 3), only: get('--only')?.split(',') ?? null };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const startLoad = loadavg()[0];
  const dir = resolve(import.meta.dirname, 'data');
  console.log(`naive loop vs the JSON fast path alone and vs the whole ingest (1 thread), ${args.lines} lines per dialect, best of ${args.runs}`);
  const rows: string[] = [];
  for (const [name, line] of Object.entries(DIALECTS)) {
    if (args.only && !args.only.some((o) => name.toLowerCase().startsWith(o.toLowerCase()))) continue;
    const path = join(dir, `dialect-${name.replace(/\W+/g, '-').toLowerCase()}.jsonl`);
    const r = rng(7);
    const lines: string[] = [];
    for (let i = 0; i < args.lines; i++) lines.push(line(i, r));
    // Written aside and renamed over: a file hard-linked elsewhere (a copy of the data) is replaced, not rewritten in place.
    await writeFile(`${path}.tmp`, lines.join('\n') + '\n');
    await rename(`${path}.tmp`, path);
    let naive = Infinity;
    let engine = Infinity;
    let parse = Infinity;
    // CPU time too (best of the runs, like wall time): on a machine other work shares, a run that waited for a
    // core shows in its wall time only, so the CPU ratio says how far a low wall ratio is the machine's doing.
    let naiveCpu = Infinity;
    let engineCpu = Infinity;
    for (let k = 0; k < args.runs; k++) {
      let t = performance.now();
      let c = process.cpuUsage();
      await naiveLoop(path);
      naive = Math.min(naive, performance.now() - t);
      naiveCpu = Math.min(naiveCpu, cpuMs(c));
      t = performance.now();
      await parseOnly(path);
      parse = Math.min(parse, performance.now() - t);
      t = performance.now();
      c = process.cpuUsage();
      await ingestSources([await fileSource(path)]);
      engine = Math.min(engine, performance.now() - t);
      engineCpu = Math.min(engineCpu, cpuMs(c));
    }
    rows.push(`| ${name} | ${(naive / parse).toFixed(2)}x | ${(naive / engine).toFixed(2)}x | ${(naiveCpu / engineCpu).toFixed(2)}x |`);
    console.log(`  ${name.padEnd(22)} naive ${naive.toFixed(0).padStart(5)} ms | fast path only ${parse.toFixed(0).padStart(5)} ms = ${(naive / parse).toFixed(2)}x | whole ingest ${engine.toFixed(0).padStart(5)} ms = ${(naive / engine).toFixed(2)}x (CPU time ${(naiveCpu / engineCpu).toFixed(2)}x)`);
  }
  if (args.only) return; // a partial run keeps the last whole table
  // The load average when the run began: on a shared machine it says how far to trust the ratios.
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}, load average ${startLoad.toFixed(1)} at the start`;
  await writeDocTable('dialects', [
    `### Per dialect (${machine})`,
    '',
    `\`npm run bench:dialects -- --lines ${args.lines}\`, one dialect per file, best of ${args.runs}. *Fast path only*: split the lines and read time, level, message, logger and the classifying fields of each (the full parse for the lines it gives up); *whole ingest* adds classifying, templating and building the sorted table. Both against the naive loop's split + \`JSON.parse\` + \`Date.parse\` (wall time, and CPU time, each the best of the runs):`,
    '',
    '| dialect | fast path only vs naive loop | whole ingest, 1 thread, vs naive loop | the same in CPU time |',
    '|---|---:|---:|---:|',
    ...rows,
  ].join('\n'));
  console.log('wrote the table in docs/benchmarks.md');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
