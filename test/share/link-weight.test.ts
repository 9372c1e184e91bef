// A link costs what it weighs: JSON nested millions deep (a few tens of KB
// of link) is refused before parsing builds it, and the counts a link claims
// for its files must fit the events it carries.
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, ShareLinkError } from '../../src/share/codec.ts';
import { jsonDeeperThan } from '../../src/share/json-depth.ts';
import { packText } from '../fixtures/hostile/payloads.ts';
import { incidentPayload } from './helpers.ts';

async function refusal(encoded: string): Promise<ShareLinkError> {
  try {
    await decodePayload(encoded);
  } catch (e) {
    if (e instanceof ShareLinkError) return e;
    throw e;
  }
  throw new Error('the link was accepted');
}

describe('deep nesting', () => {
  it('a small link unpacking to 30 million nested arrays is refused before parsing', async () => {
    const depth = 30_000_000;
    const link = await packText(`{"v":1,"files":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(link.length).toBeLessThan(200_000);
    const before = process.memoryUsage().rss;
    const e = await refusal(link);
    expect(e.message).toMatch(/nests data more than 64 levels deep/);
    // Parsing it would build 30 million arrays (gigabytes); the byte scan allocates nothing. Generous ceiling.
    expect(process.memoryUsage().rss - before).toBeLessThan(512 << 20);
  }, 60_000);

  it('counts brackets outside strings only', () => {
    const inString = new TextEncoder().encode(JSON.stringify({ msg: '['.repeat(1000) }));
    expect(jsonDeeperThan(inString, 3)).toBe(false);
    expect(jsonDeeperThan(new TextEncoder().encode('[[[[]]]]'), 3)).toBe(true);
    expect(jsonDeeperThan(new TextEncoder().encode('{"a":"\\"[[[[[","b":[1]}'), 3)).toBe(false);
  });
});

describe('claimed counts', () => {
  it('a file claiming 9,007,199,254,740,000 events is refused', async () => {
    const { payload } = await incidentPayload();
    const link = await encodePayload({ ...payload, files: payload.files.map((f, i) => (i === 0 ? { ...f, events: 9_007_199_254_740_000 } : f)) });
    expect((await refusal(link)).message).toMatch(/files\[0\]\.events claims 9,007,199,254,740,000 events, more than any file Timberline can read/);
  });

  it('a header claiming 9,007,199,254,745,120 events (past exact integers) is refused, never shown', async () => {
    const { payload } = await incidentPayload();
    const link = await encodePayload({ ...payload, files: payload.files.map((f, i) => (i === 0 ? { ...f, events: 9_007_199_254_745_120 } : f)) });
    expect((await refusal(link)).message).toMatch(/files\[0\]\.events/);
  });

  it('files that claim more events together than a table holds, or more lines than bytes, are refused', async () => {
    const { payload } = await incidentPayload();
    const many = { ...payload, files: payload.files.map((f) => ({ ...f, events: 0xffffffff, lines: 0xffffffff, bytes: 2 ** 40 })) };
    expect(payload.files.length).toBeGreaterThan(1);
    expect((await refusal(await encodePayload(many))).message).toMatch(/files claim [\d,]+ events together, more than Timberline can load at once/);
    const dense = { ...payload, files: payload.files.map((f, i) => (i === 0 ? { ...f, lines: 5_000_000, bytes: 1000 } : f)) };
    expect((await refusal(await encodePayload(dense))).message).toMatch(/files\[0\]\.lines claims 5,000,000 lines in 1,000 bytes/);
  });

  it('a file claiming fewer events than the link carries for it is refused', async () => {
    const { payload } = await incidentPayload();
    const link = await encodePayload({ ...payload, files: payload.files.map((f, i) => (i === 0 ? { ...f, events: 0 } : f)) });
    expect((await refusal(link)).message).toMatch(/files\[0\]\.events claims 0 events but the link carries \d+ of that file/);
  });

  it('an honest link still opens', async () => {
    const { payload } = await incidentPayload();
    const back = await decodePayload(await encodePayload(payload));
    expect(back.files.map((f) => f.events)).toEqual(payload.files.map((f) => f.events));
  });
});
