// Operation pairing and bursts walk each file's notable rows (classified
// events and errors, marks/sources.ts) instead of all its rows. The marks
// must be the ones a walk over every row gives: same spans, bursts, labels
// and evidence, on logs mixing operations, timeouts, error runs, crashes,
// restarts, untimed lines and plain traffic across several files.

import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/engine/analysis/analyze.ts';
import { computeMarks } from '../../src/engine/marks/index.ts';
import { buildSourceIndex, isNotable } from '../../src/engine/marks/sources.ts';
import { trafficRows } from '../../src/engine/marks/gaps.ts';
import { Kind } from '../../src/engine/model/kinds.ts';
import { analyzeLogs, render, rng, sec, type Dialect, type Ev, type LevelName } from './dialects.ts';

const HOSTS = ['a.example.com', 'b.example.com', 'c.example.com'];

/** A random log: steady traffic with operations (paired by host, by family, or not at all), timeout and error runs, crashes, restarts and a silence. */
function randomLog(seed: number, seconds: number): Ev[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const ev: Ev[] = [];
  let t = 0;
  while (t < seconds) {
    t += r() * 2;
    // A silence: traffic stops for a minute while a renewal keeps logging its steps (a gap of the traffic alone).
    if (t > seconds / 2 && t < seconds / 2 + 60) {
      ev.push({ t: sec(t), level: 'info', msg: `obtaining certificate for ${pick(HOSTS)}` });
      t += 5;
      continue;
    }
    const x = r();
    const host = pick(HOSTS);
    let level: LevelName = 'info';
    let msg = `handled request ${Math.floor(r() * 1000)}`;
    if (x < 0.06) msg = `obtaining certificate for ${host}`;
    else if (x < 0.1) msg = `certificate obtained for ${host}`;
    else if (x < 0.13) msg = pick(['starting backup', 'Starting ACME process', 'migration started']);
    else if (x < 0.15) [level, msg] = [pick(['info', 'error'] as const), pick(['backup finished', 'backup failed: disk full', 'done'])];
    else if (x < 0.2) [level, msg] = ['warn', `request to ${host} timed out after 30s`];
    else if (x < 0.27) [level, msg] = ['error', `failed to connect to upstream ${host}: connection refused`];
    else if (x < 0.28) [level, msg] = ['fatal', 'panic: runtime error: invalid memory address or nil pointer dereference'];
    else if (x < 0.29) msg = 'Starting server, listening on :8080';
    else if (x < 0.3) msg = 'received SIGHUP, reloading configuration';
    // Runs: a timeout storm or an error storm within a few seconds.
    if (x > 0.995) for (let k = 0; k < 30; k++) ev.push({ t: sec(t + k * 0.1), level: 'warn', msg: `request to ${host} timed out after 30s` });
    else if (x > 0.99) for (let k = 0; k < 30; k++) ev.push({ t: sec(t + k * 0.1), level: 'error', msg: `query failed: deadlock detected` });
    ev.push({ t: sec(t), level, msg });
  }
  return ev.sort((a, b) => a.t - b.t);
}

describe('marks over notable rows', () => {
  it('are the marks a walk over every row gives', async () => {
    const dialects: Dialect[] = ['slog', 'logfmt', 'text'];
    for (let seed = 1; seed <= 6; seed++) {
      const files = dialects.map((d, i) => ({ name: `svc-${i}.log`, text: render(d, randomLog(seed * 10 + i, 1500 + seed * 200)) }));
      const { result } = await analyzeLogs(files);
      const sources = buildSourceIndex(result.table, result.files.length);
      const base = makeContext(result, [], sources);
      const viaNotable = computeMarks({ table: result.table, fileCount: result.files.length, message: base.message, sources });
      // Every row as "notable": the per-row filters alone decide, as before the index.
      const viaAll = computeMarks({ table: result.table, fileCount: result.files.length, message: base.message, sources: { rows: sources.rows, notable: sources.rows } });
      expect(viaNotable).toEqual(viaAll);
      const kinds = new Set(viaNotable.map((m) => m.kind));
      for (const k of ['operation', 'gap', 'timeout-burst', 'error-burst', 'crash', 'restart', 'signal'] as const) expect(kinds, `seed ${seed}: ${k}`).toContain(k);
    }
  });

  it('lists, per file and in time order, exactly the classified and error rows', async () => {
    const { result } = await analyzeLogs([
      { name: 'a.log', text: render('slog', randomLog(3, 600)) },
      { name: 'b.log', text: render('text', randomLog(4, 600)) },
    ]);
    const t = result.table;
    const { rows, notable } = buildSourceIndex(t, result.files.length);
    for (let f = 0; f < rows.length; f++) {
      const expected = [...rows[f]].filter((row) => isNotable(t.kind[row], t.level[row]));
      expect([...notable[f]]).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(rows[f].length);
    }
  });
  it('leave the same traffic rows whether operation lines are skipped by search or by a walk over every row', async () => {
    const { result } = await analyzeLogs([
      { name: 'a.log', text: render('slog', randomLog(5, 900)) },
      { name: 'b.log', text: render('text', randomLog(6, 900)) },
    ]);
    const t = result.table;
    const { rows, notable } = buildSourceIndex(t, result.files.length);
    for (let f = 0; f < rows.length; f++) {
      const searched = trafficRows(t, rows[f], notable[f], Infinity);
      const walked = trafficRows(t, rows[f], notable[f], 0);
      expect(searched).not.toBeNull();
      expect([...(walked ?? [])]).toEqual([...(searched ?? [])]);
      expect(searched?.length).toBe([...rows[f]].filter((row) => t.kind[row] !== Kind.opStart && t.kind[row] !== Kind.opEnd && t.kind[row] !== Kind.signal).length);
    }
  });
});
