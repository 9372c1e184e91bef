// The corpus-wide result: every case run, each half's score, and the warnings
// raised on healthy logs. One function so the runner and the vitest guard
// compute the same figures.

import { halfOf, loadCases, readSplit, type Case, type Half } from './cases.ts';
import { runCase, type CaseRun } from './evaluate.ts';

export interface CaseResult extends CaseRun {
  half: Half;
  case: Case;
}

export interface Scores {
  results: CaseResult[];
  tuning: number;
  checking: number;
  /** Cases judged right in each half: the guard's floor, since adding cases lowers a share but never a count. */
  tuningRight: number;
  checkingRight: number;
  /** Warning-or-worse findings over all healthy cases, both halves. */
  healthyWarnings: number;
  /** Cases on disk that split.json does not place yet (run accuracy:split). */
  unsplit: string[];
}

const rightIn = (results: CaseResult[], half: Half) => results.filter((r) => r.half === half && r.right).length;

function share(results: CaseResult[], half: Half): number {
  const inHalf = results.filter((r) => r.half === half);
  return inHalf.length ? inHalf.filter((r) => r.right).length / inHalf.length : 0;
}

export async function scoreCorpus(): Promise<Scores> {
  const split = readSplit();
  if (!split) throw new Error('test/incidents/split.json is missing: run `npm run accuracy:split -- --seed N` once');
  const results: CaseResult[] = [];
  const unsplit: string[] = [];
  for (const c of loadCases()) {
    const half = halfOf(split, c.id);
    if (!half) {
      unsplit.push(c.id);
      continue;
    }
    results.push({ ...(await runCase(c)), half, case: c });
  }
  const healthyWarnings = results.filter((r) => r.case.verdict.kind === 'healthy').reduce((n, r) => n + r.alarms.length, 0);
  return {
    results,
    tuning: share(results, 'tuning'),
    checking: share(results, 'checking'),
    tuningRight: rightIn(results, 'tuning'),
    checkingRight: rightIn(results, 'checking'),
    healthyWarnings,
    unsplit,
  };
}

/** Scores are recorded and compared at this precision, so a rounding never fails the guard. */
export const round = (x: number) => Math.round(x * 1000) / 1000;
