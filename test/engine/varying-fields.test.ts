// Which fields the log list shows beside a message that repeats on most rows:
// the ones whose values differ between those rows (status, upstream,
// duration), never the message, time, level or an id again, and none at all
// when no message dominates. Also: column values and widths from records.

import { describe, expect, it } from 'vitest';
import { varyingFields, MIN_TEMPLATE_ROWS, type ColumnSampleRow } from '../../src/engine/query/varying-fields.ts';
import { columnChars, columnValues } from '../../src/engine/query/column-values.ts';
import { listColumns } from '../../src/engine/query/list-columns.ts';

const T0 = Date.UTC(2024, 2, 7, 9);

/** An access-log row: status 200 x7 / 502 x2 / 404 x1 per ten, three upstreams, two methods, a unique path, id and duration. */
function proxied(i: number): ColumnSampleRow {
  const status = i % 10 < 7 ? '200' : i % 10 < 9 ? '502' : '404';
  const tMs = T0 + i * 1000;
  return {
    template: 1,
    level: status === '200' ? 'info' : 'error',
    tMs,
    message: 'Proxied request',
    pairs: [
      ['ts', new Date(tMs).toISOString()],
      ['level', status === '200' ? 'info' : 'error'],
      ['msg', 'Proxied request'],
      ['status', status],
      ['upstream', `api-${(i % 3) + 1}.internal`],
      ['method', i % 5 === 0 ? 'POST' : 'GET'],
      ['path', `/api/orders/${1000 + i}`],
      ['duration_ms', String((i * 37) % 1500)],
      ['request_id', `req-${(i * 2654435761) >>> 0}`],
      ['service', 'edge-proxy'],
    ],
  };
}

function other(i: number, template = 2): ColumnSampleRow {
  return { template, level: 'warn', tMs: T0 + i, message: `cache miss ${i}`, pairs: [['key', `k${i % 7}`], ['shard', String(i % 4)]] };
}

const names = (r: ReturnType<typeof varyingFields>) => r?.fields.map((f) => f.field);

describe('varying fields beside a repeated message', () => {
  it('picks status, upstream and duration for an access log, in the order the records name them', () => {
    const sample = Array.from({ length: 200 }, (_, i) => proxied(i));
    const r = varyingFields(sample);
    expect(r?.template).toBe(1);
    expect(r?.share).toBe(1);
    expect(names(r)).toEqual(['status', 'upstream', 'duration_ms']);
    // Not the time, level, message, the constant service, the ids, nor the less varied method.
    expect(r?.fields.find((f) => f.field === 'upstream')?.distinct).toBe(3);
  });

  it('offers the fourth most varied field when asked for more, and fewer when asked for fewer', () => {
    const sample = Array.from({ length: 100 }, (_, i) => proxied(i));
    expect(names(varyingFields(sample, { max: 4 }))).toEqual(['status', 'upstream', 'method', 'duration_ms']);
    expect(names(varyingFields(sample, { max: 1 }))).toEqual(['duration_ms']);
  });

  it('puts a field that tells the error rows from the others before a more varied one that does not', () => {
    const sample = Array.from({ length: 100 }, (_, i): ColumnSampleRow => {
      const failed = i % 10 === 3;
      return { template: 5, level: failed ? 'error' : 'info', tMs: T0 + i, message: 'Proxied request', pairs: [['zone', i % 2 ? 'a' : 'b'], ['code', failed ? '500' : '200']] };
    });
    expect(names(varyingFields(sample, { max: 1 }))).toEqual(['code']);
    // The same split with no errors to explain: the evenly spread field varies more.
    const calm = sample.map((r) => ({ ...r, level: 'info' }));
    expect(names(varyingFields(calm, { max: 1 }))).toEqual(['zone']);
  });

  it('needs one template on at least 60% of the rows', () => {
    const at60 = [...Array.from({ length: 60 }, (_, i) => proxied(i)), ...Array.from({ length: 40 }, (_, i) => other(i, 2 + (i % 4)))];
    expect(varyingFields(at60)?.template).toBe(1);
    expect(varyingFields(at60)?.share).toBeCloseTo(0.6);
    const at59 = [...Array.from({ length: 59 }, (_, i) => proxied(i)), ...Array.from({ length: 41 }, (_, i) => other(i))];
    expect(varyingFields(at59)).toBeNull();
    expect(varyingFields(at59, { minShare: 0.5 })?.template).toBe(1);
  });

  it('counts only the rows of the repeated message', () => {
    // The other rows vary in `key` and `shard`, which the access-log rows do not have.
    const sample = [...Array.from({ length: 70 }, (_, i) => proxied(i)), ...Array.from({ length: 30 }, (_, i) => other(i))];
    const r = varyingFields(sample);
    expect(names(r)).toEqual(['status', 'upstream', 'duration_ms']);
    expect(r?.rows).toBe(70);
  });

  it('says nothing for too few rows, rows without fields, or fields that never change', () => {
    expect(varyingFields([])).toBeNull();
    expect(varyingFields(Array.from({ length: MIN_TEMPLATE_ROWS - 1 }, (_, i) => proxied(i)))).toBeNull();
    const bare = Array.from({ length: 50 }, (_, i): ColumnSampleRow => ({ template: 3, level: 'info', tMs: T0 + i, message: 'tick', pairs: [] }));
    expect(varyingFields(bare)?.fields).toEqual([]);
    const constant = bare.map((r) => ({ ...r, pairs: [['host', 'a'], ['port', '80']] as [string, string][] }));
    expect(varyingFields(constant)?.fields).toEqual([]);
  });

  it('leaves out epoch times under any name, the message under any name, and fields on few rows', () => {
    const sample = Array.from({ length: 40 }, (_, i): ColumnSampleRow => {
      const tMs = T0 + i * 250;
      const pairs: [string, string][] = [
        ['when', String(tMs / 1000)],
        ['nanos', String(tMs * 1e6)],
        ['text', `job ${i % 6} done`],
        ['queue', `q${i % 4}`],
      ];
      if (i % 4 === 0) pairs.push(['retry', String(i)]);
      return { template: 9, level: 'none', tMs, message: `job ${i % 6} done`, pairs };
    });
    expect(names(varyingFields(sample))).toEqual(['queue']);
  });

  it('leaves out long values and a level under another name', () => {
    const sample = Array.from({ length: 30 }, (_, i): ColumnSampleRow => ({
      template: 4,
      level: i % 2 ? 'warn' : 'error',
      tMs: T0 + i,
      message: 'request failed',
      pairs: [['sev', i % 2 ? 'WARNING' : 'ERR'], ['body', `{"error":"${'x'.repeat(100)}","n":${i % 3}}`], ['code', String(i % 3)]],
    }));
    expect(names(varyingFields(sample))).toEqual(['code']);
  });
});

describe('column values and widths', () => {
  it('looks values up by flattened name, null where a record lacks one, cut when long', () => {
    const pairs: [string, string][] = [['status', '502'], ['http.host', 'a.example'], ['status', 'shadowed'], ['body', 'y'.repeat(50)]];
    expect(columnValues(pairs, ['http.host', 'missing', 'status', 'status'])).toEqual(['a.example', null, '502', '502']);
    expect(columnValues(pairs, ['body'], 10)).toEqual([`${'y'.repeat(10)}…`]);
    expect(columnValues(pairs, [])).toEqual([]);
  });

  it('sizes a column for nine values in ten, capped', () => {
    const values = [...Array.from({ length: 9 }, () => '200'), 'a much longer value than the rest', null];
    expect(columnChars(values)).toBe(3);
    expect(columnChars(['x'.repeat(300)])).toBe(40);
    expect(columnChars([null, null])).toBe(0);
  });

  it('gives widths for the chosen columns and looks for automatic ones only when asked', () => {
    const sample = Array.from({ length: 50 }, (_, i) => proxied(i));
    const chosen = listColumns(sample, ['method', 'nope'], false);
    expect(chosen.auto).toBeNull();
    expect(chosen.widths).toEqual([{ field: 'method', chars: 4 }, { field: 'nope', chars: 0 }]);
    const auto = listColumns(sample, [], true);
    expect(auto.auto?.fields.map((f) => f.field)).toEqual(['status', 'upstream', 'duration_ms']);
    expect(auto.widths.map((w) => w.field)).toEqual(['status', 'upstream', 'duration_ms']);
    expect(auto.widths[1].chars).toBe('api-1.internal'.length);
  });
});
