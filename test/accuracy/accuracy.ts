// `npm run accuracy`: runs the engine on every case of test/incidents and
// prints, for each tuning-half case, whether it is right, what was expected,
// what the engine found and why the case is judged so. The checking half shows
// its total only: it is there to measure, never to tune on, and a list of which
// of its cases fail (their ids describe them) would be something to tune on. `--record` writes today's scores to scores.json (the guard's floor);
// `--timed` adds the share of events that carry a time (per file on the
// tuning half, one total for the checking half). The recorded scores are
// also written into the README's accuracy paragraph, so it is never typed.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeDocTable } from '../bench/doc-table.ts';
import { toIso } from '../../src/engine/model/time.ts';
import { clockIso } from '../../src/engine/model/time-of-day.ts';
import { SCORES_FILE } from './cases.ts';
import { round, scoreCorpus, type CaseResult } from './score.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function expected(r: CaseResult): string {
  const v = r.case.verdict;
  return v.kind === 'healthy' ? 'healthy' : [v.family, ...(v.alsoAccept ?? [])].join('|');
}

function got(r: CaseResult): string {
  if (r.error) return 'engine error';
  return r.alarms.length ? [...new Set(r.alarms.map((f) => f.family ?? `(${f.rule})`))].join(',') : 'no warning';
}

function tuningDetail(r: CaseResult, timed: boolean): string[] {
  const lines = [`    why: ${r.reason}`];
  for (const f of r.findings) {
    lines.push(`    ${f.severity.padEnd(8)} ${f.family ?? '-'} (${f.rule}) ${f.untimed ? 'untimed' : `${clockIso(f.start, 0, toIso)} → ${clockIso(f.end, 0, toIso)}`}: ${f.title}`);
  }
  if (timed) lines.push(`    timed: ${r.timed}/${r.events} events (${r.events ? pct(r.timed / r.events) : 'n/a'})`);
  return lines;
}

async function main(argv: string[]): Promise<number> {
  const timed = argv.includes('--timed');
  const s = await scoreCorpus();
  const idW = Math.max(...s.results.map((r) => r.id.length));
  const out: string[] = ['\ntuning half'];
  for (const r of s.results.filter((x) => x.half === 'tuning')) {
    out.push(`  ${r.id.padEnd(idW)}  ${r.right ? 'right' : 'WRONG'}  expected ${expected(r)}  got ${got(r)}`);
    out.push(...tuningDetail(r, timed));
  }
  const count = (half: string) => {
    const h = s.results.filter((r) => r.half === half);
    return `${h.filter((r) => r.right).length}/${h.length}`;
  };
  out.push('');
  out.push(`tuning:   ${pct(s.tuning)} right (${count('tuning')})`);
  out.push(`checking: ${pct(s.checking)} right (${count('checking')})`);
  out.push(`healthy warnings: ${s.healthyWarnings} (over ${s.results.filter((r) => r.case.verdict.kind === 'healthy').length} healthy logs)`);
  if (timed) {
    const chk = s.results.filter((r) => r.half === 'checking');
    const ev = chk.reduce((n, r) => n + r.events, 0);
    out.push(`checking half timed: ${chk.reduce((n, r) => n + r.timed, 0)}/${ev} events`);
  }
  if (s.unsplit.length) out.push(`not in split.json yet (run npm run accuracy:split): ${s.unsplit.join(', ')}`);
  process.stdout.write(out.join('\n') + '\n');
  if (argv.includes('--record')) {
    const scores = {
      tuning: round(s.tuning),
      checking: round(s.checking),
      tuningRight: s.tuningRight,
      checkingRight: s.checkingRight,
      healthyWarnings: s.healthyWarnings,
    };
    writeFileSync(SCORES_FILE, JSON.stringify(scores, null, 2) + '\n');
    const healthy = s.results.filter((r) => r.case.verdict.kind === 'healthy').length;
    const line = `Recorded ${new Date().toISOString().slice(0, 10)}: **tuning half ${pct(s.tuning)} right (${count('tuning')}), checking half ${pct(s.checking)} right (${count('checking')}), ${s.healthyWarnings} warning(s) over ${healthy} healthy logs.**`;
    await writeDocTable('accuracy', line, resolve(import.meta.dirname, '../../README.md'));
    process.stdout.write(`recorded in test/incidents/scores.json and README.md: ${JSON.stringify(scores)}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`accuracy: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
