// Hostile input at the engine and link level (the browser half is
// test/e2e/hostile-*.test.ts): prototype-pollution keys stay plain data,
// script payloads survive as inert text, absurd sizes and broken encodings
// load without crashing, and all of it shares and restores intact.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { Flag } from '../../src/engine/model/kinds.ts';
import { buildSharePayload } from '../../src/share/build.ts';
import { decodePayload, encodePayload, ShareLinkError } from '../../src/share/codec.ts';
import { defaultView } from '../../src/share/payload.ts';
import { restoreFromShare } from '../../src/share/restore.ts';
import { sessionTexts } from '../../src/share/session-texts.ts';
import { MAX_SHARED_RAW_CHARS } from '../../src/share/limits.ts';
import { bigFieldRecord, HOSTILE_FILE_NAMES, hostileShareFragments, hugeLine, manyFieldsRecord, packText, scriptPayloadLines } from '../fixtures/hostile/payloads.ts';

const FIX = new URL('../fixtures/hostile/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIX)));
const PROTO_NAMES = ['polluted', 'isAdmin', 'x'];

function prototypeIsClean(): void {
  const probe: Record<string, unknown> = {};
  for (const k of PROTO_NAMES) {
    expect(probe[k]).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, k)).toBe(false);
  }
  expect(typeof Object.prototype.hasOwnProperty).toBe('function');
}

async function load(files: [string, Uint8Array | string][]) {
  const session = new EngineSession();
  const summary = await session.load(files.map(([name, data]) => bytesSource(name, data)));
  return { session, summary, r: session.loaded! };
}

async function shareAll(session: EngineSession, summary: Awaited<ReturnType<EngineSession['load']>>) {
  const t = summary.table;
  const window = { start: t.tMs[0], end: t.tMs[t.length - 1] };
  const payload = await buildSharePayload(
    { table: t, files: summary.files, marks: [], findings: [], texts: (rows) => sessionTexts(session, rows) },
    { window, view: defaultView(window) },
  );
  return restoreFromShare(await decodePayload(await encodePayload(payload)));
}

afterEach(prototypeIsClean);

describe('prototype-pollution keys', () => {
  it('ingests them as plain data without touching Object.prototype', async () => {
    const { session, r } = await load([['proto-keys.jsonl', fixture('proto-keys.jsonl')]]);
    expect(r.table.length).toBe(6);
    expect(r.messages).toEqual(['proto at top', 'constructor prototype', 'nested', 'own fields only', 'hasOwnProperty shadowed', 'prototype key']);
    // Inherited-looking fields are never read: the record's own time and (absent) level win.
    const own = r.messages.indexOf('own fields only');
    expect(new Date(r.table.tMs[own]).toISOString()).toBe('2024-05-01T10:00:03.000Z');
    expect(r.table.level[own]).toBe(0);
    const detail = await session.detail(0);
    expect(Object.prototype.hasOwnProperty.call(detail!.fields, '__proto__')).toBe(true);
    expect((detail!.fields as Record<string, unknown>)['__proto__']).toEqual({ polluted: 'yes', isAdmin: true });
    const shadow = await session.detail(r.messages.indexOf('hasOwnProperty shadowed'));
    expect(shadow!.fields).toMatchObject({ hasOwnProperty: 'not a function', toString: 'nope' });
  });

  it('keeps them as data through a share link', async () => {
    const { session, summary } = await load([['proto-keys.jsonl', fixture('proto-keys.jsonl')], ['__proto__', 'x 2024-05-01T10:00:09Z INFO file named __proto__\n']]);
    const restored = await shareAll(session, summary);
    expect(restored.result.files.map((f) => f.name)).toEqual(['proto-keys.jsonl', '__proto__']);
    expect(restored.result.messages).toContain('own fields only');
  });

  it('refuses a hand-made link full of them and leaves the prototype alone', async () => {
    const link = await packText('{"v":1,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
    await expect(decodePayload(link)).rejects.toBeInstanceOf(ShareLinkError);
  });

  it('turns finding data with such keys into prototype-less plain objects', async () => {
    const { session, summary } = await load([['a.log', '2024-05-01T10:00:00Z ERROR boom\n']]);
    const t = summary.table;
    const window = { start: t.tMs[0], end: t.tMs[0] + 1000 };
    const data = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"n":3}') as Record<string, unknown>;
    const payload = await buildSharePayload(
      { table: t, files: summary.files, marks: [], findings: [{ rule: 'r', severity: 'info', start: window.start, end: window.end, title: 't', detail: 'd', confidence: 1, evidence: [0], data }], texts: (rows) => sessionTexts(session, rows) },
      { window, view: defaultView(window) },
    );
    const back = await decodePayload(await encodePayload(payload));
    const d = back.findings[0].data!;
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.keys(d)).toEqual(['__proto__', 'constructor', 'n']);
    expect(d['__proto__']).toEqual({ polluted: 'yes' });
  });
});

describe('script payloads stay text', () => {
  it('keeps payloads in messages, logger names and file names verbatim', async () => {
    const files: [string, Uint8Array | string][] = [
      [HOSTILE_FILE_NAMES[0], fixture('script-payloads.jsonl')],
      [HOSTILE_FILE_NAMES[1], fixture('script-payloads.log')],
      [HOSTILE_FILE_NAMES[5], scriptPayloadLines()],
    ];
    const { session, summary, r } = await load(files);
    expect(r.messages).toContain('<img src=x onerror="window.__pwned=1;alert(1)">');
    expect(r.messages).toContain('</script><script>window.__pwned=3;alert(3)</script>');
    expect(r.table.loggers).toContain('<script>window.__pwned=2</script>');
    const trace = r.messages.indexOf('fatal error: concurrent map writes <img src=x onerror=window.__pwned=27>');
    expect(r.table.lineCount[trace]).toBe(5);
    const restored = await shareAll(session, summary);
    expect(restored.result.files.map((f) => f.name)).toEqual(files.map(([n]) => n));
    expect(restored.result.messages).toEqual(r.messages);
  });
});

describe('absurd sizes and broken encodings', () => {
  it('loads a 5 MB field, 100k fields in one record and a 10 MB line, and shares them capped', async () => {
    const { session, summary, r } = await load([
      ['big-field.jsonl', bigFieldRecord(5)],
      ['many-fields.jsonl', manyFieldsRecord(100_000)],
      ['huge-line.log', hugeLine(10)],
    ]);
    expect(r.table.length).toBe(3);
    expect(r.messages).toContain('big field follows');
    expect(r.messages).toContain('many fields');
    const huge = r.files[2];
    expect(huge.events).toBe(1);
    const detail = await session.detail(r.table.file.indexOf(2));
    expect(detail!.raw.length).toBeLessThanOrEqual(256 * 1024);
    const restored = await shareAll(session, summary);
    const t = restored.result.table;
    expect(t.length).toBe(3);
    for (let row = 0; row < t.length; row++) {
      // Each raw line travels as its first MAX_SHARED_RAW_CHARS characters, marked truncated.
      expect(t.byteLength[row]).toBeLessThanOrEqual(MAX_SHARED_RAW_CHARS * 3);
      expect(t.flags[row] & Flag.truncated).toBe(Flag.truncated);
    }
  });

  it('loads invalid UTF-8 with replacement characters and a notice', async () => {
    const { r } = await load([['malformed.log', fixture('malformed.log')]]);
    expect(r.table.length).toBe(6);
    expect(r.files[0].notices.join(' ')).toMatch(/not valid utf-8; shown with U\+FFFD/);
    expect(r.messages.filter((m) => m?.includes('\uFFFD')).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a binary file with a notice instead of parsing garbage', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7) & 255);
    const { r } = await load([['core.dump', bytes], ['ok.log', '2024-05-01T10:00:00Z INFO fine\n']]);
    expect(r.files[0].error).toMatch(/not a text log/);
    expect(r.messages).toEqual(['fine']);
  });
});

describe('hostile share links', () => {
  it('refuses every one with a ShareLinkError', async () => {
    for (const { name, fragment } of await hostileShareFragments()) {
      const err = await decodePayload(fragment).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(ShareLinkError);
    }
  });
});
