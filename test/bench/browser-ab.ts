// Two builds of the app side by side in headless Chromium, runs alternating
// (A, B, A, B, ...) so a busy machine slows both alike: time to the first
// timeline, to fully loaded, and page memory, as medians and the B/A ratio.
// For judging a change to the load path before `npm run bench` is run quietly.
//
//   npx tsx test/bench/browser-ab.ts DIST_A DIST_B [--size 200MB] [--runs 3]
//   (build each with: npx vite build --outDir DIR)

import { join, resolve } from 'node:path';
import { browserBench, type BrowserFigures } from './browser-bench.ts';
import { ensureFile } from './generate.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dists: string[] = [];
  let mb = 200;
  let runs = 3;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--size') mb = Number(/^(\d+)/.exec(argv[++i] ?? '')?.[1] ?? 200) * (/gb$/i.test(argv[i]) ? 1024 : 1);
    else if (argv[i] === '--runs') runs = Math.max(1, Number(argv[++i]) || 1);
    else dists.push(resolve(argv[i]));
  }
  if (dists.length !== 2) throw new Error('usage: browser-ab.ts DIST_A DIST_B [--size 200MB] [--runs 3]');
  const label = mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024}GB` : `${mb}MB`;
  const file = join(ROOT, 'test/bench/data', `bench-${label}.jsonl`);
  await ensureFile(file, mb * (1 << 20));
  const seen: BrowserFigures[][] = [[], []];
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < 2; k++) {
      const f = await browserBench(file, () => undefined, 15 * 60_000, dists[k]);
      if (!f.ready) throw new Error(`${dists[k]}: ${f.reason}`);
      seen[k].push(f);
      console.log(`run ${r + 1} ${'AB'[k]}: first timeline ${f.firstDrawMs} ms, loaded ${f.loadedMs} ms, first finding ${f.firstFindingMs ?? '–'} ms, page ${f.pageMemoryMB ?? '–'} MB, ${f.events ?? '?'} events`);
    }
  }
  const pick = (k: number, key: 'firstDrawMs' | 'loadedMs' | 'pageMemoryMB') => median(seen[k].map((f) => f[key] ?? NaN));
  for (const key of ['firstDrawMs', 'loadedMs', 'pageMemoryMB'] as const) {
    const a = pick(0, key);
    const b = pick(1, key);
    console.log(`${key.padEnd(13)} A ${a}  B ${b}  B/A ${(b / a).toFixed(2)}`);
  }
}

await main();
