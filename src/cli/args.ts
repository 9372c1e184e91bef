// Command-line arguments of `timberline analyze`, parsed into options or a
// usage error. Kept apart from main.ts so the parsing is tested on its own and
// every flag is listed once, with its help text beside it.

import { newTimeOut, parseIso } from '../engine/model/time.ts';
import { parseSize } from './size-arg.ts';
import { MAX_CLOCK_OFFSET_MS } from '../engine/model/clock-limit.ts';

export interface AnalyzeArgs {
  json: boolean;
  quiet: boolean;
  /** Worker threads for big files; undefined = what pays off on this machine. */
  threads?: number;
  /** Epoch ms bounds of the window to analyse. */
  since?: number;
  until?: number;
  /** Format id to use instead of detection. */
  format?: string;
  /** Bytes of text a .gz file may yield before the rest is left unread. */
  maxDecompressed?: number;
  /** Files from this size on are split across the threads (default: main.ts THREADS_BREAK_EVEN_BYTES). */
  splitFrom?: number;
  /** Years (inclusive) whose timestamps are believed; others leave their event untimed. */
  plausibleYears?: [number, number];
  /** A query whose matches are counted, as in the app's filter box. */
  query?: string;
  /** The user's rule files (--rules, repeatable). */
  rules: string[];
  /** Field names that carry request or trace ids (--flow-keys), instead of the default list. */
  flowKeys?: string[];
  /** --no-flows: skip reading ids (and the clock offsets) altogether. */
  noFlows?: boolean;
  /** Clock corrections by file (--clock-offset FILE=MS, repeatable): MS subtracted from that file's times. */
  clockOffsets?: { file: string; ms: number }[];
  /** Paths; '-' is standard input. */
  paths: string[];
}

export type ParsedArgs =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'analyze'; args: AnalyzeArgs }
  | { command: 'pull'; argv: string[] }
  | { command: 'error'; message: string };

export const USAGE = `usage: timberline analyze [options] FILE...
       timberline pull clickhouse --url URL --table T --from TIME --to TIME -o BUNDLE.jsonl
       timberline --help | --version

  Reads log files (any supported format, .gz too; '-' reads standard input),
  merges them into one timeline and prints the incident findings. A FILE may
  be clickhouse://HOST:PORT/TABLE?from=TIME&to=TIME (see \`timberline pull\`).

  --json            print one JSON document (version 1) instead of a summary
  --quiet, -q       print only the findings (no per-file summary or marks)
  --threads N       worker threads for big files (default: one per core);
                    files under the break-even size are read on one
  --split-from SIZE split JSON-lines and logfmt files from SIZE on (e.g.
                    64M; default 256M, below which threads did not pay off)
  --since TIME      analyse only events at or after TIME (ISO 8601, e.g.
                    2024-05-01T10:00:00Z; a time without a zone is UTC)
  --until TIME      analyse only events before TIME
  --format NAME     read every file as NAME instead of detecting its format
  --max-decompressed SIZE
                    stop reading a .gz file after SIZE of text (e.g. 512M,
                    2G; default 128M per file, 512M for all .gz files)
  --plausible-years FIRST-LAST
                    believe timestamps in these years only (default 1990 to
                    next year); others are kept as text, their events untimed
                    (e.g. 1969-2030 for devices whose clock was never set)
  --query Q         also count the events matching Q, as the app's filter
                    box does (status>=500 host=api-2 -health level>=warn)
  --rules FILE      also run the rules in FILE (a rule file, see
                    docs/rules.md; repeatable), and each rule's own test cases
  --flow-keys LIST  field names that carry request or trace ids, comma-
                    separated (default: trace_id, traceparent, request_id,
                    x-request-id, span_id and their usual spellings)
  --no-flows        do not read ids (with two or more files they are read
                    after the analysis, one more pass over the files)
  --clock-offset FILE=MS
                    FILE's clock ran MS milliseconds ahead: subtract MS from
                    its times before the analysis (repeatable; with two or
                    more files the summary estimates these offsets)
  --help, -h        this text
  --version         the version

  exit status: 0 analysed (whether or not anything was found), 1 no input
  could be read, 2 bad usage or a rule file that does not load (each
  problem printed as FILE:LINE: message), 3 analysed but a --rules rule
  failed one of its own cases`;

function timeArg(flag: string, value: string | undefined): number | string {
  if (value === undefined) return `${flag} needs a time`;
  const out = newTimeOut();
  return parseIso(value, out) && out.end === value.trim().length ? out.ms : `${flag}: cannot read "${value}" as a time (use ISO 8601, e.g. 2024-05-01T10:00:00Z)`;
}

export function parseArgs(argv: readonly string[], formats: readonly string[]): ParsedArgs {
  if (argv.length === 0) return { command: 'error', message: 'no command given' };
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') return { command: 'help' };
  if (cmd === '--version' || cmd === '-V') return { command: 'version' };
  if (cmd === 'pull') return { command: 'pull', argv: rest };
  if (cmd !== 'analyze') return { command: 'error', message: `unknown command "${cmd}"` };
  const a: AnalyzeArgs = { json: false, quiet: false, rules: [], paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : rest[++i]);
    switch (flag) {
      case '--json': a.json = true; break;
      case '--quiet': case '-q': a.quiet = true; break;
      case '--help': case '-h': return { command: 'help' };
      case '--threads': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 256) return { command: 'error', message: `--threads needs a whole number from 1 to 256, not "${v ?? ''}"` };
        a.threads = n;
        break;
      }
      case '--since': case '--until': {
        const t = timeArg(flag, value());
        if (typeof t === 'string') return { command: 'error', message: t };
        if (flag === '--since') a.since = t;
        else a.until = t;
        break;
      }
      case '--format': {
        const v = value();
        if (!v || !formats.includes(v)) return { command: 'error', message: `--format must be one of ${formats.join(', ')}${v ? `, not "${v}"` : ''}` };
        a.format = v;
        break;
      }
      case '--split-from':
      case '--max-decompressed': {
        const v = value();
        const n = v === undefined ? NaN : parseSize(v);
        if (!Number.isFinite(n) || n <= 0) return { command: 'error', message: `${flag} needs a size such as 64M or 2G, not "${v ?? ''}"` };
        if (flag === '--split-from') a.splitFrom = n;
        else a.maxDecompressed = n;
        break;
      }
      case '--plausible-years': {
        const v = value();
        const m = /^(\d{4})-(\d{4,6})$/.exec(v ?? '');
        if (!m || Number(m[1]) > Number(m[2])) return { command: 'error', message: `--plausible-years needs two years such as 1969-2030, first to last, not "${v ?? ''}"` };
        a.plausibleYears = [Number(m[1]), Number(m[2])];
        break;
      }
      case '--query': {
        const v = value();
        if (v === undefined) return { command: 'error', message: '--query needs a query' };
        a.query = v;
        break;
      }
      case '--rules': {
        const v = value();
        if (!v) return { command: 'error', message: '--rules needs a rule file' };
        a.rules.push(v);
        break;
      }
      case '--no-flows': a.noFlows = true; break;
      case '--flow-keys': {
        const v = value();
        const keys = (v ?? '').split(',').map((k) => k.trim()).filter(Boolean);
        if (keys.length === 0 || keys.some((k) => !/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(k))) return { command: 'error', message: `--flow-keys needs field names separated by commas, not "${v ?? ''}"` };
        a.flowKeys = keys;
        break;
      }
      case '--clock-offset': {
        const v = value() ?? '';
        const m = /^(.+)=([-+]?\d{1,9})$/.exec(v);
        if (!m || Math.abs(Number(m[2])) > MAX_CLOCK_OFFSET_MS) return { command: 'error', message: `--clock-offset needs FILE=MS with MS a whole number of milliseconds within a week, not "${v}"` };
        (a.clockOffsets ??= []).push({ file: m[1], ms: Number(m[2]) });
        break;
      }
      case '--': a.paths.push(...rest.slice(i + 1)); i = rest.length; break;
      default:
        if (arg.startsWith('-') && arg !== '-') return { command: 'error', message: `unknown option "${arg}"` };
        a.paths.push(arg);
    }
  }
  if (a.paths.length === 0) return { command: 'error', message: 'no input files (give a path, or - for standard input)' };
  if (a.since !== undefined && a.until !== undefined && a.since >= a.until) return { command: 'error', message: '--since must be before --until' };
  return { command: 'analyze', args: a };
}
