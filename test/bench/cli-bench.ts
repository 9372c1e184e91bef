// The cold-CLI half of `npm run bench`: times commands as a user runs them —
// a fresh process per run — on the same file: the naive loop (bundled to JS
// like the CLI), `timberline analyze` with one thread and with two, and lnav
// when it is installed (with a JSON format file written for it). Runs
// alternate so a noisy neighbour slows every command alike; each figure is
// the median of its runs with the spread (min–max) beside it, and the CPU
// time of the runs (user + system, all threads), which a busy machine
// stretches far less than wall time.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
// @ts-expect-error: a plain .mjs build script without types
import { build as buildCli } from '../../src/cli/build.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

export interface CommandFigure {
  name: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Peak resident memory of the median run, when /usr/bin/time is there. */
  maxRssMB: number | null;
  /** Median CPU time (user + system, every thread) of the runs, when /usr/bin/time is there. */
  cpuMs?: number | null;
  /** Why the command has no figure (lnav missing, or it crashed). */
  skipped?: string;
}

export interface CliFigures {
  file: string;
  bytes: number;
  runs: number;
  commands: CommandFigure[];
}

export interface Command {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  /** Why a failed run failed, when the command can tell (lnav's crash log). */
  whyFailed?: () => string | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface RunFigure {
  ms: number;
  rssMB: number | null;
  cpuMs: number | null;
}

function runOnce(c: Command): RunFigure & { ok: boolean } {
  const timeBin = existsSync('/usr/bin/time');
  const argv = timeBin ? ['/usr/bin/time', '-f', 'TB_RSS_KB=%M TB_CPU_S=%U+%S', ...c.argv] : c.argv;
  const t = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { env: { ...process.env, ...c.env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  const kb = /TB_RSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1];
  const cpu = /TB_CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return {
    ms,
    rssMB: kb ? Math.round(Number(kb) / 1024) : null,
    cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : null,
    ok: r.status === 0 && !/GURU MEDITATION/.test(r.stdout + r.stderr),
  };
}

/**
 * What lnav's own crash log says killed it: the failed assertion, else the
 * signal. lnav writes the log into the HOME it ran with and prints only its path.
 */
export function lnavCrashReason(logText: string): string | null {
  const assertion = /failed precondition `([^']+)'/.exec(logText);
  const where = /E t\d+ ([\w.]+:\d+) failed precondition/.exec(logText);
  if (assertion) return `an assertion inside lnav failed (\`${assertion[1]}\`${where ? ` in ${where[1]}` : ''})`;
  const signal = /Received signal: (\d+)/.exec(logText);
  return signal ? `lnav received signal ${signal[1]}` : null;
}

function lnavVersion(bin: string): string {
  const r = spawnSync(bin, ['-V'], { encoding: 'utf8' });
  return /lnav\s+(\S+)/.exec(r.stdout ?? '')?.[1] ?? '';
}

/**
 * lnav reads the file with a JSON format keyed on `time`; the format lives in
 * a HOME of its own. The generated file mixes dialects, so records keyed
 * otherwise (`ts`, `@t`, `@timestamp`) have no time for lnav, and lnav 0.11.1
 * aborts on such a record between records whose times carry different UTC
 * offsets (slog's `+09:00` beside `Z`): three lines of the file are enough.
 * An lnav JSON format names one timestamp field, so no format file reads this
 * file whole; when lnav crashes, the reason from its crash log stands in the
 * table instead of a figure.
 */
export function lnavCommand(file: string): Command | string {
  const which = spawnSync('sh', ['-c', 'command -v lnav'], { encoding: 'utf8' });
  if (which.status !== 0) return 'lnav not installed (apt-get install lnav)';
  const bin = which.stdout.trim();
  const home = join(tmpdir(), 'timberline-bench-lnav');
  const dir = join(home, '.lnav/formats/installed');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench.json'), JSON.stringify({
    $schema: 'https://lnav.org/schemas/format-v1.schema.json',
    bench_json: { title: 'Benchmark JSON lines', description: 'JSON lines with a time field', json: true, 'timestamp-field': 'time', 'body-field': 'msg' },
  }));
  // Crash logs of earlier runs would be read as this run's.
  const crashLogs = () => readdirSync(join(home, '.lnav')).filter((n) => n.startsWith('crash-') && n.endsWith('.log'));
  for (const n of crashLogs()) rmSync(join(home, '.lnav', n), { force: true });
  const version = lnavVersion(bin);
  const whyFailed = () => {
    const logs = crashLogs().sort();
    const last = logs[logs.length - 1];
    const reason = last ? lnavCrashReason(readFileSync(join(home, '.lnav', last), 'latin1')) : null;
    return reason ? `lnav ${version} crashed on this file: ${reason}` : null;
  };
  return { name: 'lnav -n (index and exit)', argv: [bin, '-n', '-q', file], env: { HOME: home }, whyFailed };
}

export async function prepareCli(): Promise<string> {
  await buildCli();
  const naive = join(tmpdir(), 'timberline-bench-naive.mjs');
  await build({ entryPoints: [join(ROOT, 'test/bench/naive-main.ts')], outfile: naive, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  return naive;
}

export async function cliBench(file: string, bytes: number, runs: number, log: (s: string) => void = console.log): Promise<CliFigures> {
  const naive = await prepareCli();
  const bin = join(ROOT, 'src/cli/timberline.mjs');
  const commands: Command[] = [
    { name: 'naive loop', argv: [process.execPath, naive, file] },
    { name: 'timberline, 1 thread', argv: [process.execPath, bin, 'analyze', '--quiet', '--threads', '1', file] },
    { name: 'timberline, 2 threads', argv: [process.execPath, bin, 'analyze', '--quiet', '--threads', '2', file] },
  ];
  const lnav = lnavCommand(file);
  const skipped: CommandFigure[] = [];
  if (typeof lnav === 'string') skipped.push({ name: 'lnav', medianMs: NaN, minMs: NaN, maxMs: NaN, maxRssMB: null, skipped: lnav });
  else commands.push(lnav);
  const times = commands.map(() => [] as RunFigure[]);
  const failed = new Map<number, string>();
  for (let run = 0; run < runs; run++) {
    commands.forEach((c, i) => {
      if (failed.has(i)) return;
      const r = runOnce(c);
      if (!r.ok) failed.set(i, c.whyFailed?.() ?? 'exited with an error or crashed on this file');
      else times[i].push(r);
    });
  }
  const figures: CommandFigure[] = commands.map((c, i) => {
    const why = failed.get(i);
    if (why !== undefined || times[i].length === 0) return { name: c.name, medianMs: NaN, minMs: NaN, maxMs: NaN, maxRssMB: null, skipped: why ?? 'no run finished' };
    const ms = times[i].map((t) => t.ms);
    const mid = median(ms);
    const cpu = times[i].map((t) => t.cpuMs).filter((x): x is number => x !== null);
    return { name: c.name, medianMs: Math.round(mid), minMs: Math.round(Math.min(...ms)), maxMs: Math.round(Math.max(...ms)), maxRssMB: times[i].find((t) => t.ms === mid)?.rssMB ?? null, cpuMs: cpu.length ? median(cpu) : null };
  });
  log(`  load average at the end: ${loadavg()[0].toFixed(1)}`);
  for (const f of figures) log(`  ${f.name}: ${f.skipped ?? `median ${f.medianMs} ms (${f.minMs}–${f.maxMs}), CPU ${f.cpuMs ?? '–'} ms, ${f.maxRssMB ?? '–'} MB`}`);
  const all = [...figures, ...skipped];
  for (const line of ratioLines(all)) log(`  ${line}`);
  return { file, bytes, runs, commands: all };
}

/** Speed ratios of one run's medians: each timberline figure against the naive loop and lnav, and two threads against one. */
export function ratioLines(commands: readonly CommandFigure[]): string[] {
  const by = (prefix: string) => commands.find((c) => c.name.startsWith(prefix) && !c.skipped);
  const naive = by('naive');
  const lnav = by('lnav');
  const one = by('timberline, 1');
  const two = by('timberline, 2');
  const x = (a: CommandFigure | undefined, b: CommandFigure | undefined) => (a && b ? `${(a.medianMs / b.medianMs).toFixed(2)}x` : '–');
  const cpu = (a: CommandFigure | undefined, b: CommandFigure | undefined) => (a?.cpuMs && b?.cpuMs ? `${(b.cpuMs / a.cpuMs).toFixed(2)}x` : '–');
  return [
    `speed against the naive loop: 1 thread ${x(naive, one)}, 2 threads ${x(naive, two)}; against lnav: 1 thread ${x(lnav, one)}, 2 threads ${x(lnav, two)}`,
    `2 threads against 1: ${x(one, two)} the speed, ${cpu(one, two)} the CPU time`,
  ];
}

// `npx tsx test/bench/cli-bench.ts FILE [--runs N]`: the cold-CLI figures of one file, printed only (npm run bench writes the tables).
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  const runs = at >= 0 ? Math.max(1, Number(args[at + 1]) || 1) : 5;
  const file = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (!file) {
    console.error('usage: npx tsx test/bench/cli-bench.ts FILE [--runs N]');
    process.exitCode = 2;
  } else await cliBench(resolve(file), statSync(file).size, runs);
}
