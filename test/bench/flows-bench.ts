// `npx tsx test/bench/flows-bench.ts [--size 100MB]`: what request flows cost.
// On the benchmark's JSON-lines log (request_id / trace_id on most lines,
// every id fresh) and on the same bytes with those keys renamed (no ids), it
// times the single-threaded ingest (best of two), as `npm run bench` does, then the flow
// index read after the load (ids, shared ids, clock offsets). Ingest does not
// read ids, so its time should not move with them; the index is the cost of
// flows, paid after the timeline is on screen. Prints figures; asserts nothing.
// Runs against an older tree too (the flow part is skipped there), for a before/after.

import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { fileSource } from '../../src/cli/node-source.ts';
import { ensureFile } from './generate.ts';

const sizeArg = process.argv.indexOf('--size');
const mb = sizeArg > 0 ? Number.parseInt(process.argv[sizeArg + 1], 10) : 100;
const dir = join(import.meta.dirname, 'data');
const withIds = join(dir, `flows-ids-${mb}MB.jsonl`);
const withoutIds = join(dir, `flows-noids-${mb}MB.jsonl`);

async function writeWithoutIds(): Promise<void> {
  if (existsSync(withoutIds)) return;
  const out = createWriteStream(withoutIds);
  for await (const line of createInterface({ input: createReadStream(withIds) })) {
    // Same length, so both files cost the same to read: only the key names change.
    out.write(line.replace(/"request_id"/g, '"request_nr"').replace(/"trace_id"/g, '"trace_nr"').replace(/"reqId"/g, '"reqNr"').replace(/"RequestId"/g, '"RequestNr"') + '\n');
  }
  await new Promise<void>((done) => out.end(done));
}

async function main(): Promise<void> {
  await mkdir(dir, { recursive: true });
  await ensureFile(withIds, mb << 20);
  await writeWithoutIds();
  for (const [label, path] of [['with ids', withIds], ['without ids', withoutIds]] as const) {
    // Best of two: the first run also pays for compiling the engine.
    let ingestMs = Infinity;
    let events = 0;
    for (let run = 0; run < 2; run++) {
      const t0 = performance.now();
      events = (await ingestSources([await fileSource(path)])).table.length;
      ingestMs = Math.min(ingestMs, performance.now() - t0);
    }
    let line = `${label}: ${events.toLocaleString('en')} events, ingest (best of 2) ${Math.round(ingestMs)} ms`;
    const session = new EngineSession() as EngineSession & { flowSummary?: () => Promise<{ rowsWithIds: number; distinctIds: number; sharedIds: number } | null> };
    if (typeof session.flowSummary === 'function') {
      await session.load([await fileSource(path)]);
      const t1 = performance.now();
      const s = await session.flowSummary();
      const indexMs = performance.now() - t1;
      line += `; flow index ${Math.round(indexMs)} ms (${(indexMs / ingestMs).toFixed(2)}x ingest), ${s?.rowsWithIds.toLocaleString('en')} events with ids, ${s?.distinctIds.toLocaleString('en')} ids, ${s?.sharedIds} shared`;
    }
    console.log(line);
  }
}

await main();
