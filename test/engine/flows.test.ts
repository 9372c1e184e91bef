// Request flows and clock offsets: ids read from JSON, logfmt and text alike
// (traceparent reduced to its trace id, placeholders ignored), the flow of an
// event spanning both files of test/fixtures/flows (whose API clock runs
// 2.5 s ahead), the offset estimated within 10 % or 50 ms, applying it at
// ingest putting every request's API lines inside the proxy's span, and
// anchors (reloads both files logged) placing files that share no ids.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../src/engine/session/session.ts';
import { blobSource } from '../../src/engine/ingest/byte-source.ts';
import { compileFlowKeys, normaliseId, scanIds } from '../../src/engine/flows/keys.ts';
import { estimateClockOffsets, fromAnchors } from '../../src/engine/flows/clock-offsets.ts';
import { buildFlowIndex, type FlowSource } from '../../src/engine/flows/flow-index.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { logLines } from '../bench/generate.ts';
import { Kind } from '../../src/engine/model/kinds.ts';
import { flowFixture, SKEW_MS } from '../fixtures/flows/generate.ts';

const DIR = join(import.meta.dirname, '../fixtures/flows');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

async function session(files: [string, string][], clockOffsetMs?: Record<number, number>) {
  const s = new EngineSession();
  const summary = await s.load(files.map(([name, text]) => blobSource(new Blob([text]), name)), { clockOffsetMs });
  return { s, summary };
}

const fixtureFiles = (): [string, string][] => [
  ['edge-proxy.log', read('edge-proxy.log')],
  ['orders-api.jsonl', read('orders-api.jsonl')],
];

function ids(text: string, keys = compileFlowKeys()): [string, string][] {
  const out: [string, string][] = [];
  scanIds(keys, text, (_pos, k, id) => out.push([keys.names[k], id]));
  return out;
}

describe('reading ids', () => {
  it('reads the usual keys from JSON, logfmt and text, whatever their case', () => {
    expect(ids('{"msg":"x","request_id":"r-1","TraceId":"AB12"}')).toEqual([
      ['request_id', 'r-1'],
      ['traceId', '0000000000000000000000000000ab12'],
    ]);
    expect(ids('ts=1 msg="done" x-request-id=7f3a9c span_id=00f067aa0ba902b7')).toEqual([
      ['x-request-id', '7f3a9c'],
      ['span_id', '00f067aa0ba902b7'],
    ]);
    expect(ids('GET /a correlationId: c-77 took 4ms')).toEqual([['correlationId', 'c-77']]);
  });

  it('reduces traceparent and uber-trace-id to the trace id the other services log', () => {
    expect(ids('traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual([['traceparent', '4bf92f3577b34da6a3ce929d0e0e4736']]);
    expect(ids('"uber-trace-id":"a3ce929d0e0e4736:00f067aa0ba902b7:0:1"')).toEqual([['uber-trace-id', '0000000000000000a3ce929d0e0e4736']]);
    expect(normaliseId('trace_id', 'trace', 'A3CE929D0E0E4736')).toBe('0000000000000000a3ce929d0e0e4736');
  });

  it('ignores placeholders, longer names that end in a key, and keys it was not given', () => {
    expect(ids('request_id=- trace_id=00000000000000000000000000000000 span_id=null')).toEqual([]);
    expect(ids('parent_span_id=00f067aa0ba902b7 my.request_id=abc')).toEqual([]);
    const custom = compileFlowKeys(['job_run']);
    expect(ids('job_run=r7 request_id=abc', custom)).toEqual([['job_run', 'r7']]);
    // A key that is not a plain name is refused rather than compiled into the pattern.
    expect(compileFlowKeys(['a|b', '(x)', 'ok_key']).names).toEqual(['ok_key']);
  });
});

describe('flows across files', () => {
  it('links a request seen by the proxy and the API, in time order, and leaves unlinked lines alone', async () => {
    const { s, summary } = await session(fixtureFiles());
    const fixture = flowFixture();
    const t = summary.table;
    const sum = await s.flowSummary();
    // Each request: 2 proxy lines + 2 API lines; health checks and heartbeats name no id.
    expect(sum?.linkedRows).toBe(fixture.requests.length * 4);
    expect(sum?.rowsWithIds).toBe(fixture.requests.length * 4);
    const first = (await s.messages(Array.from({ length: t.length }, (_, i) => i))).findIndex((m) => m === 'request received');
    const flow = await s.flow(first);
    expect(flow?.total).toBe(4);
    expect(flow?.rows.map((r) => summary.files[t.file[r]].name).sort()).toEqual(['edge-proxy.log', 'edge-proxy.log', 'orders-api.jsonl', 'orders-api.jsonl']);
    expect(flow?.rows).toEqual([...(flow?.rows ?? [])].sort((a, b) => a - b));
    const req = fixture.requests[0];
    expect(flow?.ids.map((x) => x.id).sort()).toEqual([req.requestId, req.traceId].sort());
    expect(flow?.ids.every((x) => x.files === 2 && x.events === 4)).toBe(true);
    const health = (await s.messages(Array.from({ length: t.length }, (_, i) => i))).findIndex((m) => m === 'health check');
    expect(await s.flow(health)).toBeNull();
  });

  it('estimates the API clock 2.5 s ahead of the proxy, within 10 % or 50 ms, from every shared request', async () => {
    const { s } = await session(fixtureFiles());
    const clocks = (await s.flowSummary())?.clocks;
    expect(clocks?.reference).not.toBeNull();
    const ref = clocks?.reference ?? -1;
    const other = clocks?.estimates[0];
    expect(clocks?.estimates).toHaveLength(1);
    // Both files share every request, so the reference is either; the offset's sign follows.
    const apiAhead = ref === 0 ? other?.offsetMs ?? NaN : -(other?.offsetMs ?? NaN);
    expect(Math.abs(apiAhead - SKEW_MS)).toBeLessThanOrEqual(Math.max(50, SKEW_MS * 0.1));
    expect(other?.method).toBe('ids');
    expect(other?.pairs).toBe(flowFixture().requests.length * 2);
    expect(other?.spreadMs).toBeLessThan(50);
    // The proxy's spans wrap the API's: once corrected, nearly every request nests.
    expect(other?.consistent).toBeGreaterThan(0.9);
  });

  it('applied at load, the offset moves the API lines inside each request, and the new estimate is near zero', async () => {
    const before = await session(fixtureFiles());
    const { s, summary } = await session(fixtureFiles(), { 1: SKEW_MS });
    expect(summary.files[1].clockOffsetMs).toBe(SKEW_MS);
    expect(summary.files[1].firstTime).toBe(before.summary.files[1].firstTime - SKEW_MS);
    const t = summary.table;
    // Rows stay in time order after the shift.
    for (let i = 1; i < t.length; i++) expect(t.tMs[i]).toBeGreaterThanOrEqual(t.tMs[i - 1]);
    const clocks = (await s.flowSummary())?.clocks;
    expect(Math.abs(clocks?.estimates[0]?.offsetMs ?? NaN)).toBeLessThan(50);
    const msgs = await s.messages(Array.from({ length: t.length }, (_, i) => i));
    const flow = await s.flow(msgs.indexOf('request received'));
    const rows = flow?.rows ?? [];
    expect(rows.map((r) => msgs[r])).toEqual(['request received', 'handling request', 'request done', 'request answered']);
  });

  it('shows corrected times already while a big file loads (the early snapshots)', async () => {
    const lines: string[] = [];
    let bytes = 0;
    for (const l of logLines(3)) {
      lines.push(l);
      bytes += l.length + 1;
      if (bytes > 9 << 20) break;
    }
    const big = blobSource(new Blob([lines.join('\n')]), 'big.jsonl');
    const SIX_DAYS = 6 * 86400_000;
    let maxPartial = -Infinity;
    let partials = 0;
    const r = await ingestSources([big], {
      clockOffsetMs: { 0: SIX_DAYS },
      onPartial: (p) => {
        partials++;
        for (let i = 0; i < p.table.length; i++) maxPartial = Math.max(maxPartial, p.table.tMs[i]);
      },
    });
    expect(partials).toBeGreaterThan(0);
    // Uncorrected, the early view would sit six days after the final one.
    expect(maxPartial).toBeLessThanOrEqual(r.table.tMs[r.table.length - 1]);
  });

  it('offers no estimate from one shared id, and ignores offsets beyond a week', async () => {
    const a = 'time=2025-01-01T00:00:00Z msg=in request_id=r1\ntime=2025-01-01T00:00:01Z msg=out request_id=r1\n';
    const b = 'time=2025-01-01T00:00:05Z msg=work request_id=r1\n';
    const { s } = await session([['a.log', a], ['b.log', b]], { 1: 8 * 86400_000 });
    const sum = await s.flowSummary();
    expect(sum?.sharedIds).toBe(1);
    expect(sum?.clocks.estimates).toEqual([]);
    expect(s.loaded?.files[1].clockOffsetMs).toBeUndefined();
  });
});

describe('anchors', () => {
  it('finds the offset most anchor pairs agree on, and needs two of each file', () => {
    const a = [1000, 60_000, 125_000, 300_000];
    const b = a.map((x) => x + 4000 + (x % 7));
    const est = fromAnchors(a, [...b, 200_000]);
    expect(est?.pairs).toBe(4);
    expect(Math.abs((est?.offset ?? 0) - 4003)).toBeLessThan(10);
    expect(fromAnchors([1000], [5000])).toBeNull();
  });

  it('places a file that shares no ids through the reloads both logged', () => {
    // Two files, each with three signal events (reloads) at the same moments, the second's clock 1.2 s late.
    const times = [10_000, 70_000, 190_000];
    const rows = [...times.map((t) => ({ t, f: 0 })), ...times.map((t) => ({ t: t + 1200, f: 1 })), { t: 50_000, f: 1 }].sort((x, y) => x.t - y.t);
    const table = {
      length: rows.length,
      tMs: Float64Array.from(rows.map((r) => r.t)),
      file: Uint16Array.from(rows.map((r) => r.f)),
      kind: Uint8Array.from(rows.map((r) => (r.t === 50_000 ? Kind.plain : Kind.signal))),
    };
    const report = estimateClockOffsets(null, table, 2);
    expect(report.estimates).toHaveLength(1);
    const e = report.estimates[0];
    expect(e.method).toBe('anchors');
    expect(e.pairs).toBe(3);
    expect(e.reference === 0 ? e.offsetMs : -e.offsetMs).toBe(1200);
  });
});

/** A one-file source over `lines` (one event a line), as the session gives the index. */
function linesSource(lines: string[]): FlowSource {
  const bytes = new TextEncoder().encode(lines.join('\n'));
  const byteOffset = new Float64Array(lines.length);
  const byteLength = new Uint32Array(lines.length);
  let at = 0;
  lines.forEach((l, i) => {
    byteOffset[i] = at;
    byteLength[i] = l.length;
    at += l.length + 1;
  });
  return {
    table: { length: lines.length, file: new Uint16Array(lines.length), byteOffset, byteLength },
    files: 1,
    read: async (_f, start, end) => bytes.subarray(start, end),
    text: () => undefined,
  };
}

describe('bounds on odd and hostile logs', () => {
  it('leaves out an id every event carries: it is a constant, not a request', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `msg=tick request_id=${i % 2 ? 'same-for-all' : `r${Math.floor(i / 2)}`} trace_id=same-for-all`);
    const ix = await buildFlowIndex(linesSource(lines), compileFlowKeys(), { maxEntries: 1e6, maxGroupRows: 1000 });
    expect(ix.tooCommon).toBe(1);
    expect(ix.groups).toBe(0);
    expect(ix.rowsWithIds).toBe(3000);
  });

  it('stops reading ids at its bound and says so, keeping what it read', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `request_id=r${Math.floor(i / 2)}`);
    const ix = await buildFlowIndex(linesSource(lines), compileFlowKeys(), { maxEntries: 1000, maxGroupRows: 1000 });
    expect(ix.truncated).toBe(true);
    expect(ix.groups).toBe(500);
    expect(ix.rowList.length).toBe(1000);
  });

  it('reads a 1 MB line full of keys as one event naming a few ids, not a million', async () => {
    const line = Array.from({ length: 60_000 }, (_, i) => `x request_id=${i % 3 ? 'abc' : `n${i}`}`).join(' ');
    const ix = await buildFlowIndex(linesSource([line, 'request_id=abc']), compileFlowKeys(), { maxEntries: 10_000, maxGroupRows: 1000 });
    expect(ix.truncated).toBe(false);
    expect(ix.distinctIds).toBeLessThanOrEqual(32);
    // The id on two events links them, however often the first names it.
    expect(ix.groups).toBe(1);
    expect(ix.rowList.length).toBe(2);
  });
});

