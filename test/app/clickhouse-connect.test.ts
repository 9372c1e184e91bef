// The Connect dialog's plumbing without a browser: the schema (and only the
// schema) goes in the page URL and comes back validated; the form is checked
// before anything is sent; a zoom's raw lines replace the candidate events
// of that range only.

import { describe, expect, it } from 'vitest';
import { readConnectParams, withConnectParams } from '../../src/app/clickhouse/connect-url.ts';
import { requestFromForm } from '../../src/app/clickhouse/pull-loader.ts';
import { DEFAULT_FORM } from '../../src/app/clickhouse/connect-store.ts';
import { mergeRange } from '../../src/engine/sources/clickhouse/pull.ts';

const CUSTOM = 'ts,,host,sev,line,attrs,err,';

describe('the ClickHouse schema in the page URL', () => {
  it('keeps a custom mapping, database and table, and nothing else of the form', () => {
    const form = { ...DEFAULT_FORM, url: 'http://10.1.2.3:8123/', user: 'alice', password: 's3cret', database: 'logs', table: 'app_logs', mapping: CUSTOM };
    const search = withConnectParams('?from=2024-05-14T02%3A00%3A00.000Z', form);
    expect(search).not.toContain('s3cret');
    expect(search).not.toContain('alice');
    expect(search).not.toContain('10.1.2.3');
    expect(new URLSearchParams(search).get('from')).toBe('2024-05-14T02:00:00.000Z');
    expect(readConnectParams(search)).toEqual({ database: 'logs', table: 'app_logs', mapping: CUSTOM });
  });

  it('writes no mapping for otel_logs, and drops one that could smuggle SQL', () => {
    expect(withConnectParams('', DEFAULT_FORM)).toBe('?chtable=otel_logs');
    expect(readConnectParams('?chmap=' + encodeURIComponent('ts,,host;DROP TABLE x,sev,line,attrs,err,') + '&chtable=a%20b')).toEqual({});
  });
});

describe('the Connect form', () => {
  const good = { ...DEFAULT_FORM, from: '2024-05-14T02:00:00Z', to: '2024-05-14T03:00:00Z', services: 'edge, auth', password: 'pw' };
  it('becomes a request with the window, services and credentials kept apart from the URL', () => {
    const r = requestFromForm(good);
    if (typeof r === 'string') throw new Error(r);
    expect(r.conn).toEqual({ url: 'http://127.0.0.1:8123/', user: 'default', password: 'pw' });
    expect(r.window).toMatchObject({ table: 'otel_logs', fromMs: Date.parse(good.from), toMs: Date.parse(good.to), sources: ['edge', 'auth'] });
  });
  it('says what is wrong before anything is sent', () => {
    expect(requestFromForm({ ...good, url: 'http://u:p@127.0.0.1:8123/' })).toMatch(/own fields/);
    expect(requestFromForm({ ...good, to: good.from })).toMatch(/later than From/);
    expect(requestFromForm({ ...good, from: 'yesterday' })).toMatch(/must be times/);
    expect(requestFromForm({ ...good, table: 'logs; DROP TABLE logs' })).toMatch(/Not a column or table name/);
  });
});

describe('raw lines of a zoom among the candidate events', () => {
  const line = (iso: string, msg: string) => JSON.stringify({ time: iso, level: 'INFO', service: 'edge', msg });
  it('replaces the range and keeps the events around it, in time order', () => {
    const base = [{ name: 'edge.jsonl', text: [line('2024-05-14T02:00:00Z', 'a'), line('2024-05-14T02:10:30Z', 'b'), line('2024-05-14T02:20:00Z', 'c')].join('\n') + '\n' }];
    const raw = [
      { name: 'edge.jsonl', text: [line('2024-05-14T02:10:00Z', 'r1'), line('2024-05-14T02:10:30Z', 'b'), line('2024-05-14T02:10:59Z', 'r2')].join('\n') + '\n' },
      { name: 'auth.jsonl', text: line('2024-05-14T02:10:10Z', 'x') + '\n' },
    ];
    const out = mergeRange(base, raw, Date.parse('2024-05-14T02:10:00Z'), Date.parse('2024-05-14T02:11:00Z'));
    expect(out.map((f) => f.name)).toEqual(['auth.jsonl', 'edge.jsonl']);
    const msgs = out[1].text.trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(msgs).toEqual(['a', 'r1', 'b', 'r2', 'c']);
  });
});
