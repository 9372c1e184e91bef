// Message templates (Drain): variable parts become <*>, similar messages
// share a template, different ones do not, ids stay stable as patterns widen,
// and the per-template figures (first seen, histograms, onsets) are right.
import { describe, expect, it } from 'vitest';
import { maskMessage, Templater } from '../../src/engine/templates/templater.ts';
import { templateHistogram, templateOnsets, templateSparklines, templateTimes } from '../../src/engine/templates/template-stats.ts';
import { analyzeLogs, render, sec, type Ev } from './dialects.ts';

describe('masking', () => {
  it.each([
    ['dial tcp 10.0.0.1:443: i/o timeout', 'dial tcp <*>: i/o timeout'],
    ['request 3f2a9c1e-7b4d-4c2e-9a1f-0e5d6c7b8a90 took 35ms', 'request <*> took <*>'],
    ['renewing certificate for shop.example.com', 'renewing certificate for <*>'],
    ['GET https://api.example.com/v1/users?id=7 failed', 'GET <*> failed'],
    ['user "alice" logged in', 'user <*> logged in'],
    ["can't get client address: Connection reset by peer", "can't get client address: Connection reset by peer"],
    ['attempt_1445144423722_0020_m_000002_0 exited', '<*> exited'],
    ['"GET /api/orders/8812 HTTP/1.1" 503 190 "-" "curl/8.5.0"', 'GET <*> status=503 <*>'],
  ])('%s -> %s', (input, want) => {
    expect(maskMessage(input)).toBe(want);
  });
});

describe('masking is idempotent (parallel ingest re-adds slice patterns to the main templater)', () => {
  it.each([
    'dial tcp 10.0.0.1:443: i/o timeout',
    '"GET /api/orders/8812 HTTP/1.1" 503 190 "-" "curl/8.5.0" rt=0.000',
    'renewing certificate for shop.example.com in 35ms',
    'user "alice" logged in from 10.1.2.3',
  ])('%s', (input) => {
    const once = maskMessage(input);
    expect(maskMessage(once)).toBe(once);
    const t = new Templater();
    const id = t.add(input);
    expect(t.add(t.patterns[id])).toBe(id);
  });
});

describe('Drain templater', () => {
  it('groups variants of one message and keeps different messages apart', () => {
    const t = new Templater();
    const a = t.add('Renewing certificate for a.example.com');
    const b = t.add('Renewing certificate for b.example.net');
    const c = t.add('Failed to connect to upstream');
    const d = t.add('connection opened');
    const e = t.add('connection closed');
    expect(a).toBe(b);
    expect(new Set([a, c, d, e]).size).toBe(4);
    expect(t.list()[a]).toEqual({ id: a, pattern: 'Renewing certificate for <*>', count: 2 });
  });

  it('widens a pattern where tokens differ, keeping the id', () => {
    const t = new Templater();
    const first = t.add('worker alpha finished batch');
    expect(t.add('worker beta finished batch')).toBe(first);
    expect(t.add('worker gamma finished batch')).toBe(first);
    expect(t.patterns[first]).toBe('worker <*> finished batch');
    expect(t.counts[first]).toBe(3);
  });

  it('never merges requests of different HTTP status into one template', () => {
    const t = new Templater();
    const ok = t.add('GET /api/orders HTTP/1.1 200 512');
    const bad = t.add('GET /api/cart HTTP/1.1 503 190');
    expect(ok).not.toBe(bad);
    expect(t.add('GET /api/users HTTP/1.1 503 200')).toBe(bad);
  });

  it('answers repeats from memory with the same id and counts them', () => {
    const t = new Templater();
    for (let i = 0; i < 1000; i++) t.add('cache miss');
    expect(t.list()).toEqual([{ id: 0, pattern: 'cache miss', count: 1000 }]);
  });
});

describe('template figures', () => {
  it('gives first-seen times, histograms, sparklines and "never before" onsets', async () => {
    const ev: Ev[] = [];
    for (let k = 0; k < 60; k++) ev.push({ t: sec(k * 10), level: 'info', msg: `served request ${k}` });
    for (let k = 0; k < 40; k++) ev.push({ t: sec(300 + k * 0.5), level: 'error', msg: 'Failed to connect to upstream', fields: { error: 'context canceled' } });
    const r = await analyzeLogs([{ name: 'p.log', text: render('slog', ev) }]);
    const { table, templates } = r.result;
    const fail = templates.find((t) => t.pattern.startsWith('Failed to connect'));
    const served = templates.find((t) => t.pattern.startsWith('served request'));
    if (!fail || !served) throw new Error('templates missing');
    const times = templateTimes(table, templates.length);
    expect(times.firstMs[fail.id]).toBe(sec(300));
    expect(times.count[served.id]).toBe(60);
    const h = templateHistogram(table, fail.id, sec(0), sec(600), 10);
    expect(Array.from(h)).toEqual([0, 0, 0, 0, 0, 40, 0, 0, 0, 0]);
    const lines = templateSparklines(table, [served.id, fail.id], 6, sec(0), sec(600));
    expect(Array.from(lines.get(served.id) ?? [])).toEqual([10, 10, 10, 10, 10, 10]);
    const failRows = Array.from({ length: table.length }, (_, i) => i).filter((i) => table.template[i] === fail.id);
    const [onset] = templateOnsets(table, failRows, sec(300), sec(320), times);
    expect(onset).toEqual({ template: fail.id, inWindow: 40, before: 0, neverBefore: true, firstMs: sec(300) });
    const servedRows = Array.from({ length: table.length }, (_, i) => i).filter((i) => table.template[i] === served.id && table.tMs[i] >= sec(300));
    expect(templateOnsets(table, servedRows, sec(300), sec(400), times)[0]).toMatchObject({ inWindow: 11, before: 30, neverBefore: false });
    expect(templateOnsets(table, servedRows, sec(300), sec(400), times, 60_000)[0]).toMatchObject({ before: 6 });
  });
});
