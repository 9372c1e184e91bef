// The benchmark's lnav column: when lnav crashes on the file, the table says
// why (from lnav's own crash log) instead of a bare "crashed".

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lnavCommand, lnavCrashReason } from './cli-bench.ts';

describe('lnav crash reason', () => {
  it('names the failed assertion and where it sits', () => {
    const log = [
      '2026-12-07T10:31:57.709 D t0 logfile.cc:543 flushing at 3',
      "2026-12-07T10:31:57.710 E t0 hist_source.cc:116 failed precondition `row >= this->hs_last_row'",
      '2026-12-07T10:31:57.710 E t0 lnav_log.cc:414 Received signal: 6',
    ].join('\n');
    expect(lnavCrashReason(log)).toBe('an assertion inside lnav failed (`row >= this->hs_last_row` in hist_source.cc:116)');
  });

  it('falls back to the signal, and says nothing when the log names neither', () => {
    expect(lnavCrashReason('2026-12-07T10:31:57.710 E t0 lnav_log.cc:414 Received signal: 11')).toBe('lnav received signal 11');
    expect(lnavCrashReason('2026-12-07T10:31:57.709 I t0 lnav.cc:2417 lnav started')).toBeNull();
  });

  // Three records of the benchmark's file: a time with an offset, a record keyed `ts` (no time for the format), a time in UTC.
  const lines = [
    '{"level":"debug","msg":"request completed","time":"2024-05-01T09:00:00.027+09:00"}',
    '{"level":"info","ts":1714521600.0285852,"msg":"session refreshed"}',
    '{"level":"info","time":"2024-05-01T00:00:00Z","message":"served request"}',
  ];
  const installed = spawnSync('sh', ['-c', 'command -v lnav']).status === 0;
  it.skipIf(!installed)('reports what lnav says when it cannot index the benchmark file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tb-lnav-')), 'three.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const c = lnavCommand(file);
    if (typeof c === 'string') throw new Error(c);
    const r = spawnSync(c.argv[0], c.argv.slice(1), { env: { ...process.env, ...c.env }, encoding: 'utf8' });
    // A fixed lnav indexes it; lnav 0.11.1 aborts, and the reason comes from its crash log.
    if (r.status === 0 && !/GURU MEDITATION/.test(r.stdout + r.stderr)) return;
    expect(c.whyFailed?.()).toMatch(/^lnav \S+ crashed on this file: (an assertion inside lnav failed|lnav received signal)/);
  });
});
