// The server-side vocabulary test is one RE2 alternation over the lower-cased
// message and error attributes. It must select exactly the rows ClickHouse's
// own case-insensitive search selects (one multiSearchAnyCaseInsensitive per
// vocabulary entry, the test it replaced) and name the same class for each:
// checked in chDB on rows that hold every literal in three cases, inside
// other text and in the attributes, with regex metacharacters, and on rows
// that hold none.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_VOCABULARY } from '../../src/engine/classify/vocabulary.ts';
import { requiredLiterals } from '../../src/engine/classify/required-literals.ts';
import { classPlan } from '../../src/engine/sources/clickhouse/queries.ts';
import { OTEL_MAPPING, strLit } from '../../src/engine/sources/clickhouse/schema.ts';
import { openChdb, type ChdbSession } from './chdb-server.ts';
import { OTEL_LOGS_DDL } from './incident.ts';
import { HAVE_CHDB } from './setup.ts';

/** The test the RE2 alternation replaced, written out here as the reference. */
function referenceClass(): string {
  const keys = OTEL_MAPPING.errorKeys.map((k) => `LogAttributes[${strLit(k)}]`);
  const subject = `concat(toString(Body), ' ', ${keys.join(", ' ', ")})`;
  const arms: string[] = [];
  for (const e of BUILTIN_VOCABULARY) {
    const lits = requiredLiterals(e.pattern);
    if (!lits || lits.length === 0 || lits.includes('')) continue;
    const calls: string[] = [];
    for (let i = 0; i < lits.length; i += 255) calls.push(`multiSearchAnyCaseInsensitive(${subject}, [${lits.slice(i, i + 255).map(strLit).join(', ')}])`);
    arms.push(`${calls.join(' OR ')}, ${strLit(e.kind + (e.failed ? ':failed' : ''))}`);
  }
  const error = "lower(toString(SeverityText)) IN ('error', 'err', 'fatal', 'critical', 'crit', 'alert', 'emergency', 'panic', 'severe') OR SeverityNumber >= 17";
  return `multiIf(${arms.join(', ')}, ${error}, 'error', '')`;
}

const title = (s: string) => s.replace(/(^|\s)([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase());

/** Bodies and attributes: every literal in three cases, cut in half (no match), near misses, metacharacters. */
function rows(): { body: string; error: string; level: string }[] {
  const out: { body: string; error: string; level: string }[] = [];
  const lits = new Set<string>();
  for (const e of BUILTIN_VOCABULARY) for (const l of requiredLiterals(e.pattern) ?? []) if (l) lits.add(l);
  for (const l of lits) {
    out.push({ body: `before ${l} after`, error: '', level: 'INFO' });
    out.push({ body: `x${l.toUpperCase()}y`, error: '', level: 'INFO' });
    out.push({ body: 'plain line', error: `cause: ${title(l)}`, level: 'INFO' });
    if (l.length > 3) out.push({ body: l.slice(0, Math.ceil(l.length / 2)), error: l.slice(Math.ceil(l.length / 2) + 1), level: 'INFO' });
  }
  for (const body of ['GET /api/orders 200', 'order fetched', 'a.b*c+d?e(f)[g]{h}|i^j$k\\l', 'TimeOut in ÜPSTREAM', 'ＴＩＭＥＯＵＴ fullwidth', '', 'status'.split('').join(' ')]) {
    out.push({ body, error: '', level: 'INFO' });
  }
  out.push({ body: 'card declined', error: 'insufficient funds', level: 'ERROR' });
  return out;
}

describe.skipIf(!HAVE_CHDB)('the one-pass vocabulary test on the server', () => {
  let s: ChdbSession;
  beforeAll(async () => {
    s = openChdb();
    // A table of its own, with the exporter's columns: chDB is one engine per process.
    await s.queryAsync('DROP TABLE IF EXISTS vocab_cases');
    await s.queryAsync(OTEL_LOGS_DDL.replace('otel_logs', 'vocab_cases'));
    const values = rows().map((r, i) => `(toDateTime64('2024-05-14 02:00:00', 9, 'UTC') + toIntervalMillisecond(${i}), ${strLit(r.level)}, ${r.level === 'ERROR' ? 17 : 9}, 'svc', ${strLit(r.body)}, map('error', ${strLit(r.error)}))`);
    await s.queryAsync(`INSERT INTO vocab_cases (Timestamp, SeverityText, SeverityNumber, ServiceName, Body, LogAttributes) VALUES ${values.join(', ')}`);
  }, 60_000);
  afterAll(() => s?.close());

  it('selects the same rows and names the same class as one case-insensitive search per entry', async () => {
    const plan = classPlan(OTEL_MAPPING);
    const sql = `SELECT Body, LogAttributes['error'] AS e, ${referenceClass()} AS want, ${plan.classExpr} AS got, ${plan.candidate} AS candidate FROM vocab_cases ORDER BY Timestamp`;
    const lines = (await s.queryAsync(sql, { format: 'JSONEachRow' })).text().trim().split('\n');
    const got = lines.map((l) => JSON.parse(l) as { Body: string; e: string; want: string; got: string; candidate: number });
    expect(got.length).toBe(rows().length);
    const differ = got.filter((r) => r.want !== r.got || Number(r.candidate) !== (r.want === '' ? 0 : 1));
    expect(differ).toEqual([]);
    // Both kinds of row are there: matches in every case and place, and lines that match nothing.
    expect(got.filter((r) => r.want !== '').length).toBeGreaterThan(1000);
    expect(got.filter((r) => r.want === '').length).toBeGreaterThan(100);
    expect(got.find((r) => r.Body === 'TimeOut in ÜPSTREAM')?.got).toBe('timeout');
    expect(got.find((r) => r.Body === 'card declined')?.got).toBe('error');
  }, 60_000);
});
