// Share links survive the round trip, and every broken or hostile link is
// refused with a clear message instead of crashing, hanging or allocating.
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../src/share/base64url.ts';
import { decodePayload, encodePayload, gunzipCapped, gzipBytes, ShareLinkError, type ShareErrorCode } from '../../src/share/codec.ts';
import { fitPayload } from '../../src/share/fit.ts';
import { claimed2GbLink, packText, zipBombLink } from '../fixtures/hostile/payloads.ts';
import { incidentPayload } from './helpers.ts';

async function refusal(encoded: string, limits?: Parameters<typeof decodePayload>[1]): Promise<ShareLinkError> {
  try {
    await decodePayload(encoded, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(ShareLinkError);
    return e as ShareLinkError;
  }
  throw new Error('the link was accepted');
}

const code = async (encoded: string): Promise<ShareErrorCode> => (await refusal(encoded)).code;

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = encodeBase64url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(Array.from(decodeBase64url(text))).toEqual(Array.from(bytes));
    }
  });

  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(() => decodeBase64url('abc$')).toThrow(/position 3/);
    expect(() => decodeBase64url('abcd+')).toThrow(/not base64url/);
    expect(() => decodeBase64url('abcde')).toThrow(/whole number/);
  });
});

describe('share link round trip', () => {
  it('decodes to the same incident it encoded', async () => {
    const { payload } = await incidentPayload();
    const encoded = await encodePayload(payload);
    expect(encoded).toMatch(/^H4sI[A-Za-z0-9_-]+$/); // gzip magic, URL-safe alphabet
    const decoded = await decodePayload(encoded);
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(fitPayload(payload))));
    expect(decoded.findings[0].title).toBe('Reload stalled behind 12 certificate renewals');
    expect(decoded.view.selectedFinding).toBe(0);
  });

  it('tolerates line breaks a mail client inserts into a long link', async () => {
    const { payload } = await incidentPayload();
    const encoded = await encodePayload(payload);
    const wrapped = encoded.replace(/(.{76})/g, '$1\n');
    expect((await decodePayload(wrapped)).events.msg).toEqual(payload.events.msg);
  });
});

describe('broken and hostile links', () => {
  it('explains a truncated link', async () => {
    const encoded = await encodePayload((await incidentPayload()).payload);
    const err = await refusal(encoded.slice(0, Math.floor(encoded.length / 2)));
    expect(err.code).toBe('damaged');
    expect(err.message).toMatch(/incomplete or damaged/);
  });

  it('refuses a tampered link (one character changed anywhere in the data)', async () => {
    const encoded = await encodePayload((await incidentPayload()).payload);
    // (The gzip header's first 14 characters hold a time stamp and OS byte nobody checks: skip them.)
    for (const at of [20, Math.floor(encoded.length / 2), encoded.length - 8]) {
      const c = encoded[at] === 'A' ? 'B' : 'A';
      const tampered = encoded.slice(0, at) + c + encoded.slice(at + 1);
      expect(['damaged', 'not-json', 'invalid']).toContain(await code(tampered));
    }
  });

  it('refuses characters that are not base64url, and text that is not a packed incident', async () => {
    expect((await refusal('<img src=x onerror=alert(1)>')).message).toMatch(/character "<" at position 0/);
    expect(await code('javascript:alert(1)')).toBe('not-base64');
    expect(await code(encodeBase64url(new TextEncoder().encode('{"v":1,"plain":"json, not gzip"}')))).toBe('not-a-link');
    expect(await code('')).toBe('empty');
  });

  it('refuses a link longer than any browser keeps, before decoding it', async () => {
    const err = await refusal('A'.repeat(3_000_000));
    expect(err.code).toBe('too-long');
    expect(err.message).toMatch(/3,000,000 characters/);
  });

  it('stops a zip bomb at the cap instead of inflating it', async () => {
    const bomb = await zipBombLink(96); // 96 MB of spaces in about 100 KB of link
    expect(bomb.length).toBeLessThan(200_000);
    const err = await refusal(bomb);
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/more than 64 MB/);
  });

  it('never trusts the length a gzip trailer claims (2 GB)', async () => {
    const err = await refusal(await claimed2GbLink());
    expect(err.code).toBe('damaged');
  });

  it('enforces a smaller cap exactly, whatever the input size', async () => {
    const gz = await gzipBytes(new Uint8Array(300_000).fill(65));
    await expect(gunzipCapped(gz, 100_000)).rejects.toMatchObject({ code: 'too-large' });
    expect((await gunzipCapped(gz, 300_000)).length).toBe(300_000);
  });

  it('names the version when a link comes from a newer Timberline', async () => {
    const err = await refusal(await packText(JSON.stringify({ v: 7 })));
    expect(err.code).toBe('unsupported-version');
    expect(err.message).toMatch(/newer Timberline \(link format 7\)/);
  });

  it('refuses JSON that is not an incident, saying which field is wrong', async () => {
    expect(await code(await packText('<html><script>alert(1)</script></html>'))).toBe('not-json');
    expect(await code(await packText('[1,2,3]'))).toBe('invalid');
    const { payload } = await incidentPayload();
    const badEvidence = { ...payload, findings: [{ ...payload.findings[0], evidence: [payload.events.t.length + 5] }] };
    const err = await refusal(await packText(JSON.stringify(badEvidence)));
    expect(err.code).toBe('invalid');
    expect(err.message).toMatch(/findings\[0\]\.evidence\[0\] is out of range/);
    const ragged = { ...payload, events: { ...payload.events, msg: payload.events.msg.slice(1) } };
    expect((await refusal(await packText(JSON.stringify(ragged)))).message).toMatch(/events\.msg has \d+ entries but events\.t has/);
    const huge = { ...payload, events: { ...payload.events, t: { length: 2 ** 31 } } };
    expect((await refusal(await packText(JSON.stringify(huge)))).message).toMatch(/events\.t is not a list/);
  });

  it('refuses vocabulary patterns the linear-time engine cannot run, naming the construct', async () => {
    const { payload } = await incidentPayload();
    const evil = { ...payload, vocabulary: [{ kind: 'crash', pattern: '(a+)\\1$', note: '', samples: [] }] };
    expect((await refusal(await packText(JSON.stringify(evil)))).message).toMatch(/vocabulary\[0\]\.pattern is refused: it uses a backreference/);
  });
});
