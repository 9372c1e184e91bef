// Logs as incident reports paste them: times of day without a date, JSON and
// logfmt lines cut with "...", elision lines on their own. The seed excerpts
// are read as they are; the forms each have a golden fixture too
// (test/fixtures/*/excerpt-*, *time-of-day*).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources, type IngestResult } from '../../src/engine/ingest/ingest.ts';
import { Flag } from '../../src/engine/model/kinds.ts';
import { LEVEL_NAMES } from '../../src/engine/model/levels.ts';
import { ClockPlacer, DAY_MS, isUnknownDay, parseClockValue, UNKNOWN_DAY_MS } from '../../src/engine/model/time-of-day.ts';
import { newTimeOut, parseTimeValue } from '../../src/engine/model/time.ts';
import { recoverJsonObject } from '../../src/engine/formats/json-recover.ts';
import { isElisionLine } from '../../src/engine/formats/elision.ts';
import { buildReport } from '../../src/engine/report.ts';
import { analyze } from '../../src/engine/analysis/analyze.ts';

const SEED = join(__dirname, '../fixtures/excerpts');
const enc = new TextEncoder();
const CENTAURI = readFileSync(join(SEED, 'centauri-two-sighups.txt'));
const SH0 = readFileSync(join(SEED, 'sh0-restart-loop.txt'));

function load(...files: [string, Uint8Array | string][]): Promise<IngestResult> {
  return ingestSources(files.map(([n, b]) => bytesSource(n, typeof b === 'string' ? enc.encode(b) : b)), { year: 2024 });
}

const clock = (t: number) => new Date(t).toISOString().slice(11, 23);

describe('the Centauri excerpt (times of day, lines cut with "...")', () => {
  it('keeps every line, its time of day, level and message, on an unknown day', async () => {
    const r = await load(['centauri.txt', CENTAURI]);
    const f = r.files[0];
    expect(f.format).toBe('json-lines');
    expect([f.lines, f.events, f.continuations, f.blank, f.malformed, f.untimed]).toEqual([37, 37, 0, 0, 0, 0]);
    expect(f.recovered).toBe(35); // all but the two SIGHUP lines were cut
    expect(f.dateUnknown).toBe(true);
    const t = r.table;
    expect(clock(t.tMs[0])).toBe('22:40:53.187');
    expect(t.subNs[0]).toBe(887976);
    expect(clock(t.tMs[36])).toBe('22:46:30.617');
    for (let i = 0; i < 37; i++) expect(isUnknownDay(t.tMs[i])).toBe(true);
    expect(LEVEL_NAMES[t.level[0]]).toBe('info');
    expect(LEVEL_NAMES[t.level[36]]).toBe('warn');
    expect(r.messages[1]).toBe('Renewing certificate');
    expect(r.messages[29]).toBe('Starting ACME process to obtain certificate'); // "<big list of alt names>"
    expect(r.messages[30]).toBe('Failed to connect to upstream');
    // The recovered lines are flagged and keep their whole raw line.
    expect(t.flags[1] & Flag.recovered).toBeTruthy();
    expect(t.flags[0] & Flag.recovered).toBe(0);
    const firstCut = CENTAURI.toString('utf8').split('\n')[1];
    expect(t.byteLength[1]).toBe(Buffer.byteLength(firstCut));
  });

  it('reports times of day and dateUnknown in the CLI report', async () => {
    const r = await load(['centauri.txt', CENTAURI]);
    const rep = buildReport(r, analyze(r));
    expect(rep.files[0]).toMatchObject({ dateUnknown: true, recovered: 35, elided: 0, firstTime: '22:40:53.187Z', lastTime: '22:46:30.617Z' });
    expect(JSON.stringify(rep)).not.toMatch(/1970|2300/);
  });

  it('takes the date of another loaded, dated file, with a notice', async () => {
    const dated = '2025-03-09T22:40:00Z INFO proxy started\n2025-03-09T22:47:00Z INFO proxy idle\n';
    const r = await ingestSources([bytesSource('centauri.txt', CENTAURI), bytesSource('proxy.log', enc.encode(dated))]);
    const f = r.files[0];
    expect(f.dateUnknown).toBe(false);
    expect(new Date(f.firstTime).toISOString()).toBe('2025-03-09T22:40:53.187Z');
    expect(f.notices).toContain('times of day without a date were placed on 2025-03-09');
  });

  it('keeps the date unknown when its times do not fit the other files\' (and says so)', async () => {
    const morning = '2025-03-09T08:00:00Z INFO proxy started\n2025-03-09T08:05:00Z INFO proxy idle\n';
    const r = await ingestSources([bytesSource('centauri.txt', CENTAURI), bytesSource('proxy.log', enc.encode(morning))]);
    const f = r.files[0];
    expect(f.dateUnknown).toBe(true);
    expect(isUnknownDay(f.firstTime)).toBe(true);
    expect(clock(f.firstTime)).toBe('22:40:53.187');
    expect(f.notices.join(' ')).toMatch(/do not fall within the other files' times on 2025-03-09/);
    // The dated file is untouched and the rows moved with the stats.
    expect(new Date(r.files[1].firstTime).toISOString()).toBe('2025-03-09T08:00:00.000Z');
    const rows = [...r.table.tMs].filter((t) => isUnknownDay(t));
    expect(rows).toHaveLength(37);
  });

  it('goes on the date the user gives the file', async () => {
    const r = await ingestSources([bytesSource('centauri.txt', CENTAURI)], { fileDay: { 0: Date.UTC(2025, 0, 5) } });
    expect(new Date(r.files[0].firstTime).toISOString()).toBe('2025-01-05T22:40:53.187Z');
    expect(r.files[0].dateUnknown).toBe(false);
  });
});

describe('the sh0 excerpt (no timestamps, an elided stretch)', () => {
  it('accounts for every line, reads the levels and counts the "..." as an elision', async () => {
    const r = await load(['sh0.txt', SH0]);
    const f = r.files[0];
    expect([f.lines, f.events, f.continuations, f.blank, f.elided, f.untimed]).toEqual([5, 4, 0, 1, 1, 4]);
    expect(f.lines).toBe(f.events + f.continuations + f.blank);
    expect([...r.table.level].map((l) => LEVEL_NAMES[l])).toEqual(['error', 'info', 'error', 'info']);
    // The event after the cut says so; no invented 1970.
    expect(r.table.flags[2] & Flag.afterElision).toBeTruthy();
    expect(r.table.flags[1] & Flag.afterElision).toBe(0);
    expect(new Date(r.table.tMs[0]).getUTCFullYear()).not.toBe(1970);
  });
});

describe('times of day', () => {
  it('reads a bare clock as a raw clock on the unknown day, and nothing else', () => {
    const t = newTimeOut();
    expect(parseTimeValue('22:40:53.187887976Z', t)).toBe(true);
    expect(t.ms - UNKNOWN_DAY_MS).toBe(((22 * 60 + 40) * 60 + 53) * 1000 + 187);
    expect(t.subNs).toBe(887976);
    expect(t.zoned).toBe(true);
    expect(parseClockValue('09:15:02,120+02:00', t)).toBe(true);
    expect(t.ms - UNKNOWN_DAY_MS).toBe(((7 * 60 + 15) * 60 + 2) * 1000 + 120);
    expect(parseClockValue('12:30', t)).toBe(false);
    expect(parseClockValue('25:00:00', t)).toBe(false);
    expect(parseClockValue('22:40:53 extra', t)).toBe(false);
  });

  it('moves to the next day past midnight, and back for a late line', () => {
    const p = new ClockPlacer(undefined);
    const at = (h: number, m: number) => UNKNOWN_DAY_MS + (h * 60 + m) * 60000;
    expect(p.place(at(23, 59), NaN)).toBe(at(23, 59));
    expect(p.place(at(0, 1), NaN)).toBe(at(0, 1) + DAY_MS);
    expect(p.place(at(23, 58), NaN)).toBe(at(23, 58));
    expect(p.placedUnknown).toBe(true);
    // A clock after a dated event goes on that event's day.
    const q = new ClockPlacer(undefined);
    expect(q.place(at(10, 0), Date.UTC(2025, 4, 1, 9, 0))).toBe(Date.UTC(2025, 4, 1, 10, 0));
    expect(q.placedUnknown).toBe(false);
  });

  it('keeps the file invariant and the order across midnight in a text file', async () => {
    const r = await load(['clock.log', '23:59:59.000 INFO a\n00:00:01.000 WARN b\n']);
    expect(r.table.tMs[1] - r.table.tMs[0]).toBe(2000);
    expect(r.files[0].outOfOrder).toBe(0);
  });
});

describe('hand-edited lines', () => {
  it('reads a JSON line up to its cut, whatever the mark', () => {
    expect(recoverJsonObject('{"a":1,"b":"x", ...}')).toEqual({ a: 1, b: 'x' });
    expect(recoverJsonObject('{"a":1, …}')).toEqual({ a: 1 });
    expect(recoverJsonObject('{"a":1,"list":[...], "c":2}')).toEqual({ a: 1 });
    expect(recoverJsonObject('{"a":1,"sans":<big list of alt names>}')).toEqual({ a: 1 });
    expect(recoverJsonObject('{"a":1,"b":2,}')).toEqual({ a: 1, b: 2 });
    expect(recoverJsonObject('{"a":1,"b":{"c":true')).toEqual({ a: 1, b: { c: true } });
    expect(recoverJsonObject('{"msg":"slow request, took 3.2s …')).toEqual({ msg: 'slow request, took 3.2s' });
    expect(recoverJsonObject('{main} started')).toBeNull();
    expect(recoverJsonObject('{"__proto__":{"x":1}, ...')).toEqual(JSON.parse('{"__proto__":{"x":1}}'));
  });

  it('knows an elision line from stack-trace lines with dots', () => {
    for (const s of ['...', '  …', '[...]', '[…]', '(...)', '<snip>', '--- snip ---', '. . .']) expect(isElisionLine(s), s).toBe(true);
    for (const s of ['\t... 23 more', '...additional frames elided...', 'INFO ... done', '', 'cut the cake']) expect(isElisionLine(s), s).toBe(false);
  });

  it('keeps lines == events + continuations + blank with recovered, malformed and elided lines mixed', async () => {
    const text = ['{"time":"2024-01-01T00:00:00Z","level":"info","msg":"a", ...}', '...', '{not json', '{"time":"2024-01-01T00:00:02Z","msg":"b"}', '[...]', 'time=2024-01-01T00:00:03Z level=warn msg="c" ...'].join('\n');
    const r = await load(['mixed.jsonl', text]);
    const f = r.files[0];
    expect(f.lines).toBe(f.events + f.continuations + f.blank);
    expect(f.elided).toBe(2);
    expect(f.recovered).toBe(2);
    expect(f.malformed).toBe(1);
  });
});
