// The decompressed-size ceilings, per .gz file and for all .gz files of one
// load: reading stops at the last whole line before the ceiling, the file
// says so (and which ceiling it was), and what was read is kept. The gzip
// bomb itself is tested in the CLI (test/cli/hostile-cli.test.ts) and the app.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';

/** `n` lines of exactly 50 bytes. */
const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO ${tag} ${String(i).padStart(20, '0')}\n`).join('');

describe('decompressed-size ceilings', () => {
  it('stop one .gz file at its last whole line under the ceiling, with a notice, keeping what was read', async () => {
    const text = lines(10_000, 'aa');
    expect(text.length).toBe(500_000);
    const r = await ingestSources([bytesSource('big.log.gz', gzipSync(text), 4096)], { maxDecompressedBytes: 100_025 });
    const f = r.files[0];
    expect(f.error).toBeNull();
    expect(f.events).toBe(2000);
    expect(f.notices.join(' ')).toMatch(/stopped at the decompressed-size ceiling per \.gz file \(0\.1 MB\): the first 0\.1 MB decompressed from [\d.]+ MB of [\d.]+ MB compressed were read and analysed/);
    // Whole lines up to the ceiling: the 2,000th line is in, the 2,001st is not.
    expect(r.messages).toContain(`aa ${String(1999).padStart(20, '0')}`);
    expect(r.messages).not.toContain(`aa ${String(2000).padStart(20, '0')}`);
  });

  it('share one ceiling among all .gz files of a load, and say which ceiling stopped a file', async () => {
    const a = bytesSource('a.log.gz', gzipSync(lines(2000, 'aa')));
    const b = bytesSource('b.log.gz', gzipSync(lines(2000, 'bb')));
    const plain = bytesSource('c.log', lines(2000, 'cc'));
    const r = await ingestSources([a, b, plain], { maxDecompressedBytes: 1 << 20, maxSessionDecompressedBytes: 150_000 });
    expect(r.files.map((f) => f.events)).toEqual([2000, 1000, 2000]);
    expect(r.files[0].notices.join(' ')).not.toMatch(/ceiling/);
    expect(r.files[1].notices.join(' ')).toMatch(/stopped at the decompressed-size ceiling for all \.gz files of this load/);
    // Plain files are not decompressed: the ceiling does not apply to them.
    expect(r.files[2].notices.join(' ')).not.toMatch(/ceiling/);
  });
});
