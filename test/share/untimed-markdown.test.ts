// A pasted excerpt with no timestamps, shared as Markdown: its lines carry no
// time, so the text says "untimed" where a timed log shows its times, and
// never shows the timeline's placeholder ("date unknown 00:00:00").
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { buildSharePayload } from '../../src/share/build.ts';
import { defaultView } from '../../src/share/payload.ts';
import { sessionTexts } from '../../src/share/session-texts.ts';
import { incidentMarkdown } from '../../src/share/markdown.ts';
import { incidentPayload } from './helpers.ts';

const EXCERPT = [
  'PANIC:  could not write to file "pg_wal/xlogtemp.123": No space left on device',
  'LOG:  server process (PID 123) was terminated by signal 6: Aborted',
].join('\n') + '\n';

async function markdownOf(text: string): Promise<string> {
  const session = new EngineSession();
  const summary = await session.load([bytesSource('pasted.txt', text)]);
  const t = summary.table;
  const window = { start: t.tMs[0], end: t.tMs[t.length - 1] + 1 };
  const source = { table: t, files: summary.files, marks: summary.analysis.marks, findings: summary.analysis.findings, texts: (rows: readonly number[]) => sessionTexts(session, rows) };
  const payload = await buildSharePayload(source, { window, view: defaultView(window), now: new Date(Date.UTC(2024, 0, 1)) });
  return incidentMarkdown(payload);
}

describe('Markdown of an excerpt with no timestamps', () => {
  it('names the finding and says its lines are untimed, with no invented time', async () => {
    const md = await markdownOf(EXCERPT);
    expect(md).toMatch(/### (WARNING|CRITICAL): .*(disk|No space)/i);
    expect(md).toContain('When: untimed');
    expect(md).toContain('Window: untimed');
    expect(md).toMatch(/^untimed {2}pasted\.txt:1 /m);
    expect(md).not.toMatch(/date unknown|00:00:00/);
  });

  it('keeps the times of a log that has them', async () => {
    const { payload } = await incidentPayload();
    const md = incidentMarkdown(payload);
    expect(md).not.toContain('untimed');
    expect(md).toMatch(/When: 2024-05-01 10:00:02\.000 UTC →/);
  });
});
