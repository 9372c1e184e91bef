// Damaged files keep what can be read: NUL padding at the head (logrotate's
// copytruncate) and stray NULs inside lines are reported and skipped with
// every line kept and counted; a .gz cut short keeps every line decoded
// before the damage, with a notice; real binary files are still refused; a
// file that fails to read leaves no template (nor count) for its dropped rows.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bytesSource, type ByteSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources, type IngestResult } from '../../src/engine/ingest/ingest.ts';
import { analyze } from '../../src/engine/analysis/analyze.ts';
import { buildReport } from '../../src/engine/report.ts';

const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `2024-05-01T10:${String(Math.floor((i + from) / 60) % 60).padStart(2, '0')}:${String((i + from) % 60).padStart(2, '0')}Z INFO line ${i + from}\n`).join('');
const bytes = (...parts: (string | Uint8Array)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('NUL bytes', () => {
  it.each([100, 20_000])('NUL padding (%i bytes) before 100 good lines is reported as padding and skipped', async (pad) => {
    const r = await ingestSources([bytesSource('app.log', bytes(new Uint8Array(pad), lines(100)))]);
    const f = r.files[0];
    expect(f.error).toBeNull();
    expect(f.events).toBe(100);
    expect(f.untimed).toBe(0);
    expect(f.notices.join(' ')).toContain(`${pad} NUL byte(s) of padding at the start were skipped`);
    expect(r.messages[0]).toBe('line 0');
  });

  it('a NUL inside a line is removed, the line kept and counted', async () => {
    const r = await ingestSources([bytesSource('app.log', bytes(lines(50), '2024-05-01T11:00:00Z ERROR bro\u0000ken\n', lines(49, 50)))]);
    const f = r.files[0];
    expect(f.error).toBeNull();
    expect(f.lines).toBe(100);
    expect(f.events).toBe(100);
    expect(f.notices.join(' ')).toContain('1 line(s) held NUL bytes; they were removed from the text and the lines kept');
    expect(r.messages).toContain('broken');
  });

  it('a binary file is still refused', async () => {
    const noise = new Uint8Array(8192).map((_, i) => (i * 7919) % 256);
    const r = await ingestSources([bytesSource('image.bin', noise)]);
    expect(r.files[0].error).toMatch(/not a text log/);
  });
});

describe('a truncated .gz', () => {
  it('keeps every line decoded before the damage, with a notice', async () => {
    // Random-looking text compresses poorly, so cutting the .gz in half cuts the text near half.
    const text = Array.from({ length: 1000 }, (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO line ${i} ${(i * 2654435761 % 4294967296).toString(36).repeat(8)}\n`).join('');
    const gz = gzipSync(text);
    const r = await ingestSources([bytesSource('cut.log.gz', gz.subarray(0, Math.floor(gz.length / 2)))]);
    const f = r.files[0];
    expect(f.error).toBeNull();
    expect(f.events).toBeGreaterThan(300);
    expect(f.events).toBeLessThan(1000);
    expect(f.notices.join(' ')).toMatch(/the \.gz file is damaged or cut short .*: the \d+ bytes of text before the damage were read and kept/);
    expect(r.messages[0]).toMatch(/^line 0 /);
    expect(reportedTemplates(r)).toEqual(templatesOfRows(r));
  });
});

/** Template patterns and counts the report lists. */
function reportedTemplates(r: IngestResult): Record<string, number> {
  return Object.fromEntries(buildReport(r, analyze(r)).templates.map((t) => [t.pattern, t.count]));
}

/** Template patterns and counts of the rows in the table. */
function templatesOfRows(r: IngestResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < r.table.length; i++) {
    const p = r.templates[r.table.template[i]].pattern;
    out[p] = (out[p] ?? 0) + 1;
  }
  return out;
}

/** A plain file whose read fails after its first chunk (a file that changed or vanished while read). */
function failingSource(name: string, first: string): ByteSource {
  return {
    name,
    size: first.length * 2,
    async *stream() {
      yield new TextEncoder().encode(first);
      throw new Error('the file could not be read (it changed while being read)');
    },
  };
}

describe('a file that fails half way', () => {
  it('is rolled back: an error, no events, and no template or count left for its rows', async () => {
    const broken = Array.from({ length: 300 }, (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO only-in-broken disk ${i} remounted read-only\n`).join('');
    const r = await ingestSources([bytesSource('good.log', lines(20)), failingSource('broken.log', broken)]);
    expect(r.files[1].error).toMatch(/could not read: the file could not be read/);
    expect(r.files[1].events).toBe(0);
    expect(r.table.length).toBe(20);
    const listed = reportedTemplates(r);
    expect(Object.keys(listed).some((p) => p.includes('only-in-broken'))).toBe(false);
    expect(listed).toEqual(templatesOfRows(r));
  });
});

describe('lone-CR line endings', () => {
  it('split on CR: 100 lines give 100 timed events, with a notice', async () => {
    const r = await ingestSources([bytesSource('mac.log', lines(100).replaceAll('\n', '\r'))]);
    const f = r.files[0];
    expect(f.events).toBe(100);
    expect(f.untimed).toBe(0);
    expect(f.notices.join(' ')).toContain('lines end in a lone CR');
    expect(r.messages[99]).toBe('line 99');
  });
});
