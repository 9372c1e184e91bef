// The table's trip from the engine worker to the main thread, with a real
// transferring structured clone standing in for postMessage: the main thread
// gets every column it draws with, the worker's detail, search and vocabulary
// preview keep working after the buffers moved, and a snapshot is moved whole.
import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../src/worker/engine-api.ts';
import { mainThreadTable } from '../../src/worker/table-handoff.ts';
import type { EventTable } from '../../src/engine/model/event-table.ts';

const log = [
  '2024-05-01T10:00:03Z INFO request ok',
  '2024-05-01T10:00:00Z INFO [proxy] starting proxy',
  '2024-05-01T10:00:01Z WARN [proxy] gave up waiting for backend a',
  '2024-05-01T10:00:04Z ERROR request timed out after 30s',
  '  at handler (proxy.go:12)',
].join('\n');

/** What postMessage with a transfer list does: the receiver gets a copy, the sender's transferred buffers are emptied. */
const crossThread = <T,>(value: T, buffers: ArrayBuffer[]): T => structuredClone(value, { transfer: buffers });

function drawn(t: EventTable) {
  return {
    length: t.length,
    tMs: [...t.tMs],
    subNs: [...t.subNs],
    level: [...t.level],
    kind: [...t.kind],
    flags: [...t.flags],
    file: [...t.file],
    logger: [...t.logger],
    line: [...t.line],
    lineCount: [...t.lineCount],
    template: [...t.template],
    loggers: t.loggers,
  };
}

describe('table hand-off to the main thread', () => {
  it('gives the main thread the columns it reads and keeps the worker answering', async () => {
    const inline = createEngineApi((v) => v);
    const same = await inline.load([{ name: 'proxy.log', blob: new Blob([log]) }], {});
    const api = createEngineApi(crossThread, { handOff: true });
    const summary = await api.load([{ name: 'proxy.log', blob: new Blob([log]) }], {});

    expect(drawn(summary.table)).toEqual(drawn(same.table));
    expect(summary.table.length).toBe(4);
    // Byte ranges stay with the worker, which reads raw lines with them.
    expect(summary.table.byteOffset.length).toBe(0);

    const row = [...summary.table.tMs].indexOf(Date.parse('2024-05-01T10:00:04Z'));
    const detail = await api.detail(row);
    expect(detail).toMatchObject({ level: 'error', line: 4, lineCount: 2, time: '2024-05-01T10:00:04.000Z', file: 'proxy.log' });
    expect(detail?.raw).toBe('2024-05-01T10:00:04Z ERROR request timed out after 30s\n  at handler (proxy.go:12)');
    const proxy = await api.detail([...summary.table.tMs].indexOf(Date.parse('2024-05-01T10:00:01Z')));
    expect(proxy?.logger).toBe(same.table.loggers[same.table.logger[1]]);
    expect([...(await api.search('backend'))]).toEqual([...(await inline.search('backend'))]);
    const pattern = `pattern="${same.templates[same.table.template[row]].pattern}"`;
    expect([...(await api.search(pattern))]).toEqual([...(await inline.search(pattern))]);
    expect((await api.search(pattern)).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const [preview] = await api.previewVocabulary([{ kind: 'timeout', pattern: 'gave up waiting' }]);
    expect(preview).toMatchObject({ matches: 1, changes: 1 });
  });

  it('moves a snapshot without copying and leaves a kept table readable', async () => {
    const api = createEngineApi((v) => v);
    const { table } = await api.load([{ name: 'proxy.log', blob: new Blob([log]) }], {});
    const kept = mainThreadTable(table, true);
    expect(kept.table.tMs).not.toBe(table.tMs);
    // The worker still reads template ids (pattern= queries, range comparison): it keeps its own.
    expect(kept.table.template).not.toBe(table.template);
    expect([...kept.table.template]).toEqual([...table.template]);
    const moved = mainThreadTable(table, false);
    expect(moved.table.tMs).toBe(table.tMs);
    expect(moved.buffers).toContain(table.line.buffer);
    expect(moved.buffers).not.toContain(table.byteOffset.buffer);
  });
});
