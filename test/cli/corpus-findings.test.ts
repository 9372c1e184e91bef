// `npm run corpus:findings` lists, per file of a corpus, the warnings a person
// has to review: a file whose log shows an incident is listed with the rule,
// family and window; a healthy file is not listed at all.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exists, printCorpusFindings } from '../../src/cli/corpus-findings.ts';

describe('corpus findings review', () => {
  it('lists the alarms of an incident log with their window, and nothing for a healthy one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-findings-'));
    const incident = join(dir, 'db.log');
    const healthy = join(dir, 'web.log');
    await writeFile(incident, [
      '2024-05-03 08:00:01.000 UTC [61] LOG:  checkpoint starting: time',
      '2024-05-03 08:00:05.120 UTC [88] PANIC:  could not write to file "pg_wal/xlogtemp.88": No space left on device',
      '2024-05-03 08:00:05.300 UTC [1] LOG:  server process (PID 88) was terminated by signal 6: Aborted',
    ].join('\n') + '\n');
    await writeFile(healthy, Array.from({ length: 20 }, (_, i) => `10.0.0.${i} - - [03/May/2024:08:00:${String(i).padStart(2, '0')} +0000] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.29"`).join('\n') + '\n');
    let out = '';
    const totals = await printCorpusFindings([incident, healthy], (p) => basename(p), (s) => (out += s));
    expect(totals).toMatchObject({ files: 2, alarmed: 1 });
    expect(out).toMatch(/^db\.log {2}(warning|critical) +\S+ \[disk-full\] {2}2024-05-03T08:00:05\.120Z/m);
    expect(out).not.toContain('web.log');
    expect(out).toMatch(/in 1 of 2 file\(s\)\n$/);
  });

  it('tells whether the corpus is there, so the script can succeed without it', async () => {
    expect(await exists(join(tmpdir(), 'no-such-corpus-dir-for-timberline'))).toBe(false);
    expect(await exists(tmpdir())).toBe(true);
  });
});
