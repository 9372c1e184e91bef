// The log list's text cache: a row's message and its values of the list's
// field columns arrive in one worker call per batch of rows on screen (no
// call per row or per cell), a new set of columns is fetched for the rows
// asked again, and answers for a replaced set of columns never show.

import { describe, expect, it } from 'vitest';
import { MessageCache } from '../../src/bridge/message-cache.ts';

function fakeWorker() {
  const calls: { rows: number[]; fields: string[] }[] = [];
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  const cache = new MessageCache(async (rows, fields) => {
    calls.push({ rows, fields });
    if (gate) await gate;
    return { messages: rows.map((r) => `message ${r}`), values: rows.map((r) => fields.map((f) => (f === 'absent' ? null : `${f}@${r}`))) };
  });
  return {
    cache,
    calls,
    /** Hold answers until `open()` is called. */
    hold() {
      gate = new Promise((res) => (release = res));
    },
    open() {
      gate = null;
      release?.();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('message cache with field columns', () => {
  it('fetches a screenful of messages and values in one call', async () => {
    const w = fakeWorker();
    const fields = ['status', 'absent'];
    for (let row = 0; row < 40; row++) {
      expect(w.cache.get(row)).toBeUndefined();
      expect(w.cache.values(row, fields)).toBeUndefined();
    }
    await settle();
    expect(w.calls).toEqual([{ rows: Array.from({ length: 40 }, (_, i) => i), fields }]);
    expect(w.cache.get(7)).toBe('message 7');
    expect(w.cache.values(7, fields)).toEqual(['status@7', null]);
    // Asked again, nothing new is fetched.
    w.cache.values(7, ['status', 'absent']);
    await settle();
    expect(w.calls).toHaveLength(1);
  });

  it('asks again for rows on screen when the columns change, and drops answers for the old columns', async () => {
    const w = fakeWorker();
    w.cache.values(1, ['status']);
    await settle();
    w.hold();
    w.cache.values(2, ['status']);
    await settle();
    // The columns change while row 2's answer (for `status`) is on its way.
    expect(w.cache.values(2, ['upstream'])).toBeUndefined();
    expect(w.cache.values(1, ['upstream'])).toBeUndefined();
    w.open();
    await settle();
    await settle();
    expect(w.calls.map((c) => c.fields)).toEqual([['status'], ['status'], ['upstream']]);
    expect(w.calls[2].rows.sort()).toEqual([1, 2]);
    expect(w.cache.values(2, ['upstream'])).toEqual(['upstream@2']);
    expect(w.cache.values(1, ['upstream'])).toEqual(['upstream@1']);
  });

  it('with no columns, fetches messages only; prefetch carries the columns', async () => {
    const w = fakeWorker();
    expect(w.cache.values(3, [])).toEqual([]);
    w.cache.get(3);
    await settle();
    expect(w.calls).toEqual([{ rows: [3], fields: [] }]);
    w.cache.values(3, ['method']);
    w.cache.prefetch([4, 5]);
    await settle();
    expect(w.calls[1]).toEqual({ rows: [3, 4, 5], fields: ['method'] });
    expect(w.cache.values(5, ['method'])).toEqual(['method@5']);
  });

  it('forgets everything when a new dataset is loaded', async () => {
    const w = fakeWorker();
    w.hold();
    w.cache.values(1, ['status']);
    await settle();
    w.cache.reset();
    w.open();
    await settle();
    expect(w.cache.values(1, ['status'])).toBeUndefined();
    await settle();
    expect(w.cache.values(1, ['status'])).toEqual(['status@1']);
  });
});
