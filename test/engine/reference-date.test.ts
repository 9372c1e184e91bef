// Year-less logs line up with the fully dated logs loaded beside them,
// whatever the file's modification time says.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { toIso } from '../../src/engine/model/time.ts';

const json = [
  '{"time":"2024-06-03T08:30:00Z","level":"INFO","msg":"serving"}',
  '{"time":"2024-06-03T08:47:08Z","level":"ERROR","msg":"request failed"}',
].join('\n');
const syslog = [
  'Jun  3 08:47:09 node-1 kubelet[912]: Container orders-api exited with code 2 (Error), restarting',
  'Jun  3 08:47:53 node-1 kubelet[912]: Container orders-api started',
].join('\n');

function withMtime(name: string, text: string, mtime: number) {
  return { ...bytesSource(name, text), lastModified: mtime };
}

describe('reference date for year-less timestamps', () => {
  it('takes the year from the other files, not from a fresh mtime', async () => {
    const mtime = Date.UTC(2026, 10, 21);
    const r = await ingestSources([withMtime('app.log', json, mtime), withMtime('kubelet.log', syslog, mtime)]);
    const kubelet = r.files[1];
    expect(kubelet.yearAssumed).toBe(true);
    expect(toIso(kubelet.firstTime)).toBe('2024-06-03T08:47:09.000Z');
  });

  it('keeps the modification year for a lone year-less file', async () => {
    const r = await ingestSources([withMtime('kubelet.log', syslog, Date.UTC(2025, 6, 1))]);
    expect(toIso(r.files[0].firstTime)).toBe('2025-06-03T08:47:09.000Z');
  });

  it('reads December dates as last year when the other files are from early January', async () => {
    const jan = '{"time":"2025-01-02T00:10:00Z","level":"INFO","msg":"serving"}';
    const dec = 'Dec 31 23:59:58 node-1 cron[12]: nightly backup finished';
    const r = await ingestSources([withMtime('a.log', jan, Date.UTC(2026, 0, 1)), withMtime('b.log', dec, Date.UTC(2026, 0, 1))]);
    expect(toIso(r.files[1].firstTime)).toBe('2024-12-31T23:59:58.000Z');
  });

  it('reads the dates of the first 200 lines of a file with long lines, beyond its first 64 KB', async () => {
    // 150 lines of ~600 bytes: only the last few, past 64 KB, are in the new year.
    const detail = 'x'.repeat(540);
    const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify({ time: i < 140 ? `2024-12-31T23:59:${String(i % 60).padStart(2, '0')}Z` : '2025-01-01T00:00:01Z', level: 'INFO', msg: 'serving', detail }));
    expect(lines.slice(0, 140).join('\n').length).toBeGreaterThan(64 * 1024);
    const newYear = 'Jan  1 00:00:05 node-1 cron[12]: nightly backup finished';
    const r = await ingestSources([withMtime('a.log', lines.join('\n'), Date.UTC(2026, 5, 1)), withMtime('b.log', newYear, Date.UTC(2026, 5, 1))]);
    expect(toIso(r.files[1].firstTime)).toBe('2025-01-01T00:00:05.000Z');
  });
});
