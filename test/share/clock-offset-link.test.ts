// A clock correction travels in a share link: the sender's corrected file
// says by how much its times were moved, the link's reader checks that figure
// like every other (a whole number of ms within a week) and the restored
// Files panel can say the times were corrected. Also the ?clock= address
// parameter that brings a correction back after a reload.

import { describe, expect, it } from 'vitest';
import { buildSharePayload } from '../../src/share/build.ts';
import { decodePayload, encodePayload } from '../../src/share/codec.ts';
import { validatePayload } from '../../src/share/validate.ts';
import { restoreFromShare } from '../../src/share/restore.ts';
import { defaultView } from '../../src/share/payload.ts';
import { clockParams, parseClockParams } from '../../src/app/load/clock-params.ts';
import { loadIncident, T0 } from './helpers.ts';

async function corrected(ms: number) {
  const loaded = await loadIncident();
  const files = loaded.session.loaded?.files ?? [];
  files[1].clockOffsetMs = ms;
  const window = { start: T0, end: T0 + 130_000 };
  return buildSharePayload(loaded.source, { window, view: defaultView(window) });
}

describe('clock corrections in share links', () => {
  it('carries the correction through encode, decode and restore', async () => {
    const payload = await corrected(-1500);
    expect(payload.files.map((f) => f.clockOffsetMs)).toEqual([undefined, -1500]);
    const back = await decodePayload(await encodePayload(payload));
    const restored = restoreFromShare(back);
    expect(restored.result.files.map((f) => f.clockOffsetMs)).toEqual([undefined, -1500]);
  });

  it('refuses a correction that is not whole milliseconds within a week', async () => {
    const payload = await corrected(1);
    const withOffset = (v: unknown) => validatePayload({ ...payload, files: payload.files.map((f, i) => (i === 1 ? { ...f, clockOffsetMs: v } : f)) });
    expect(withOffset(2500).ok).toBe(true);
    for (const bad of [8 * 86400_000, -8 * 86400_000, 2.5, '2500', Number.NaN, { ms: 1 }]) {
      const r = withOffset(bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) expect(r.error).toContain('files[1].clockOffsetMs');
    }
    // Absent, null and zero all mean "not corrected".
    for (const none of [undefined, null, 0]) {
      const r = withOffset(none);
      expect(r.ok && r.value.files[1].clockOffsetMs).toBeUndefined();
    }
  });
});

describe('?clock= in the address', () => {
  it('reads MS:NAME pairs and writes them back the same way', () => {
    const p = new URLSearchParams('clock=2500:orders-api.jsonl&clock=-40:edge:proxy.log');
    expect([...parseClockParams(p)]).toEqual([['orders-api.jsonl', 2500], ['edge:proxy.log', -40]]);
    expect(clockParams([{ name: 'a.log' }, { name: 'orders-api.jsonl', clockOffsetMs: 2500 }])).toEqual(['2500:orders-api.jsonl']);
  });

  it('leaves out what is not a bounded whole number with a plausible name', () => {
    const bad = ['abc:x.log', '2.5:x.log', '0:x.log', '604800001:x.log', '1000', `5:${'n'.repeat(300)}`, '5:a\u0007b', ':x.log'];
    const p = new URLSearchParams(bad.map((b) => ['clock', b]));
    expect(parseClockParams(p).size).toBe(0);
    const many = new URLSearchParams(Array.from({ length: 500 }, (_, i) => ['clock', `${i + 1}:f${i}.log`]));
    expect(parseClockParams(many).size).toBe(64);
  });
});
