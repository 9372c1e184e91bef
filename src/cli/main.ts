// `timberline analyze [--json] [--query Q] FILE...`: the headless engine.
// Prints a human summary, or with --json exactly one JSON document (see
// engine/report.ts); --query counts the events a query matches, as the app's
// filter box does (same parser, same evaluator, same regex guard).

import { availableParallelism } from 'node:os';
import type { IngestResult } from '../engine/ingest/ingest.ts';
import { SLICE_MIN_BYTES } from '../engine/ingest/parallel-ingest.ts';
import { EngineSession, type LoadSummary, type SessionSource } from '../engine/session/session.ts';
import { buildReport, type Report } from '../engine/report.ts';
import { fileSource, missingSource } from './node-source.ts';
import { threadRunner } from './thread-pool.ts';
import { queryRegex } from '../share/query-regex.ts';

const USAGE = `usage: timberline analyze [--json] [--query Q] FILE...

  Reads log files (any supported format, .gz too), merges them into one
  timeline and prints the incident findings.

  --json      print one JSON document (version 1) instead of a summary
  --query Q   also count the events matching the query Q (as in the app's
              filter box: status>=500 host=api-2 -health level>=warn)`;

/** What --query adds to the report: matches in all and per file (in file order). */
export interface QueryCount {
  text: string;
  matches: number;
  perFile: { file: string; matches: number }[];
}

export interface AnalyzeOptions {
  /** Threads for big files (default: one per core); 1 reads everything on this thread. */
  threads?: number;
  /** Files from this size on are split across the threads, in slices of about sliceBytes (tests cut small files). */
  sliceMinBytes?: number;
  sliceBytes?: number;
  /** A query to count matches of (QueryCount); a query that cannot run throws with the reason. */
  query?: string;
}

export async function analyzePaths(paths: string[], options: AnalyzeOptions = {}): Promise<Report & { query?: QueryCount }> {
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
  const report = buildReport(session.loaded as IngestResult, summary.analysis);
  if (options.query === undefined) return report;
  const mask = await session.search(options.query, queryRegex);
  const perFile = summary.files.map((f) => ({ file: f.name, matches: 0 }));
  let matches = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    matches++;
    perFile[summary.table.file[i]].matches++;
  }
  return { ...report, query: { text: options.query, matches, perFile } };
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
        (f.firstTime ? `\n    ${f.firstTime} … ${f.lastTime}` : '') +
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
  const qi = rest.indexOf('--query');
  const query = qi >= 0 ? rest[qi + 1] : undefined;
  const paths = rest.filter((a, i) => a !== '--json' && (qi < 0 || (i !== qi && i !== qi + 1)));
  if (paths.length === 0 || (qi >= 0 && query === undefined)) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let report: Awaited<ReturnType<typeof analyzePaths>>;
  try {
    report = await analyzePaths(paths, { query });
  } catch (e) {
    if (query === undefined) throw e;
    process.stderr.write(`timberline: the query cannot run: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const counted = report.query ? `\nquery ${JSON.stringify(report.query.text)}: ${report.query.matches} events (${report.query.perFile.map((f) => `${f.file} ${f.matches}`).join(', ')})` : '';
  process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : summary(report) + counted + '\n');
  return report.files.some((f) => !f.error) ? 0 : 1;
}
