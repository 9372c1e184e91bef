// Big and hostile files for the browser tests, written to a temporary folder
// and handed to the page by path (a path, not a 30 MB buffer, keeps the
// test's own upload from being the page's longest task): a big plain or
// JSON-lines log (the latter is read in slices by nested workers) and a gzip
// bomb (about 30 MB inflating to 10 GB). Call removeHostileFiles() afterwards.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipBomb } from '../../fixtures/hostile/gzip-bomb.ts';

let dir: string | null = null;
const made = new Map<string, string>();

function folder(): string {
  return (dir ??= mkdtempSync(join(tmpdir(), 'timberline-hostile-')));
}

/** A log of `mb` MB on disk, text or JSON lines; made once per name. */
export function bigLog(mb: number, json: boolean): string {
  const name = `big-${mb}.${json ? 'jsonl' : 'log'}`;
  const known = made.get(name);
  if (known) return known;
  const path = join(folder(), name);
  const minute = (i: number) => String(Math.floor(i / 60000) % 60).padStart(2, '0');
  const line = (i: number) =>
    json ? `{"time":"2024-05-01T10:${minute(i)}:00Z","level":"info","msg":"request ${i} served","ms":${i % 97}}\n` : `2024-05-01T10:${minute(i)}:00Z INFO request ${i} served in ${i % 97} ms\n`;
  const block = Array.from({ length: 20_000 }, (_, i) => line(i)).join('');
  writeFileSync(path, block.repeat(Math.ceil((mb << 20) / block.length)));
  made.set(name, path);
  return path;
}

/** The gzip bomb: about 30 MB of .gz inflating to 10 GB of log lines. */
export async function bombFile(): Promise<string> {
  const known = made.get('bomb');
  if (known) return known;
  const path = join(folder(), 'bomb.log.gz');
  writeFileSync(path, await gzipBomb(10 * 1024));
  made.set('bomb', path);
  return path;
}

export function removeHostileFiles(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  made.clear();
}
