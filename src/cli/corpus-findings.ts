// `npm run corpus:findings` (`corpus --findings`): every warning or critical
// finding the engine raises on each file of a corpus of real logs, one file
// analysed at a time as `timberline analyze FILE` would, so a person can read
// them and say which are false. The corpus is mostly logs of systems doing
// their normal work: each line here is either an incident the log really
// shows or a false alarm to fix.

import { stat } from 'node:fs/promises';
import { EngineSession } from '../engine/session/session.ts';
import type { Finding } from '../engine/rules/types.ts';
import { toIso } from '../engine/model/time.ts';
import { clockIso } from '../engine/model/time-of-day.ts';
import { fileSource } from './node-source.ts';

const isAlarm = (f: Finding) => f.severity === 'warning' || f.severity === 'critical';

/** A finding's window as a person reads it: ISO start, and the end when it differs. */
function windowOf(f: Finding): string {
  if (!Number.isFinite(f.start)) return '(no time)';
  if (f.untimed) return 'untimed';
  const start = clockIso(f.start, 0, toIso);
  return f.end > f.start ? `${start} → ${clockIso(f.end, 0, toIso)}` : start;
}

/** One line per alarm, title kept to one line (log text is the finding's, printed as text). */
function describe(label: string, f: Finding): string {
  const title = f.title.replace(/[\r\n]+/g, ' ').slice(0, 160);
  return `${label}  ${f.severity.padEnd(8)} ${f.rule} [${f.family ?? '-'}]  ${windowOf(f)}\n    ${title}\n`;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Analyses each file on its own and prints its alarms; returns how many files
 * raised at least one. `label` names a file in the output (its path relative to the corpus).
 */
export async function printCorpusFindings(files: readonly string[], label: (path: string) => string, out: (s: string) => void): Promise<{ files: number; alarmed: number; alarms: number }> {
  let alarmed = 0;
  let alarms = 0;
  for (const path of files) {
    const session = new EngineSession();
    const summary = await session.load([await fileSource(path)]);
    const found = summary.analysis.findings.filter(isAlarm);
    if (!found.length) continue;
    alarmed++;
    alarms += found.length;
    for (const f of found) out(describe(label(path), f));
  }
  out(`${alarms} warning or critical finding(s) in ${alarmed} of ${files.length} file(s)\n`);
  return { files: files.length, alarmed, alarms };
}
