// Runs the engine on one accuracy case exactly as `timberline analyze` does
// (the engine session over a file source) and judges the findings against the
// verdict: the rule of "right" is the one test/incidents/README.md states.

import { EngineSession } from '../../src/engine/session/session.ts';
import type { Finding } from '../../src/engine/rules/types.ts';
import { fileSource } from '../../src/cli/node-source.ts';
import type { Case, Verdict } from './cases.ts';

export interface CaseRun {
  id: string;
  right: boolean;
  /** Findings of severity warning or critical, the ones a verdict is judged on. */
  alarms: Finding[];
  /** Every finding, info included (for the tuning half's explanation). */
  findings: Finding[];
  /** Why the case is right or wrong, in one line. */
  reason: string;
  /** Events, and how many of them carry a time, over the case's log file. */
  events: number;
  timed: number;
  error?: string;
}

const isAlarm = (f: Finding) => f.severity === 'warning' || f.severity === 'critical';

/** The README's rule, on findings already computed. */
export function judge(verdict: Verdict, findings: Finding[]): { right: boolean; reason: string } {
  const alarms = findings.filter(isAlarm);
  if (verdict.kind === 'healthy') {
    return alarms.length === 0
      ? { right: true, reason: 'no warning on a healthy log' }
      : { right: false, reason: `${alarms.length} warning(s) on a healthy log` };
  }
  const accepted = [verdict.family, ...(verdict.alsoAccept ?? [])];
  if (!alarms.length) return { right: false, reason: 'no warning or critical finding' };
  const named = alarms.filter((f) => f.family !== undefined && accepted.includes(f.family));
  if (!named.length) {
    const got = [...new Set(alarms.map((f) => f.family ?? '(no family)'))].join(', ');
    return { right: false, reason: `warnings name ${got}, not ${accepted.join(' / ')}` };
  }
  const w = verdict.window;
  if (!w) return { right: true, reason: `a warning names ${named[0].family}` };
  const inWindow = named.filter((f) => f.start <= w.end && f.end >= w.start);
  return inWindow.length
    ? { right: true, reason: `a warning names ${inWindow[0].family} within the window` }
    : { right: false, reason: `${named[0].family} is named, but outside the expected window` };
}

export async function runCase(c: Case): Promise<CaseRun> {
  try {
    const session = new EngineSession();
    const summary = await session.load([await fileSource(c.logPath)]);
    const findings = summary.analysis.findings;
    const f = summary.files[0];
    const { right, reason } = judge(c.verdict, findings);
    return { id: c.id, right, reason, findings, alarms: findings.filter(isAlarm), events: f?.events ?? 0, timed: f ? f.events - f.untimed : 0 };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { id: c.id, right: false, reason: `engine error: ${error}`, findings: [], alarms: [], events: 0, timed: 0, error };
  }
}
