// Benchmark tables (and the README's accuracy figures) are written by the
// scripts that measure them, never typed: each script replaces its own block
// between named markers in docs/benchmarks.md (or the file it is given).

import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export const BENCH_DOC = resolve(import.meta.dirname, '../../docs/benchmarks.md');

/** Replace the block named `name` (appended at the end when it is missing). */
export async function writeDocTable(name: string, table: string, path = BENCH_DOC): Promise<void> {
  const begin = `<!-- ${name}:begin (written by the benchmark; do not edit by hand) -->`;
  const end = `<!-- ${name}:end -->`;
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = '# Benchmarks\n\n';
  }
  const block = `${begin}\n${table.trim()}\n${end}`;
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  text = a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(path, text);
}
