// The Share dialog's pipeline runs where the engine runs (the worker): the
// engine API builds the dialog's payload from the session (shareOpen) and
// answers each change of switches with a redacted, encoded link (shareLink),
// its counts and its Markdown, never the payload itself. The link must open
// to exactly the redacted payload, and the API must give what the pipeline gives.
import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../src/share/codec.ts';
import { applyReductions, buildShareLink, type ShareSettings } from '../../src/share/link-builder.ts';
import { shareApi } from '../../src/worker/share-api.ts';
import { incidentPayload, T0 } from './helpers.ts';
import { defaultView } from '../../src/share/payload.ts';
import { buildSharePayload } from '../../src/share/build.ts';
import { incidentMarkdown } from '../../src/share/markdown.ts';
import { sessionTexts } from '../../src/share/session-texts.ts';

const PREFIX = 'https://example.org/timberline/#s=';

describe('share links built where the engine runs', () => {
  it('redacts what the switches say, and the link opens to that payload', async () => {
    const { payload } = await incidentPayload();
    const on: ShareSettings = { categories: { ipv4: true }, custom: [{ label: 'request', pattern: 'req-\\d+' }], applied: [] };
    const off: ShareSettings = { categories: { ipv4: false }, custom: [], applied: [] };
    const redacted = await buildShareLink(payload, on, PREFIX);
    const plain = await buildShareLink(payload, off, PREFIX);
    expect(redacted.link.startsWith(PREFIX)).toBe(true);
    expect(await decodePayload(redacted.link.slice(PREFIX.length))).toEqual(redacted.payload);
    const texts = (p: typeof payload) => [...p.events.msg, ...p.events.raw].join('\n');
    expect(texts(payload)).toMatch(/\b10\.\d+\.\d+\.\d+\b/);
    expect(texts(redacted.payload)).not.toMatch(/\b10\.\d+\.\d+\.\d+\b/);
    expect(texts(plain.payload)).toMatch(/\b10\.\d+\.\d+\.\d+\b/);
    expect(redacted.report.find((r) => r.id === 'ipv4')?.count ?? 0).toBeGreaterThan(0);
    expect(redacted.payload.redaction.replaced).toBeGreaterThan(0);
  });

  it('applies the chosen reductions before redacting', async () => {
    const { payload } = await incidentPayload();
    const r = await buildShareLink(payload, { categories: {}, custom: [], applied: ['messages-only'] }, PREFIX);
    const reduced = applyReductions(payload, ['messages-only']);
    // Raw lines are left out except a crash's (its trace is the evidence).
    expect(reduced.events.raw.filter((x) => x !== null && x !== '').length).toBeLessThan(payload.events.raw.filter((x) => x !== null && x !== '').length);
    expect(r.payload.events.raw).toEqual(reduced.events.raw);
    expect(r.payload.reductions.some((x) => x.endsWith('raw lines left out (messages kept)'))).toBe(true);
  });

  it('builds, redacts and encodes in the engine API, giving the page counts, the link and its Markdown', async () => {
    const { loaded } = await incidentPayload();
    const session = loaded.session;
    const api = shareApi(session, (v) => v);
    const settings: ShareSettings = { categories: { ipv4: true }, custom: [], applied: [] };
    await expect(api.shareLink(settings, PREFIX)).rejects.toThrow(/no payload/);
    const window = { start: T0, end: T0 + 130_000 };
    const req = { window, view: defaultView(window) };
    const carries = await api.shareOpen(req);
    // What the pipeline makes from the same session's table, texts and analysis.
    const r = session.loaded!;
    const a = session.analysis!;
    const expected = await buildSharePayload({ table: r.table, files: r.files, marks: a.marks, findings: a.findings, texts: (rows) => sessionTexts(session, rows) }, req);
    expect(carries).toEqual({ events: expected.events.t.length, window, findings: expected.findings.length, marks: expected.marks.length, files: 2, vocabulary: 0, rules: 0, provenance: null });
    expect(carries.events).toBeGreaterThan(10);
    const view = await api.shareLink(settings, PREFIX);
    expect(view).not.toHaveProperty('payload');
    const sent = await decodePayload(view.link.slice(PREFIX.length));
    const direct = await buildShareLink(expected, settings, PREFIX);
    expect({ ...sent, created: '' }).toEqual({ ...direct.payload, created: '' });
    expect(view.report).toEqual(direct.report);
    // The Markdown is made from the redacted payload and links back to it.
    expect(view.markdown).toBe(incidentMarkdown(sent, view.link));
    expect(view.markdown).not.toMatch(/\b10\.\d+\.\d+\.\d+\b/);
    expect(view.caption.window).toEqual(sent.view.window);
  });

  it('drops a link whose settings changed again before it was made', async () => {
    const { loaded } = await incidentPayload();
    const api = shareApi(loaded.session, (v) => v);
    const window = { start: T0, end: T0 + 130_000 };
    await api.shareOpen({ window, view: defaultView(window) });
    const stale = new AbortController();
    stale.abort();
    await expect(api.shareLink({ categories: {}, custom: [], applied: [] }, PREFIX, stale.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
