// The log list's columns as the worker answers them for a real JSON access
// log: beside "Proxied request" on every row it shows status, upstream and
// duration; a chosen column's values are the records' own, fetched with the
// rows' messages in one call; a text log has no columns to offer.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineSession } from '../../src/engine/session/session.ts';
import { fileSource } from '../../src/cli/node-source.ts';

const DIR = join(import.meta.dirname, '../fixtures/query');

interface Rec { msg: string; status: number; upstream: string; method: string; duration_ms: number }
const records: Rec[] = readFileSync(join(DIR, 'proxy-access.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);

async function session(...files: string[]): Promise<EngineSession> {
  const s = new EngineSession();
  await s.load(await Promise.all(files.map((f) => fileSource(join(DIR, f)))));
  return s;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('log-list columns from the worker', async () => {
  const proxy = await session('proxy-access.jsonl');

  it('shows status, upstream and duration beside a message every row repeats', async () => {
    const r = await proxy.listColumns(range(records.length), [], true);
    expect(r.auto?.share).toBe(1);
    expect(r.auto?.fields.map((f) => f.field)).toEqual(['status', 'upstream', 'duration_ms']);
    expect(r.auto?.fields[1].distinct).toBe(new Set(records.map((x) => x.upstream)).size);
    expect(r.widths.find((w) => w.field === 'upstream')?.chars).toBe('api-1.internal'.length);
  });

  it('looks for no automatic columns once the user chose some', async () => {
    const r = await proxy.listColumns(range(40), ['method'], false);
    expect(r.auto === null || r.auto.fields.length === 0).toBe(true);
    expect(r.widths).toEqual([{ field: 'method', chars: 4 }]);
  });

  it('returns each row\'s message and its values of the chosen fields together', async () => {
    const rows = [0, 17, 64, 119];
    const got = await proxy.rowTexts(rows, ['status', 'upstream', 'absent']);
    expect(got.messages).toEqual(rows.map((i) => records[i].msg));
    expect(got.values).toEqual(rows.map((i) => [String(records[i].status), records[i].upstream, null]));
    // Without fields it is the message call it always was.
    expect(await proxy.rowTexts(rows, [])).toEqual({ messages: rows.map((i) => records[i].msg), values: [] });
    // Rows that do not exist (a stale request) come back empty, not as an error.
    expect(await proxy.rowTexts([-1, 10_000], ['status'])).toEqual({ messages: ['', ''], values: [[null], [null]] });
  });

  it('offers nothing automatic for a text log whose messages differ', async () => {
    const text = await session('orders-worker.log');
    const r = await text.listColumns(range(40), [], true);
    expect(r.auto === null || r.auto.fields.length === 0).toBe(true);
    expect((await text.listColumns(range(40), ['status'], false)).widths).toEqual([{ field: 'status', chars: 0 }]);
  });
});
