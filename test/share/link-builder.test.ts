// The Share dialog's per-settings pipeline runs where the engine runs (the
// worker): the engine API keeps the dialog's payload (shareBase) and answers
// each change of switches with a redacted, encoded link (shareLink). The link
// must open to exactly the redacted payload, and the API must give what the
// pipeline gives.
import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../src/share/codec.ts';
import { applyReductions, buildShareLink, type ShareSettings } from '../../src/share/link-builder.ts';
import { shareApi } from '../../src/worker/share-api.ts';
import { incidentPayload } from './helpers.ts';

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

  it('answers through the engine API once the dialog handed over its payload', async () => {
    const { loaded, payload } = await incidentPayload();
    const api = shareApi(loaded.session, (v) => v);
    const settings: ShareSettings = { categories: { ipv4: true }, custom: [], applied: [] };
    await expect(api.shareLink(settings, PREFIX)).rejects.toThrow(/no payload/);
    await api.shareBase(payload);
    expect(await api.shareLink(settings, PREFIX)).toEqual(await buildShareLink(payload, settings, PREFIX));
  });
});
