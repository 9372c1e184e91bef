// The query language over real files: what a responder types and which rows
// come back, checked against counts taken from the fixture by hand (the JSON
// access log's statuses and upstreams). Also: parse errors say what is wrong,
// unsafe or invalid patterns are refused, and a click's term round-trips.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineSession } from '../../src/engine/session/session.ts';
import { fileSource } from '../../src/cli/node-source.ts';
import { appendTerm, fieldQueryTerm, parseQuery } from '../../src/engine/query/parse.ts';
import { queryRegex } from '../../src/share/query-regex.ts';

const DIR = join(import.meta.dirname, '../fixtures/query');
const FILES = ['proxy-access.jsonl', 'orders-worker.log'];

interface Rec { status: number; upstream: string; method: string; level: string; duration_ms: number }
const records: Rec[] = readFileSync(join(DIR, FILES[0]), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
const workerLines = readFileSync(join(DIR, FILES[1]), 'utf8').trim().split('\n');

async function session(): Promise<EngineSession> {
  const s = new EngineSession();
  await s.load(await Promise.all(FILES.map((f) => fileSource(join(DIR, f)))));
  return s;
}

async function count(s: EngineSession, q: string): Promise<number> {
  return (await s.search(q, queryRegex)).reduce((a, b) => a + b, 0);
}

describe('field queries', async () => {
  const s = await session();

  it('finds the 502s that a message search cannot see', async () => {
    expect(await count(s, 'status=502')).toBe(records.filter((r) => r.status === 502).length);
    // Free text looks at field values too: "502" is only ever a status here.
    expect(await count(s, '502')).toBe(records.filter((r) => r.status === 502).length);
  });

  it('compares numbers, combines terms with AND, and excludes', async () => {
    const bad = records.filter((r) => r.status >= 500);
    expect(await count(s, 'status>=500')).toBe(bad.length);
    expect(await count(s, 'status>=500 upstream=api-2.internal')).toBe(bad.filter((r) => r.upstream === 'api-2.internal').length);
    expect(await count(s, 'status>=500 upstream!=api-2.internal')).toBe(bad.filter((r) => r.upstream !== 'api-2.internal').length);
    expect(await count(s, 'status>=500 -method=POST')).toBe(bad.filter((r) => r.method !== 'POST').length);
    expect(await count(s, 'duration_ms>1000')).toBe(records.filter((r) => r.duration_ms > 1000).length);
    expect(await count(s, 'status<300')).toBe(records.filter((r) => r.status < 300).length);
  });

  it('matches field regexes and wildcards, case-insensitively', async () => {
    expect(await count(s, 'upstream=~^api-[12]\\.')).toBe(records.filter((r) => /^api-[12]\./.test(r.upstream)).length);
    expect(await count(s, 'upstream=API-3*')).toBe(records.filter((r) => r.upstream.startsWith('api-3')).length);
  });

  it('compares levels by severity across both files', async () => {
    const jsonWarnUp = records.filter((r) => r.level === 'warn' || r.level === 'error').length;
    const textErrors = workerLines.filter((l) => / ERROR /.test(l)).length;
    expect(await count(s, 'level>=warn')).toBe(jsonWarnUp + textErrors);
    expect(await count(s, 'level=error source=orders-worker.log')).toBe(textErrors);
  });

  it('searches free text over messages and field values in every file, and -term excludes', async () => {
    const inJson = records.filter((r) => r.upstream === 'api-2.internal').length;
    const inText = workerLines.filter((l) => l.includes('api-2.internal')).length;
    expect(await count(s, 'api-2.internal')).toBe(inJson + inText);
    expect(await count(s, 'api-2.internal -Proxied')).toBe(inText);
    expect(await count(s, '"refused connection" orders')).toBe(inText);
    expect(await count(s, '/attempt \\d+\\)$/')).toBe(inText);
  });

  it('runs patterns that backtrack in JavaScript on the linear-time engine', async () => {
    expect(await count(s, 'msg=~(a+)+$')).toBe(0);
  });

  it('refuses what it cannot run, saying why', async () => {
    await expect(s.search('status>=', queryRegex)).rejects.toThrow(/needs a value/);
    await expect(s.search('level>=loud', queryRegex)).rejects.toThrow(/not a level/);
    await expect(s.search('msg=~(a)\\1', queryRegex)).rejects.toThrow(/refused: it uses a backreference/);
    await expect(s.search('/(/', queryRegex)).rejects.toThrow(/refused: not a valid regular expression/);
    await expect(s.search('path="/api', queryRegex)).rejects.toThrow(/quote is not closed/);
  });

  it('counts the fields of rows with their most common values', async () => {
    const rows = Array.from({ length: 160 }, (_, i) => i);
    const stats = await s.fieldStats(rows, rows.length);
    const upstream = stats.fields.find((f) => f.field === 'upstream');
    expect(upstream?.rows).toBe(records.length);
    expect(upstream?.top.map((v) => v.count).reduce((a, b) => a + b, 0)).toBe(records.length);
    const status = stats.fields.find((f) => f.field === 'status');
    expect(status?.top[0]).toEqual({ value: '200', count: records.filter((r) => r.status === 200).length });
  });
});

describe('parsing', () => {
  it('reads operators, quotes and negation', () => {
    const p = parseQuery('status>=500 host="web 1" -timeout msg!=ok a=~x.+y "a=b"');
    expect(p.ok && p.plan.terms).toEqual([
      { kind: 'field', field: 'status', op: '>=', value: '500', negate: false },
      { kind: 'field', field: 'host', op: '=', value: 'web 1', negate: false },
      { kind: 'text', text: 'timeout', negate: true },
      { kind: 'field', field: 'msg', op: '!=', value: 'ok', negate: false },
      { kind: 'field', field: 'a', op: '=~', value: 'x.+y', negate: false },
      { kind: 'text', text: 'a=b', negate: false },
    ]);
  });

  it('writes a clicked value as a term that parses back to it', () => {
    const term = fieldQueryTerm('error', 'dial tcp: "refused"', true);
    const p = parseQuery(appendTerm('status>=500', term));
    expect(p.ok && p.plan.terms[1]).toEqual({ kind: 'field', field: 'error', op: '!=', value: 'dial tcp: "refused"', negate: false });
    expect(appendTerm('a=1 b=2', 'b=2')).toBe('a=1 b=2');
  });
});

describe('paths and regexes', () => {
  it('reads a path as text and a /regex/ with spaces as one term', () => {
    const p = parseQuery('/api/orders /a b/i x');
    expect(p.ok && p.plan.terms).toEqual([
      { kind: 'text', text: '/api/orders', negate: false },
      { kind: 'regex', source: 'a b', flags: 'i', negate: false },
      { kind: 'text', text: 'x', negate: false },
    ]);
  });
});
