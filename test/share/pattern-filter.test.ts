// A link carries the Patterns filter as pattern texts: the receiving side
// re-templates the shared (redacted) events, and the same patterns come out,
// because a redaction placeholder masks like the value it replaced.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { maskMessage } from '../../src/engine/templates/mask.ts';
import { buildSharePayload } from '../../src/share/build.ts';
import { encodePayload } from '../../src/share/codec.ts';
import { shareUrl } from '../../src/share/link.ts';
import { defaultView } from '../../src/share/payload.ts';
import { redactPayload } from '../../src/share/redact-payload.ts';
import { openShareLink } from '../../src/share/restore.ts';
import { sessionTexts } from '../../src/share/session-texts.ts';

const T0 = Date.UTC(2024, 4, 1, 10);
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

describe('the Patterns filter in a share link', () => {
  it('masks a redaction placeholder like the value it stands for', () => {
    expect(maskMessage('connection to <ip-1> refused')).toBe(maskMessage('connection to 10.0.0.7 refused'));
    expect(maskMessage('key <aws-key-2> rejected by <ip-12>:443')).toBe('key <*> rejected by <*>');
    expect(maskMessage('user <custom-label-3> logged in')).toBe('user <*> logged in');
    expect(maskMessage('mail to <email-1> bounced')).toBe(maskMessage('mail to ops.team+alerts@example.co.uk bounced'));
    expect(maskMessage('mail to ops@example.com bounced')).toBe('mail to <*> bounced');
  });

  it('comes back as the same patterns on the receiving side, redacted events and all', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) {
      lines.push(JSON.stringify({ time: iso(i), level: 'error', msg: `connection to 10.0.${i % 4}.7 refused` }));
      lines.push(JSON.stringify({ time: iso(i), level: 'info', msg: `served request ${i} in ${i * 3} ms` }));
    }
    const session = new EngineSession();
    const summary = await session.load([bytesSource('app.jsonl', lines.join('\n') + '\n')]);
    const refused = summary.templates.find((t) => t.pattern.startsWith('connection to'));
    expect(refused?.pattern).toBe('connection to <*> refused');
    const window = { start: T0, end: T0 + 60_000 };
    const view = { ...defaultView(window), filters: { text: '', levels: [], kinds: [], sources: [], patterns: [refused!.pattern] } };
    const payload = await buildSharePayload({ table: summary.table, files: summary.files, marks: [], findings: [], texts: (rows) => sessionTexts(session, rows) }, { window, view });
    const redacted = redactPayload(payload, { categories: { ipv4: true }, custom: [] }).payload;
    expect(redacted.events.msg.join('\n')).toContain('<ip-1>');
    const restored = await openShareLink(shareUrl({ origin: 'https://x.example', pathname: '/' }, await encodePayload(redacted)));
    expect(restored.view.filters.patterns).toEqual([refused!.pattern]);
    const here = restored.result.templates.find((t) => t.pattern === refused!.pattern);
    expect(here?.count).toBe(40);
  });

  it('opens links made before it (no patterns) and refuses oversized ones', async () => {
    const window = { start: T0, end: T0 + 1000 };
    const session = new EngineSession();
    const summary = await session.load([bytesSource('a.jsonl', JSON.stringify({ time: iso(0), msg: 'x' }) + '\n')]);
    const source = { table: summary.table, files: summary.files, marks: [], findings: [], texts: (rows: readonly number[]) => sessionTexts(session, rows) };
    const old = await buildSharePayload(source, { window, view: defaultView(window) });
    expect((await openShareLink(shareUrl({ origin: 'https://x.example', pathname: '/' }, await encodePayload(old)))).view.filters.patterns).toBeUndefined();
    const huge = await buildSharePayload(source, { window, view: { ...defaultView(window), filters: { text: '', levels: [], kinds: [], sources: [], patterns: Array.from({ length: 500 }, (_, i) => `p${i}`) } } });
    await expect(openShareLink(shareUrl({ origin: 'https://x.example', pathname: '/' }, await encodePayload(huge)))).rejects.toThrow(/patterns/);
  });
});
