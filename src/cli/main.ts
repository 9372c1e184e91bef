// `timberline analyze [--json] FILE...`: the headless engine. Prints a human
// summary, or with --json exactly one JSON document (see engine/report.ts).

import { availableParallelism } from 'node:os';
import type { IngestResult } from '../engine/ingest/ingest.ts';
import { SLICE_MIN_BYTES } from '../engine/ingest/parallel-ingest.ts';
import { EngineSession, type LoadSummary, type SessionSource } from '../engine/session/session.ts';
import { buildReport, type Report } from '../engine/report.ts';
import { fileSource, missingSource } from './node-source.ts';
import { threadRunner } from './thread-pool.ts';

const USAGE = `usage: timberline analyze [--json] FILE...

  Reads log files (any supported format, .gz too), merges them into one
  timeline and prints the incident findings.

  --json   print one JSON document (version 1) instead of a summary`;

export interface AnalyzeOptions {
  /** Threads for big files (default: one per core); 1 reads everything on this thread. */
  threads?: number;
  /** Files from this size on are split across the threads, in slices of about sliceBytes (tests cut small files). */
  sliceMinBytes?: number;
  sliceBytes?: number;
}

export async function analyzePaths(paths: string[], options: AnalyzeOptions = {}): Promise<Report> {
  const sources: SessionSource[] = [];
  for (const p of paths) {
    try {
      sources.push(await fileSource(p));
    } catch (e) {
      sources.push(missingSource(p, e instanceof Error ? e.message : String(e)));
    }
  }
  // The app's engine session: the same table, and the same analysis (it reads back the few lines it quotes).
  const session = new EngineSession();
  const summary = await loadPaths(session, paths, sources, options);
  return buildReport(session.loaded as IngestResult, summary.analysis);
}

/** Big files are split across worker threads, as the app splits them across workers (issue 6); the rest is read here. */
async function loadPaths(session: EngineSession, paths: string[], sources: SessionSource[], options: AnalyzeOptions): Promise<LoadSummary> {
  const threads = options.threads ?? availableParallelism();
  const sliceMinBytes = options.sliceMinBytes ?? SLICE_MIN_BYTES;
  if (threads < 2 || !sources.some((s) => s.size >= sliceMinBytes)) return session.load(sources);
  const runner = threadRunner(paths, threads);
  try {
    return await session.load(sources, { slices: runner, sliceMinBytes, sliceBytes: options.sliceBytes });
  } finally {
    await runner.close();
  }
}

export function summary(r: Report): string {
  const lines: string[] = [];
  for (const f of r.files) {
    if (f.error) {
      lines.push(`✗ ${f.name}: ${f.error}`);
      continue;
    }
    lines.push(
      `• ${f.name} [${f.format}] ${f.lines} lines → ${f.events} events, ${f.continuations} continuation, ${f.blank} blank, ${f.malformed} malformed, ${f.untimed} untimed` +
        (f.recovered || f.elided ? `, ${f.recovered} recovered, ${f.elided} elided` : '') +
        (f.firstTime ? `\n    ${f.firstTime} … ${f.lastTime}${f.dateUnknown ? ' (times of day, date unknown)' : ''}` : '') +
        (f.notices.length ? `\n    note: ${f.notices.join('; ')}` : ''),
    );
  }
  lines.push('');
  if (r.findings.length === 0) lines.push('No incident pattern found.');
  for (const f of r.findings) {
    lines.push(`[${f.severity.toUpperCase()}] ${f.title}  (${f.rule})`);
    lines.push(`  ${f.start} → ${f.end}`);
    for (const d of f.detail.split('\n')) lines.push(`  ${d}`);
    if (f.evidence.length) lines.push(`  evidence: ${f.evidence.slice(0, 8).map((e) => `${e.file}:${e.line}`).join(', ')}${f.evidence.length > 8 ? ', …' : ''}`);
    lines.push('');
  }
  const byKind = new Map<string, number>();
  for (const m of r.marks) byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
  if (byKind.size) lines.push(`marks: ${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd !== 'analyze') {
    process.stderr.write(USAGE + '\n');
    return cmd === '--help' || cmd === '-h' ? 0 : 2;
  }
  const json = rest.includes('--json');
  const paths = rest.filter((a) => a !== '--json');
  if (paths.length === 0) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const report = await analyzePaths(paths);
  process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : summary(report) + '\n');
  return report.files.some((f) => !f.error) ? 0 : 1;
}
