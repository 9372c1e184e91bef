// A link carries the log list's field columns: the receiver sees the fields the
// sender chose beside the messages, read from the shared (redacted) raw lines.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { buildSharePayload } from '../../src/share/build.ts';
import { encodeBase64url } from '../../src/share/base64url.ts';
import { encodePayload, gzipBytes } from '../../src/share/codec.ts';
import { shareUrl } from '../../src/share/link.ts';
import { defaultView } from '../../src/share/payload.ts';
import { redactPayload } from '../../src/share/redact-payload.ts';
import { openShareLink } from '../../src/share/restore.ts';
import { sessionTexts } from '../../src/share/session-texts.ts';

const T0 = Date.UTC(2024, 4, 1, 10);
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
const at = { origin: 'https://x.example', pathname: '/' };

async function loaded() {
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) lines.push(JSON.stringify({ time: iso(i), level: i % 10 === 0 ? 'error' : 'info', msg: 'Proxied request', status: i % 10 === 0 ? 502 : 200, upstream: `10.0.0.${i % 3}:8080` }));
  const session = new EngineSession();
  const summary = await session.load([bytesSource('proxy.jsonl', lines.join('\n') + '\n')]);
  const source = { table: summary.table, files: summary.files, marks: [], findings: [], texts: (rows: readonly number[]) => sessionTexts(session, rows) };
  return { source, window: { start: T0, end: T0 + 60_000 } };
}

describe('list columns in a share link', () => {
  it('come back in order, and the receiving session fills them from the shared lines', async () => {
    const { source, window } = await loaded();
    const payload = await buildSharePayload(source, { window, view: { ...defaultView(window), columns: ['status', 'upstream'] } });
    const redacted = redactPayload(payload, { categories: { ipv4: true }, custom: [] }).payload;
    const restored = await openShareLink(shareUrl(at, await encodePayload(redacted)));
    expect(restored.view.columns).toEqual(['status', 'upstream']);
    const receiver = new EngineSession();
    receiver.adopt(restored.result, restored.analysis, restored.sources);
    const texts = await receiver.rowTexts([0, 1], ['status', 'upstream']);
    expect(texts.values[0][0]).toBe('502');
    expect(texts.values[1][0]).toBe('200');
    // The upstream address was redacted before it left: the column shows the placeholder, not the address.
    expect(texts.values[1][1]).toMatch(/^<ip-\d+>:8080$/);
  });

  it('opens links without columns, keeps at most what the list shows, and refuses more', async () => {
    const { source, window } = await loaded();
    const plain = await buildSharePayload(source, { window, view: defaultView(window) });
    expect((await openShareLink(shareUrl(at, await encodePayload(plain)))).view.columns).toBeUndefined();
    const nine = Array.from({ length: 9 }, (_, i) => `f${i}`);
    // The builder keeps what the list can show...
    const built = await buildSharePayload(source, { window, view: { ...defaultView(window), columns: nine } });
    expect((await openShareLink(shareUrl(at, await encodePayload(built)))).view.columns).toEqual(nine.slice(0, 8));
    // ...and a link written by hand with more (not made by the builder) is refused, naming the part.
    const forged = JSON.stringify({ ...plain, view: { ...plain.view, columns: nine } });
    const link = shareUrl(at, encodeBase64url(await gzipBytes(new TextEncoder().encode(forged))));
    await expect(openShareLink(link)).rejects.toThrow(/columns/);
  });
});
