// Benchmark: the analysis after a load (marks + every rule), on its own.
// Not a test: it prints figures and asserts nothing about them. Each file is
// loaded once as the app and the CLI load it (an engine session: ingest, and
// the cause lines the analysis reads back), then `analyze()` runs once cold
// (its CPU time printed: what a CLI run pays) and N more times in this
// process on that result; it prints the median and spread of their CPU
// time, and the functions with the most self time over a few more runs (a V8
// CPU profile taken through the inspector, so ingest is not in it; those
// runs are not timed, since sampling slows what it watches).
// With `--against DIR` (another checkout of the repository, e.g. made by
// `git worktree add`, or `git archive REV src package.json tsconfig.json |
// tar -x -C DIR` with node_modules linked in; without its package.json tsx
// compiles it as CommonJS, which ran markedly slower here), that checkout's
// analyze() runs on the same loaded result too, alternating with
// this one run for run, and the ratio of the medians is printed, along with
// whether both gave the same marks and findings.
// Run: npx tsx test/bench/analysis-bench.ts [--runs N] [--top K] [--no-profile] [--against DIR] [FILE | synthetic:EVENTS ...]
// With no file: test/bench/data/bench-200MB.jsonl and three dialect files.

import { Session } from 'node:inspector/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, type Analysis } from '../../src/engine/analysis/analyze.ts';
import { CAUSE_BYTES, readCauses } from '../../src/engine/analysis/cause-lines.ts';
import type { IngestResult } from '../../src/engine/ingest/ingest.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { fileSource } from '../../src/cli/node-source.ts';
import { syntheticResult } from './analysis-synthetic.ts';

const DATA = resolve(import.meta.dirname, 'data');
const DEFAULT_FILES = ['bench-200MB.jsonl', 'dialect-caddy-access.jsonl', 'dialect-pino-with-errors.jsonl', 'dialect-docker-json-file.jsonl'].map((f) => `${DATA}/${f}`);

interface Options {
  runs: number;
  top: number;
  profile: boolean;
  against: string | null;
  inputs: string[];
}

type Analyze = (r: IngestResult) => Analysis;

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { runs: 7, top: 15, profile: true, against: null, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--top') o.top = Math.max(0, Number(argv[++i]) || 0);
    else if (a === '--no-profile') o.profile = false;
    else if (a === '--against') o.against = argv[++i];
    else o.inputs.push(a);
  }
  if (o.inputs.length === 0) o.inputs = DEFAULT_FILES.filter((f) => existsSync(f));
  return o;
}

async function load(input: string): Promise<{ result: IngestResult; loadMs: number }> {
  const t = performance.now();
  if (input.startsWith('synthetic:')) return { result: syntheticResult(Number(input.slice(10)) || 1_000_000), loadMs: performance.now() - t };
  const session = new EngineSession();
  // No analysis in the load: the first one, timed in bench(), runs cold as the CLI's does (its code not yet compiled,
  // its scanners not yet built); the cause lines it would read back first are read here.
  await session.load([await fileSource(input)], { analyse: () => ({ marks: [], findings: [] }) });
  const result = session.loaded;
  if (!result) throw new Error(`nothing loaded from ${input}`);
  await readCauses(result, (rows) => session.raws(rows, CAUSE_BYTES));
  return { result, loadMs: performance.now() - t };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** CPU ms of one analyze() (user + system: less sensitive than wall time to other load on the machine). */
function timeOnce(result: IngestResult, run: Analyze = analyze): { cpuMs: number; wallMs: number; analysis: Analysis } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const analysis = run(result);
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, analysis };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function (name + file), summed over profiles. */
function addSelfTimes(p: Profile, into: Map<string, number>): void {
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const n = byNode.get(samples[i]);
    if (!n) continue;
    const f = n.callFrame;
    const file = f.url.replace(/^.*\/(src|test|node_modules)\//, '$1/');
    const key = `${f.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
    into.set(key, (into.get(key) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
  }
}

async function profiled<T>(inspector: Session | null, into: Map<string, number>, f: () => T): Promise<T> {
  if (!inspector) return f();
  await inspector.post('Profiler.start');
  const out = f();
  addSelfTimes(((await inspector.post('Profiler.stop')) as { profile: Profile }).profile, into);
  return out;
}

const spread = (xs: readonly number[]) => `median ${median(xs).toFixed(0)} ms CPU (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
const same = (a: Analysis, b: Analysis) => JSON.stringify(a) === JSON.stringify(b);

async function bench(input: string, o: Options, inspector: Session | null, other: Analyze | null): Promise<void> {
  const { result, loadMs } = await load(input);
  console.log(`\n${input}: ${result.table.length.toLocaleString()} events, ${result.templates.length.toLocaleString()} templates, loaded in ${(loadMs / 1000).toFixed(1)} s`);
  // The first run of each is cold, as a CLI run's only analysis is (one sample: noisy); it also warms up the
  // compiled code and lazily built knowledge, as in a session's later analyses.
  const first = timeOnce(result);
  const mine = first.analysis;
  const firstOther = other ? timeOnce(result, other) : null;
  const theirs = firstOther?.analysis ?? null;
  console.log(`first analyze(), cold: ${first.cpuMs.toFixed(0)} ms CPU${firstOther ? `; ${o.against}'s: ${firstOther.cpuMs.toFixed(0)} ms CPU` : ''}`);
  const self = new Map<string, number>();
  const cpu: number[] = [];
  const wall: number[] = [];
  const cpuOther: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    // Alternating, and each first every other time, so a noisy neighbour (or the garbage the other left) slows both alike.
    if (other && i % 2 === 0) cpuOther.push(timeOnce(result, other).cpuMs);
    const r = timeOnce(result);
    cpu.push(r.cpuMs);
    wall.push(r.wallMs);
    if (other && i % 2 === 1) cpuOther.push(timeOnce(result, other).cpuMs);
  }
  const findings = mine.findings.map((f) => `${f.rule}/${f.severity}`).join(', ') || 'none';
  console.log(`analyze() x${o.runs}: ${spread(cpu)}, median ${median(wall).toFixed(0)} ms wall; ${mine.marks.length} marks; findings: ${findings}`);
  if (other && theirs) {
    console.log(`  against ${o.against}: ${spread(cpuOther)}; this one takes ${(median(cpu) / median(cpuOther)).toFixed(2)}× its CPU (${(median(cpuOther) / median(cpu)).toFixed(2)}× faster); marks and findings ${same(mine, theirs) ? 'identical' : 'DIFFER'}`);
  }
  if (!inspector || o.top === 0) return;
  // Profiled apart from the timed runs: sampling slows what it watches.
  const profiledRuns = Math.min(3, o.runs);
  for (let i = 0; i < profiledRuns; i++) await profiled(inspector, self, () => analyze(result));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`top self time over ${profiledRuns} more runs (sampled):`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, o.top)) {
    console.log(`  ${(ms / profiledRuns).toFixed(1).padStart(7)} ms/run ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  let inspector: Session | null = null;
  if (o.profile) {
    inspector = new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  const other = o.against ? ((await import(pathToFileURL(resolve(o.against, 'src/engine/analysis/analyze.ts')).href)) as { analyze: Analyze }).analyze : null;
  try {
    for (const input of o.inputs) await bench(input, o, inspector, other);
  } finally {
    inspector?.disconnect();
  }
}

await main();
