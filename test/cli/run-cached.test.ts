// The bundle loader reads the bundle's bytes itself (run-cached.mjs sourceText):
// the text must be exactly what UTF-8 decoding gives, whatever characters it holds.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without types
import { sourceText } from '../../src/cli/run-cached.mjs';

const decode = (s: string) => (sourceText as (b: Buffer) => string)(Buffer.from(s, 'utf8'));

describe('bundle text', () => {
  it('reads ASCII, and runs of other characters anywhere, as UTF-8 decoding does', () => {
    for (const s of ['', 'plain ascii\n', 'µs', 'a µs b', '[µu]s … мая 10月 😀 end', 'é', 'x😀', '😀😀\n😀', 'ends in é']) expect(decode(s)).toBe(s);
  });

  const bundle = resolve(import.meta.dirname, '../../dist-cli/main.cjs');
  it.skipIf(!existsSync(bundle))('reads the built bundle as UTF-8 decoding does', () => {
    const bytes = readFileSync(bundle);
    expect((sourceText as (b: Buffer) => string)(bytes)).toBe(bytes.toString('utf8'));
  });
});
