// `timberline analyze [options] FILE...`: the headless engine. Prints a human
// summary, or with --json exactly one JSON document (see engine/report.ts);
// --query counts the events a query matches, as the app's filter box does
// (same parser, same evaluator, same pattern guard). The flags are parsed in
// args.ts; the bin runs this file bundled to JS.

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { analyzeReading } from '../engine/analysis/analyze.ts';
import { CAUSE_BYTES } from '../engine/analysis/cause-lines.ts';
import { FORMATS } from '../engine/formats/index.ts';
import { windowResult } from '../engine/ingest/table-window.ts';
import { parseArgs, USAGE } from './args.ts';
import type { IngestResult } from '../engine/ingest/ingest.ts';
import { EngineSession, type LoadSummary, type SessionSource } from '../engine/session/session.ts';
import { buildReport, type Report } from '../engine/report.ts';
import { fileSource, missingSource, stdinSource } from './node-source.ts';
import { threadRunner } from './thread-pool.ts';
import { terminalSafe } from './terminal-safe.ts';
import { queryRegex } from '../share/query-regex.ts';
import type { Rule } from '../engine/rules/types.ts';
import { withUserRules } from '../engine/rules/index.ts';
import { casesText, loadRuleFiles, runUserCases, type RuleCaseReport } from './rule-files.ts';
import { analyzeClickHouse, pullMain, PULL_USAGE } from './pull.ts';
import { flowReport, flowText, type ReportFlows } from '../engine/flows/flow-report.ts';
import { plausibleYears, type PlausibleRange } from '../engine/ingest/plausible-time.ts';

/** What --query adds to the report: matches in all and per file (in file order). */
export interface QueryCount {
  text: string;
  matches: number;
  perFile: { file: string; matches: number }[];
}

export interface AnalyzeOptions {
  /** Threads for big files (default: one per core); 1 reads everything on this thread. */
  threads?: number;
  /** Epoch ms window to analyse (the files are still read whole). */
  since?: number;
  until?: number;
  /** Format id to read every file as. */
  format?: string;
  /** Files from this size on are split across the threads, in slices of about sliceBytes (tests cut small files). */
  sliceMinBytes?: number;
  sliceBytes?: number;
  /** Decompressed-size ceilings for .gz files (see IngestOptions). */
  maxDecompressedBytes?: number;
  maxSessionDecompressedBytes?: number;
  /** Times outside it leave their event untimed (default: plausible-time.ts). */
  plausibleTime?: PlausibleRange;
  /** A query to count matches of (QueryCount); a query that cannot run throws with the reason. */
  query?: string;
  /** The rules to run (default: the built-in ones; --rules adds the user's). */
  rules?: readonly Rule[];
  /** Field names carrying request or trace ids (default: engine/flows/keys.ts). */
  flowKeys?: string[];
  /** Skip the flow index (and the clock offsets): no second pass over the files. */
  noFlows?: boolean;
  /** Per path index: ms the file's clock ran ahead, subtracted from its times at load. */
  clockOffsetMs?: Record<number, number>;
  /** Leave the report's marks list empty (--quiet prints only findings; a big log has thousands of marks to format). */
  findingsOnly?: boolean;
}

export async function analyzePaths(paths: string[], options: AnalyzeOptions = {}): Promise<Report & { query?: QueryCount; flows?: ReportFlows }> {
  const sources: SessionSource[] = [];
  for (const p of paths) {
    try {
      sources.push(p === '-' ? await stdinSource() : await fileSource(p));
    } catch (e) {
      sources.push(missingSource(p, e instanceof Error ? e.message : String(e)));
    }
  }
  // The app's engine session: the same table, and the same analysis (it reads back the few lines it quotes).
  const session = new EngineSession();
  const summary = await loadPaths(session, paths, sources, options);
  const loaded = session.loaded as IngestResult;
  const windowed = options.since !== undefined || options.until !== undefined;
  // A window gets its own analysis: rules see only its rows, and quote real lines read back through the session.
  const { result, origin } = windowed ? windowResult(loaded, options.since ?? -Infinity, options.until ?? Infinity) : { result: loaded, origin: null };
  const analysis = origin
    ? await analyzeReading(result, (rows) => session.messages(rows.map((r) => origin[r])), options.rules, (rows) => session.raws(rows.map((r) => origin[r]), CAUSE_BYTES))
    : summary.analysis;
  // Flows link files: with two or more readable files (or keys asked for), the ids they share and the clock offsets implied.
  const readable = summary.files.filter((f) => !f.error).length;
  const flows = !options.noFlows && (readable >= 2 || options.flowKeys) ? await session.flowSummary(options.flowKeys) : null;
  const report: Report & { flows?: ReportFlows } = buildReport(result, options.findingsOnly ? { ...analysis, marks: [] } : analysis);
  if (flows) report.flows = flowReport(flows, summary.files);
  if (options.query === undefined) return report;
  const mask = await session.search(options.query, queryRegex);
  const perFile = summary.files.map((f) => ({ file: f.name, matches: 0 }));
  let matches = 0;
  const count = (row: number) => {
    if (!mask[row]) return;
    matches++;
    perFile[loaded.table.file[row]].matches++;
  };
  if (origin) for (const row of origin) count(row);
  else for (let i = 0; i < mask.length; i++) count(i);
  return { ...report, query: { text: options.query, matches, perFile } };
}

/**
 * The file size from which splitting across threads paid off in the CLI,
 * measured cold on a shared 2-core machine (docs/benchmarks.md). With this
 * thread parsing slices beside one worker, two threads were 1.4x slower than
 * one on 20 MB, and on 200 MB 1.00-1.13x faster in one measurement and
 * 0.94x one's speed in another (medians of alternating runs at a load of
 * about 2): the worker starts cold and compiles the parser again, and
 * loading the bundle, the analysis after ingest and the merge stay on one
 * thread. So only bigger files are split, also when threads are asked for
 * (--threads sets how many; --split-from moves this size).
 */
export const THREADS_BREAK_EVEN_BYTES = 256 << 20;

/** Big files are split across worker threads, as the app splits them across workers; the rest is read here. */
async function loadPaths(session: EngineSession, paths: string[], sources: SessionSource[], options: AnalyzeOptions): Promise<LoadSummary> {
  const threads = options.threads ?? availableParallelism();
  // Only where threads paid off when measured, unless told otherwise (--split-from, tests).
  const sliceMinBytes = options.sliceMinBytes ?? THREADS_BREAK_EVEN_BYTES;
  const common = { rules: options.rules, clockOffsetMs: options.clockOffsetMs, format: options.format, maxDecompressedBytes: options.maxDecompressedBytes, maxSessionDecompressedBytes: options.maxSessionDecompressedBytes, plausibleTime: options.plausibleTime };
  if (threads < 2 || !sources.some((s) => s.size >= sliceMinBytes && s.streamFrom)) return session.load(sources, common);
  const runner = threadRunner(paths, threads);
  try {
    return await session.load(sources, { ...common, slices: runner, sliceMinBytes, sliceBytes: options.sliceBytes });
  } finally {
    await runner.close();
  }
}

/** The findings alone: what --quiet prints. */
export function findingsText(r: Report): string {
  if (r.findings.length === 0) return 'No incident pattern found.';
  const lines: string[] = [];
  for (const f of r.findings) {
    lines.push(`[${f.severity.toUpperCase()}] ${f.title}  (${f.rule}${f.userRule ? ', your rule' : ''})`);
    lines.push(f.untimed ? '  untimed (its lines carry no time)' : `  ${f.start} → ${f.end}`);
    for (const d of f.detail.split('\n')) lines.push(`  ${d}`);
    if (f.evidence.length) lines.push(`  evidence: ${f.evidence.slice(0, 8).map((e) => `${e.file}:${e.line}`).join(', ')}${f.evidence.length > 8 ? ', …' : ''}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

export function summary(r: Report & { flows?: ReportFlows }): string {
  const lines: string[] = [];
  for (const f of r.files) {
    if (f.error) {
      lines.push(`✗ ${f.name}: ${f.error}`);
      continue;
    }
    lines.push(
      `• ${f.name} [${f.format}] ${f.lines} lines → ${f.events} events, ${f.continuations} continuation, ${f.blank} blank, ${f.malformed} malformed, ${f.untimed} untimed` +
        (f.recovered || f.elided ? `, ${f.recovered} recovered, ${f.elided} elided` : '') +
        (f.timeInferred ? ` (${f.timeInferred} with a time inferred from the line before)` : '') +
        (f.firstTime ? `\n    ${f.firstTime} … ${f.lastTime}${f.uptimeClock ? ' (process uptime: time since the program started, date unknown)' : f.dateUnknown ? ' (times of day, date unknown)' : ''}` : '') +
        (f.notices.length ? `\n    note: ${f.notices.join('; ')}` : ''),
    );
  }
  if (r.flows) lines.push('', flowText(r.flows));
  lines.push('', findingsText(r));
  const byKind = new Map<string, number>();
  for (const m of r.marks) byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
  if (byKind.size) lines.push(`marks: ${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  return lines.join('\n');
}

async function analyzeRemote(url: string, json: boolean, quiet: boolean): Promise<number> {
  try {
    const report = await analyzeClickHouse(url, process.env);
    const text = json ? JSON.stringify(report, null, 2) : terminalSafe((quiet ? findingsText(report) : summary(report)) + `\n${report.rowsFetched} rows fetched`);
    process.stdout.write(text + '\n');
    return 0;
  } catch (e) {
    process.stderr.write(terminalSafe(`\ntimberline: ${e instanceof Error ? e.message : String(e)}`) + '\n');
    return 1;
  }
}

declare const TIMBERLINE_VERSION: string | undefined;

/** The package version: put in by the bundler, or read from package.json when running from source. */
function version(): string {
  if (typeof TIMBERLINE_VERSION === 'string') return TIMBERLINE_VERSION;
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return pkg && typeof pkg === 'object' && 'version' in pkg ? String(pkg.version) : 'unknown';
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, FORMATS.map((f) => f.id));
  switch (parsed.command) {
    case 'help':
      process.stdout.write(USAGE + '\n\n' + PULL_USAGE + '\n');
      return 0;
    case 'pull':
      return pullMain(parsed.argv);
    case 'version':
      process.stdout.write(`timberline ${version()}\n`);
      return 0;
    case 'error':
      process.stderr.write(`timberline: ${parsed.message}\n\n${USAGE}\n`);
      return 2;
  }
  const a = parsed.args;
  const ruleFiles = loadRuleFiles(a.rules);
  if (ruleFiles.errors.length) {
    process.stderr.write(terminalSafe(ruleFiles.errors.map((e) => `timberline: ${e}`).join('\n')) + '\n');
    return 2;
  }
  const rules = ruleFiles.specs.length ? withUserRules(ruleFiles.specs.map((s) => s.spec)) : undefined;
  if (a.paths.length === 1 && a.paths[0].startsWith('clickhouse://')) return analyzeRemote(a.paths[0], a.json, a.quiet);
  const ceilings = a.maxDecompressed === undefined ? {} : { maxDecompressedBytes: a.maxDecompressed, maxSessionDecompressedBytes: Math.max(a.maxDecompressed, a.maxDecompressed * a.paths.length) };
  const clockOffsetMs: Record<number, number> = {};
  for (const c of a.clockOffsets ?? []) {
    const i = a.paths.findIndex((p) => p === c.file || basename(p) === c.file);
    if (i < 0) {
      process.stderr.write(terminalSafe(`timberline: --clock-offset names ${c.file}, which is not one of the input files`) + '\n');
      return 2;
    }
    clockOffsetMs[i] = c.ms;
  }
  const plausibleTime = a.plausibleYears ? plausibleYears(...a.plausibleYears) : undefined;
  let report: Awaited<ReturnType<typeof analyzePaths>>;
  try {
    report = await analyzePaths(a.paths, { threads: a.threads, sliceMinBytes: a.splitFrom, since: a.since, until: a.until, format: a.format, query: a.query, rules, flowKeys: a.flowKeys, noFlows: a.noFlows, clockOffsetMs, plausibleTime, findingsOnly: a.quiet && !a.json, ...ceilings });
  } catch (e) {
    if (a.query === undefined) throw e;
    process.stderr.write(terminalSafe(`timberline: the query cannot run: ${e instanceof Error ? e.message : String(e)}`) + '\n');
    return 2;
  }
  const q = report.query;
  const counted = q ? `\nquery ${JSON.stringify(q.text)}: ${q.matches} events (${q.perFile.map((f) => `${f.file} ${f.matches}`).join(', ')})` : '';
  const cases: RuleCaseReport[] = rules ? await runUserCases(ruleFiles.specs, rules) : [];
  const casesPart = cases.length ? `\n\n${casesText(cases)}` : '';
  // Human output escapes the control characters log text may carry (terminal-safe.ts); JSON is exact.
  const text = a.json ? JSON.stringify(cases.length ? { ...report, ruleCases: cases } : report, null, 2) : terminalSafe((a.quiet ? findingsText(report) : summary(report)) + counted + casesPart);
  process.stdout.write(text + '\n');
  if (!report.files.some((f) => !f.error)) return 1;
  return cases.some((r) => r.cases.some((c) => !c.ok)) ? 3 : 0;
}
