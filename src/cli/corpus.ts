// `npm run corpus`: runs the engine over every real-world log in
// ../shared/corpus/ (or the folders/files given) and prints, per file, the
// detected format, the line accounting and how many lines carry a time. It
// exits non-zero when any file breaks `lines == events + continuations + blank`,
// so regressions in format coverage show up as numbers, not anecdotes.
// `--show N` also prints each file's first N events for a by-eye check.
// Without targets it reads the shared corpus and the tuning half of the
// incident cases (the checking half's reading is not shown: its case ids
// describe the cases, and fixing what it shows would tune on them), and ends with the share of files that have 90% or more of their events
// timed: the figure that says whether real logs come out usable. For each
// file below it, it counts the untimed events whose text still shows a clock
// or a date: a time form the reader misses, as opposed to lines that carry
// no time at all (banners, script output, elapsed counters).
// Two figures: "timed from the line" (the target) and "timed including
// inferred" (untimed events placed at the time of the line before them).
// `--findings` prints instead every warning or critical finding raised on each
// file of the shared corpus (or of the files given), for a person to review;
// without the shared corpus it says so and succeeds.

import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestSources } from '../engine/ingest/ingest.ts';
import type { FileStats } from '../engine/ingest/file-stats.ts';
import { Flag } from '../engine/model/kinds.ts';
import { LEVEL_NAMES } from '../engine/model/levels.ts';
import { toIso } from '../engine/model/time.ts';
import { fileSource } from './node-source.ts';
import { exists, printCorpusFindings } from './corpus-findings.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_CORPUS = resolve(HERE, '../../../shared/corpus');
const INCIDENT_CASES = resolve(HERE, '../../test/incidents/cases');
const INCIDENT_SPLIT = resolve(HERE, '../../test/incidents/split.json');

/** The tuning-half case folders (none when the split cannot be read). */
async function tuningCases(): Promise<string[]> {
  try {
    const split = JSON.parse(await readFile(INCIDENT_SPLIT, 'utf8')) as { tuning?: unknown };
    return Array.isArray(split.tuning) ? split.tuning.filter((id): id is string => typeof id === 'string').map((id) => join(INCIDENT_CASES, id)) : [];
  } catch {
    return [];
  }
}

/** A file counts as mostly timed when at least this share of its events carry a time. */
const TIMED_ENOUGH = 0.9;

/** Files that describe the corpus rather than belong to it. */
function isCorpusFile(name: string): boolean {
  return !name.endsWith('.source.txt') && name !== 'INDEX.tsv' && name !== 'source.txt' && name !== 'expected.json' && !name.startsWith('.');
}

/** Files of the targets, folders walked recursively, in name order. */
async function listFiles(targets: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of targets) {
    const st = await stat(t);
    if (!st.isDirectory()) {
      out.push(t);
      continue;
    }
    const names = (await readdir(t)).filter(isCorpusFile).sort();
    out.push(...(await listFiles(names.map((n) => join(t, n)))));
  }
  return out;
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
}

const HEAD = ['file', 'format', 'lines', 'events', 'cont', 'blank', 'untimed', 'inferred', 'malformed', 'check'];

/** The share of files that must be mostly timed from their own lines. */
const TARGET_SHARE = 0.98;

/** A clock (10:22:55) or a date (2021-09-16, 16/09/2021) anywhere in a text. */
const CLOCK_OR_DATE = /\b\d{1,2}:\d\d:\d\d\b|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/;

/**
 * Untimed events whose message still shows a clock or a date: a time form
 * the reader may be missing. When it is 0, the file's untimed lines carry
 * no time to read (banners, elapsed counters, script output).
 */
function clockedUntimed(result: Awaited<ReturnType<typeof ingestSources>>): number {
  const t = result.table;
  let n = 0;
  for (let i = 0; i < t.length; i++) if (t.flags[i] & Flag.untimed && CLOCK_OR_DATE.test(result.messages[i] ?? '')) n++;
  return n;
}

/** A case's log is named log.txt: its folder names it better. */
function displayName(path: string): string {
  const parts = path.split('/');
  const last = parts.pop()!;
  return last === 'log.txt' && parts.length > 0 ? `${parts.pop()}/${last}` : last;
}

export async function runCorpus(argv: string[]): Promise<number> {
  const showAt = argv.indexOf('--show');
  const show = showAt >= 0 ? Number(argv[showAt + 1]) || 10 : 0;
  const targets = argv.filter((a, i) => a !== '--show' && a !== '--findings' && (showAt < 0 || i !== showAt + 1));
  if (argv.includes('--findings')) {
    // Only the shared corpus by default: the incident cases' findings are judged by `npm run accuracy`, which keeps the checking half's to itself.
    if (!targets.length && !(await exists(DEFAULT_CORPUS))) {
      process.stdout.write(`no shared corpus at ${DEFAULT_CORPUS}: nothing to review\n`);
      return 0;
    }
    await printCorpusFindings(await listFiles(targets.length ? targets : [DEFAULT_CORPUS]), displayName, (s) => process.stdout.write(s));
    return 0;
  }
  const files = await listFiles(targets.length ? targets : [DEFAULT_CORPUS, ...(await tuningCases())]);
  const nameW = Math.min(60, Math.max(...files.map((f) => displayName(f).length), 10));
  let mostlyTimed = 0;
  /** Files mostly timed once the untimed events that took a neighbour's time are counted. */
  let mostlyWithInferred = 0;
  /** Mostly untimed files where some untimed event still shows a clock or a date: a form the reader may miss. */
  let withMissedClock = 0;
  const poorlyTimed: string[] = [];
  const widths = [nameW, 10, 7, 7, 6, 6, 7, 8, 9, 5];
  process.stdout.write(row(HEAD, widths) + '\n');
  const total = { lines: 0, events: 0, cont: 0, blank: 0, untimed: 0, inferred: 0, malformed: 0, failed: 0, errors: 0 };
  for (const path of files) {
    // One file per ingest so each is detected and accounted on its own.
    const result = await ingestSources([await fileSource(path)]);
    const f: FileStats = result.files[0];
    const ok = f.lines === f.events + f.continuations + f.blank;
    const label = displayName(path);
    if (f.events === 0 || (f.events - f.untimed + f.timeInferred) / f.events >= TIMED_ENOUGH) mostlyWithInferred++;
    if (f.events === 0 || (f.events - f.untimed) / f.events >= TIMED_ENOUGH) mostlyTimed++;
    else {
      const clocked = clockedUntimed(result);
      if (clocked > 0) withMissedClock++;
      poorlyTimed.push(`${label} (${f.events - f.untimed}/${f.events} timed, ${f.timeInferred} inferred; ${clocked} of the untimed show a clock or date in their text)`);
    }
    const name = label.length > nameW ? label.slice(0, nameW - 1) + '…' : label;
    process.stdout.write(row([name, f.error ? 'ERROR' : f.format, f.lines, f.events, f.continuations, f.blank, f.untimed, f.timeInferred, f.malformed, ok ? 'OK' : 'FAIL'], widths) + '\n');
    if (f.error) process.stdout.write(`    error: ${f.error}\n`);
    total.lines += f.lines;
    total.events += f.events;
    total.cont += f.continuations;
    total.blank += f.blank;
    total.untimed += f.untimed;
    total.inferred += f.timeInferred;
    total.malformed += f.malformed;
    if (!ok) total.failed++;
    if (f.error) total.errors++;
    if (show > 0) {
      const t = result.table;
      for (let i = 0; i < Math.min(show, t.length); i++) {
        const msg = (result.messages[i] ?? '').slice(0, 140).replace(/\n/g, '⏎');
        process.stdout.write(`    ${toIso(t.tMs[i], t.subNs[i])} ${LEVEL_NAMES[t.level[i]].padEnd(5)} L${t.line[i]}+${t.lineCount[i] - 1} [${t.loggers[t.logger[i]]}] ${msg}\n`);
      }
    }
  }
  const check = total.failed === 0 ? 'OK' : `FAIL(${total.failed})`;
  process.stdout.write(row([`TOTAL (${files.length} files, ${total.errors} unreadable)`, '', total.lines, total.events, total.cont, total.blank, total.untimed, total.inferred, total.malformed, check], widths) + '\n');
  const pct = (n: number) => (files.length ? (100 * n) / files.length : 100).toFixed(1);
  const met = files.length === 0 || mostlyTimed / files.length >= TARGET_SHARE;
  // The target is judged on times read from the lines; an inferred time only bounds when a line was written.
  process.stdout.write(`timed from the line: ${mostlyTimed}/${files.length} files (${pct(mostlyTimed)}%) have ${TIMED_ENOUGH * 100}% or more of their events timed (target ${TARGET_SHARE * 100}%: ${met ? 'met' : 'not met'})\n`);
  process.stdout.write(`timed including inferred: ${mostlyWithInferred}/${files.length} files (${pct(mostlyWithInferred)}%), counting untimed events that took the time of the line before them\n`);
  for (const p of poorlyTimed) process.stdout.write(`    mostly untimed: ${p}\n`);
  if (poorlyTimed.length > 0) process.stdout.write(`of the ${poorlyTimed.length} mostly untimed, ${poorlyTimed.length - withMissedClock} have no clock or date in any untimed line (nothing there to read)\n`);
  return total.failed === 0 ? 0 : 1;
}

runCorpus(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`corpus: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(2);
  },
);
