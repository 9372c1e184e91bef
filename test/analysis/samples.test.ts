// The bundled sample incidents: each must read cleanly and make the CLI name
// its incident, with nothing else serious alongside. Uses the CLI's own entry
// (analyzePaths) on the files in public/samples, as `npx timberline analyze` does.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePaths } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '../../public/samples');

interface SampleInfo {
  id: string;
  title: string;
  description: string;
  files: string[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')) as SampleInfo[];
const paths = (s: SampleInfo) => s.files.map((f) => join(ROOT, s.id, f));
const sample = (id: string) => {
  const s = manifest.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${id}`);
  return s;
};

describe('bundled samples', () => {
  it('lists three samples, each under 1 MB, every file present and readable', async () => {
    expect(manifest.map((s) => s.id).sort()).toEqual(['crash', 'periodic-freeze', 'reload-stall']);
    for (const s of manifest) {
      expect(s.title.length).toBeGreaterThan(5);
      expect(s.description.length).toBeGreaterThan(20);
      const bytes = paths(s).reduce((a, p) => a + statSync(p).size, 0);
      expect(bytes).toBeLessThan(1 << 20);
      const report = await analyzePaths(paths(s));
      for (const f of report.files) {
        expect(f.error, f.name).toBeNull();
        expect(f.malformed, f.name).toBe(0);
        expect(f.lines).toBe(f.events + f.continuations + f.blank);
      }
    }
  });

  it('reload-stall: names the stall after the second reload, and only that', async () => {
    const r = await analyzePaths(paths(sample('reload-stall')));
    const serious = r.findings.filter((f) => f.severity !== 'info');
    expect(serious.map((f) => f.rule)).toEqual(['stall-after-reload']);
    const f = serious[0];
    expect(f.start).toBe('2024-05-14T02:12:33.900Z');
    expect(Date.parse(f.end) - Date.parse(f.start)).toBeGreaterThan(50_000);
    expect(Date.parse(f.end) - Date.parse(f.start)).toBeLessThan(90_000);
    expect(f.count).toBe(12);
    expect(f.detail).toMatch(/Renewing certificate/);
    expect(f.detail).toMatch(/access\.log went silent/);
    expect(f.detail).toMatch(/Failed to connect to upstream/);
    expect(r.marks.filter((m) => m.kind === 'signal')).toHaveLength(3);
    expect(r.marks.filter((m) => m.kind === 'operation')).toHaveLength(12);
  });

  it('periodic-freeze: counts the kill-and-restart episodes and calls the period varying', async () => {
    const r = await analyzePaths(paths(sample('periodic-freeze')));
    const serious = r.findings.filter((f) => f.severity !== 'info');
    expect(serious.map((f) => f.rule)).toEqual(['periodic-freeze']);
    const f = serious[0];
    expect(f.count).toBe(7);
    expect(f.title).toMatch(/varying/);
    expect(f.detail).toMatch(/min 5 min \d\d s, median 6 min \d\d s, max 6 min \d\d s/);
    expect(f.detail).toMatch(/64 KiB/);
    expect(f.detail).toMatch(/proxy\.log went silent/);
  });

  it('crash: names the Go data race, spans crash to recovery, and sees the 503s at the ingress', async () => {
    const r = await analyzePaths(paths(sample('crash')));
    const serious = r.findings.filter((f) => f.severity !== 'info');
    expect(serious.map((f) => f.rule)).toEqual(['crash']);
    const f = serious[0];
    expect(f.title).toMatch(/fatal error: concurrent map writes/);
    expect(f.detail).toMatch(/go run -race/);
    expect(f.detail).toMatch(/ingress\.log .*HTTP 503/);
    const crashMark = r.marks.find((m) => m.kind === 'crash' && m.source === 'orders-api.log');
    expect(crashMark?.label).toBe('fatal error: concurrent map writes');
    expect(Date.parse(f.end) - Date.parse(f.start)).toBeGreaterThan(30_000);
    expect(Date.parse(f.end) - Date.parse(f.start)).toBeLessThan(120_000);
    expect(f.evidence[0]).toEqual({ file: 'orders-api.log', line: crashMark ? expect.any(Number) : -1 });
  });

  it('gives the same report when the CLI splits the files across threads (as it does for big files)', async () => {
    for (const s of manifest) {
      const one = await analyzePaths(paths(s), { threads: 1 });
      // Slices of 8 KB: every JSON-lines file is cut many times, some cuts inside a trace.
      const split = await analyzePaths(paths(s), { threads: 2, sliceMinBytes: 4096, sliceBytes: 8192 });
      expect(split, s.id).toEqual(one);
    }
  }, 60_000);
});
