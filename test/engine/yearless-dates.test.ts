// Dates printed without a year (syslog, journald, klog) take the file's year,
// but never land in the future: one that would fall after today, or well
// after the dates of the files loaded beside it, was written the year before.
import { describe, expect, it } from 'vitest';
import { TextReader } from '../../src/engine/formats/text-line.ts';
import { newRecordOut, type ParseEnv } from '../../src/engine/formats/types.ts';
import { newTimeOut, parseLooseText, toIso } from '../../src/engine/model/time.ts';

const TODAY = Date.UTC(2026, 11, 7, 23, 30);

function read(lines: string[], env: Partial<ParseEnv>): { times: string[]; notices: string[] } {
  const reader = new TextReader({ year: 2026, now: TODAY, time: newTimeOut(), ...env });
  const times = lines.map((l) => {
    const out = newRecordOut();
    reader.read(l, out);
    return toIso(out.tMs);
  });
  return { times, notices: reader.notices() };
}

describe('year-less dates', () => {
  it('reads a date after today in the year before, and says so', () => {
    const r = read([
      'Dec 26 23:33:52 mac-mint systemd[1270]: pipewire.service: Start request repeated too quickly.',
      'Jan 03 10:00:00 mac-mint systemd[1]: Started Daily apt upgrade.',
      'Dec 07 20:00:00 mac-mint systemd[1]: Started Session 4 of user dev.',
    ], {});
    expect(r.times).toEqual(['2025-12-26T23:33:52.000Z', '2026-01-03T10:00:00.000Z', '2026-12-07T20:00:00.000Z']);
    expect(r.notices).toContain("dates without a year that would fall after the file was saved, or after today (or well after the other files' dates) in 2026 were read in 2025");
  });

  it("keeps today's date read as UTC though it is hours ahead (a zone east of UTC)", () => {
    expect(read(['Dec 08 09:00:00 host app[1]: tomorrow in UTC, today in Auckland'], {}).times).toEqual(['2026-12-08T09:00:00.000Z']);
  });

  it('keeps a past year as it is', () => {
    expect(read(['Dec 26 23:33:52 host app[1]: x'], { year: 2024 }).times).toEqual(['2024-12-26T23:33:52.000Z']);
  });

  it('reads a date well after the other files dates in the year before', () => {
    const day = Date.UTC(2026, 0, 2);
    expect(read(['Dec 31 23:59:00 host app[1]: x', 'Jan 02 00:01:00 host app[1]: y'], { day }).times)
      .toEqual(['2025-12-31T23:59:00.000Z', '2026-01-02T00:01:00.000Z']);
  });

  it('does the same for a year-less date in a JSON time field', () => {
    const out = newTimeOut();
    expect(parseLooseText('Dec 26 10:00:00', out, 2026, TODAY)).toBe(true);
    expect(toIso(out.ms)).toBe('2025-12-26T10:00:00.000Z');
    expect(parseLooseText('Dec 06 10:00:00', out, 2026, TODAY)).toBe(true);
    expect(toIso(out.ms)).toBe('2026-12-06T10:00:00.000Z');
  });
});

describe('year-less dates in a saved file', () => {
  it("are never after the file was saved, whenever it is read", async () => {
    const { bytesSource } = await import('../../src/engine/ingest/byte-source.ts');
    const { ingestSources } = await import('../../src/engine/ingest/ingest.ts');
    const text = 'Dec 31 23:59:58 host app[1]: last of the year\nJan 01 00:00:02 host app[1]: first of the next\n';
    // Saved on 2 January 2025, read long after: "Dec 31" is 2024's, "Jan 01" 2025's.
    const saved = { ...bytesSource('syslog.log', text), lastModified: Date.UTC(2025, 0, 2, 8) };
    const r = await ingestSources([saved]);
    expect([toIso(r.table.tMs[0]), toIso(r.table.tMs[1])]).toEqual(['2024-12-31T23:59:58.000Z', '2025-01-01T00:00:02.000Z']);
    // The year given by the user is kept as given.
    const given = await ingestSources([saved], { year: 2025 });
    expect(Array.from(given.table.tMs, (t) => toIso(t))).toContain('2025-12-31T23:59:58.000Z');
  });
});
