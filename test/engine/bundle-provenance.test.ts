// A bundle pulled with the CLI and dropped on the page says where it came
// from, like a live pull: the session's summary carries its manifest's
// provenance (when the bundle is the only file), which the Files panel shows
// and share links carry. A manifest is a file's text, so a link built from
// it takes only what the link decoder would accept.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { writeBundle } from '../../src/engine/sources/clickhouse/bundle.ts';
import type { Provenance } from '../../src/engine/sources/clickhouse/provenance.ts';
import { sanitizeProvenance } from '../../src/share/fit.ts';

const PROVENANCE: Provenance = { kind: 'clickhouse', table: 'otel_logs', from: '2024-05-14T02:00:00.000Z', to: '2024-05-14T03:00:00.000Z', sources: ['edge'] };
const RECORDS = [
  { name: 'edge.jsonl', text: '{"time":"2024-05-14T02:12:03.412000000Z","level":"INFO","service":"edge","msg":"Received signal, updating routes..."}\n{"time":"2024-05-14T02:12:34.000000000Z","level":"ERROR","service":"edge","msg":"upstream request timeout"}\n' },
];

function bundle(provenance: unknown): string {
  return writeBundle({ provenance: provenance as Provenance, density: { bucketMs: 10_000, buckets: [{ source: 'edge', bucket: Date.parse('2024-05-14T02:12:00Z'), n: 2, errors: 1, warnings: 0 }], total: 2 }, rowsFetched: 2, truncated: false, queries: [] }, RECORDS);
}

describe('a dropped bundle names the query it came from', () => {
  it('alone, its manifest is the summary\'s provenance; with other files, there is none', async () => {
    const alone = await new EngineSession().load([bytesSource('bundle.jsonl', bundle(PROVENANCE))]);
    expect(alone.table.length).toBe(2);
    expect(alone.provenance).toEqual(PROVENANCE);
    const mixed = await new EngineSession().load([bytesSource('bundle.jsonl', bundle(PROVENANCE)), bytesSource('app.log', '2024-05-14T02:12:05Z INFO other\n')]);
    expect(mixed.provenance).toBeNull();
    const files = await new EngineSession().load([bytesSource('app.log', '2024-05-14T02:12:05Z INFO other\n')]);
    expect(files.provenance).toBeNull();
  });

  it('a hand-edited manifest reaches a link only as the decoder would take it', async () => {
    const evil = { ...PROVENANCE, table: 'otel_logs; DROP TABLE x', host: 'http://u:p@h' };
    const loaded = await new EngineSession().load([bytesSource('bundle.jsonl', bundle(evil))]);
    // The page shows it as text; a link leaves it out.
    expect(loaded.provenance?.table).toBe('otel_logs; DROP TABLE x');
    expect(sanitizeProvenance(loaded.provenance)).toBeUndefined();
    expect(sanitizeProvenance({ ...PROVENANCE, host: 'http://u:p@h' })).toBeUndefined();
    expect(sanitizeProvenance({ ...PROVENANCE, where: 'x'.repeat(9000) })?.where?.length).toBe(4000);
  });
});
