// A link made from a pulled ClickHouse window names the query it came from
// (table, window, services, condition, column mapping), never the user or
// password, and the server only when the sender ticks the box. The decoder
// checks that field like the rest of a link, and the Markdown export keeps
// it inert.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { provenanceOf } from '../../src/engine/sources/clickhouse/provenance.ts';
import { OTEL_MAPPING, decodeMapping } from '../../src/engine/sources/clickhouse/schema.ts';
import { buildSharePayload } from '../../src/share/build.ts';
import { decodePayload, ShareLinkError } from '../../src/share/codec.ts';
import { buildShareLink, type ShareSettings } from '../../src/share/link-builder.ts';
import { incidentMarkdown } from '../../src/share/markdown.ts';
import { defaultView, type SharedProvenance, type SharePayload } from '../../src/share/payload.ts';
import { provenanceText } from '../../src/share/provenance-text.ts';
import { openShareLink } from '../../src/share/restore.ts';
import { packText } from '../fixtures/hostile/payloads.ts';
import { incidentPayload, loadIncident, T0 } from './helpers.ts';

const PREFIX = 'https://example.org/timberline/#s=';
const PASSWORD = 'pw-9c1e-never-in-a-link';
const CONN = { url: 'https://reader:inline-secret@ch.internal.example:8443/?user=qs-user', user: 'reader', password: PASSWORD };
const WINDOW = {
  database: 'logs', table: 'otel_logs', mapping: OTEL_MAPPING, fromMs: Date.parse('2024-05-14T02:00:00Z'), toMs: Date.parse('2024-05-14T03:00:00Z'),
  sources: ['edge', 'orders-api'], where: "ResourceAttributes['k8s.namespace.name'] = 'prod' AND ClientIP = '10.9.8.7'",
};
const off: ShareSettings = { categories: {}, custom: [], applied: [] };

async function pulledPayload(provenance: SharedProvenance | null = provenanceOf(WINDOW, CONN, true)): Promise<SharePayload> {
  const { source } = await loadIncident();
  const window = { start: T0, end: T0 + 130_000 };
  return buildSharePayload(source, { window, view: defaultView(window), provenance, now: new Date(T0) });
}

async function refusal(payload: unknown): Promise<string> {
  try {
    await decodePayload(await packText(JSON.stringify(payload)));
  } catch (e) {
    expect(e).toBeInstanceOf(ShareLinkError);
    return (e as Error).message;
  }
  throw new Error('the link was accepted');
}

describe('provenance in a link made from a pulled window', () => {
  it('travels and opens: table, window, services, condition, mapping; the server only when asked', async () => {
    const base = await pulledPayload();
    expect(base.provenance?.host).toBe('https://ch.internal.example:8443');
    const plain = await buildShareLink(base, off, PREFIX);
    const restored = await openShareLink(plain.link);
    expect(restored.provenance).toEqual({
      kind: 'clickhouse', database: 'logs', table: 'otel_logs', from: '2024-05-14T02:00:00.000Z', to: '2024-05-14T03:00:00.000Z',
      // Redaction is on by default, for the condition as for the log lines.
      sources: ['edge', 'orders-api'], where: "ResourceAttributes['k8s.namespace.name'] = 'prod' AND ClientIP = '<ip-6>'",
    });
    expect(plain.link).not.toContain('ch.internal');
    const named = await buildShareLink(base, { ...off, includeHost: true }, PREFIX);
    expect((await openShareLink(named.link)).provenance?.host).toBe('https://ch.internal.example:8443');
    // With or without the server, no credential is anywhere: link, decoded payload, Markdown.
    for (const r of [plain, named]) {
      const texts = [r.link, JSON.stringify(await decodePayload(r.link.slice(PREFIX.length))), incidentMarkdown(r.payload, r.link)];
      for (const t of texts) for (const secret of [PASSWORD, 'inline-secret', 'reader', 'qs-user']) expect(t).not.toContain(secret);
    }
  });

  it('a link from dropped files carries none, and the receiver shows none', async () => {
    const { payload } = await incidentPayload();
    expect(payload.provenance).toBeUndefined();
    expect((await openShareLink((await buildShareLink(payload, off, PREFIX)).link)).provenance).toBeNull();
    expect(incidentMarkdown(payload)).not.toContain('Source:');
  });

  it('keeps a column mapping, normalised, and says where the window came from in one sentence', async () => {
    const mapping = decodeMapping('ts,,host,lvl,msg,attrs,error,');
    const base = await pulledPayload(provenanceOf({ table: 'app_logs', mapping, fromMs: WINDOW.fromMs, toMs: WINDOW.toMs }));
    const p = (await openShareLink((await buildShareLink(base, off, PREFIX)).link)).provenance;
    expect(p?.mapping).toBe('ts,,host,lvl,msg,attrs,error,');
    expect(p && provenanceText(p)).toBe('Pulled from ClickHouse table app_logs, window 2024-05-14 02:00:00.000 UTC → 2024-05-14 03:00:00.000 UTC, column mapping ts,,host,lvl,msg,attrs,error,');
  });

  it('redacts the services and the condition with the rest of the link, as the switches say', async () => {
    const base = await pulledPayload({ ...provenanceOf(WINDOW), sources: ['edge', 'db-10.9.8.7'] });
    const on = await buildShareLink(base, { ...off, categories: { ipv4: true } }, PREFIX);
    expect(on.payload.provenance?.where).toMatch(/ClientIP = '<ip-(\d+)>'$/);
    // One placeholder per address across the link: the service name and the condition agree.
    const placeholder = /<ip-\d+>/.exec(on.payload.provenance?.where ?? '')?.[0];
    expect(on.payload.provenance?.sources).toEqual(['edge', `db-${placeholder}`]);
    const plain = await buildShareLink(base, { ...off, categories: { ipv4: false } }, PREFIX);
    expect(plain.payload.provenance?.where).toBe(WINDOW.where);
  });

  it('clips an over-long condition rather than making a link that will not open, and drops a provenance that is not one', async () => {
    const long = await pulledPayload({ ...provenanceOf(WINDOW), where: `x = '${'y'.repeat(10_000)}'` });
    const opened = await openShareLink((await buildShareLink(long, off, PREFIX)).link);
    expect(opened.provenance?.where?.length).toBeLessThanOrEqual(4000);
    expect(opened.provenance?.where?.endsWith('…')).toBe(true);
    const bad = await pulledPayload({ ...provenanceOf(WINDOW), table: 'otel_logs; DROP TABLE x' });
    expect(bad.provenance).toBeUndefined();
  });
});

describe('a hand-made provenance in a link', () => {
  const valid = () => provenanceOf(WINDOW);
  const withProvenance = async (p: unknown) => ({ ...(await incidentPayload()).payload, provenance: p });

  it('is refused when a field is not what a pull writes, naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ table: 'otel_logs`; DROP TABLE otel_logs; --' }, /provenance\.table is not a plain table or database name/],
      [{ database: '../etc' }, /provenance\.database is not a plain/],
      [{ host: 'http://admin:hunter2@ch.example:8123' }, /provenance\.host carries credentials/],
      [{ host: 'https://ch.example/?password=x' }, /provenance\.host is not a bare server origin/],
      [{ host: 'javascript:alert(1)' }, /provenance\.host is not an http\(s\) address/],
      [{ from: 'yesterday' }, /provenance\.from is not a time/],
      [{ from: '2024-05-14T04:00:00Z' }, /provenance window ends before it starts/],
      [{ where: 'x'.repeat(4001) }, /provenance\.where is longer than 4000 characters/],
      [{ mapping: 'a,b' }, /provenance\.mapping is not a column mapping/],
      [{ mapping: 'ts,,host,lvl,msg,attrs,error,sleep(3)' }, /provenance\.mapping is not a column mapping/],
      [{ kind: 'loki' }, /provenance\.kind is not one of clickhouse/],
      [{ sources: Array.from({ length: 201 }, (_, i) => `s${i}`) }, /provenance\.sources has 201 entries/],
      [{ sources: 'edge' }, /provenance\.sources is not a list/],
    ];
    for (const [patch, message] of cases) expect(await refusal(await withProvenance({ ...valid(), ...patch }))).toMatch(message);
    expect(await refusal(await withProvenance('clickhouse://x'))).toMatch(/provenance is not an object/);
  });

  it('drops keys a pull never writes, so a user or password cannot ride along', async () => {
    const decoded = await decodePayload(await packText(JSON.stringify(await withProvenance({ ...valid(), user: 'admin', password: 'zz-cred-77', __proto__: { polluted: 1 } }))));
    expect(decoded.provenance).toEqual(valid());
    expect(JSON.stringify(decoded)).not.toContain('zz-cred-77');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stays inert in the Markdown export: no link, image, heading or mention comes alive', async () => {
    const evil = { ...valid(), where: "`](javascript:alert(1)) <img src=x onerror=alert(1)>\n# heading @channel ``` x", sources: ['<b>edge</b>'] };
    const payload = await decodePayload(await packText(JSON.stringify(await withProvenance(evil))));
    const text = incidentMarkdown(payload);
    const line = text.split('\n').find((l) => l.startsWith('Source: pulled from ClickHouse'));
    expect(line).toContain('table `logs.otel_logs`, window');
    const html = new MarkdownIt({ html: true, linkify: true }).render(text);
    expect(html).not.toMatch(/<(a|img|h1|b)\b/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
