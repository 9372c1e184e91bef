// Shared by the share tests: a small but realistic incident (a reload stall:
// SIGHUP, sequential certificate renewals, a second reload waiting, upstream
// failures, recovery) ingested by the real engine, with findings and marks
// built by hand so these tests do not depend on the analysis rules.

import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import type { Mark } from '../../src/engine/marks/types.ts';
import type { Finding } from '../../src/engine/rules/types.ts';
import { buildSharePayload, type ShareSource } from '../../src/share/build.ts';
import { defaultView, type SharePayload } from '../../src/share/payload.ts';
import { sessionTexts } from '../../src/share/session-texts.ts';

export const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

export function proxyLog(): string {
  const lines: string[] = [];
  lines.push(JSON.stringify({ time: iso(0), level: 'info', msg: 'serving', logger: 'http', remote: '203.0.113.9' }));
  lines.push(JSON.stringify({ time: iso(1), level: 'debug', msg: 'cache warm', logger: 'cache' }));
  lines.push(JSON.stringify({ time: iso(2), level: 'info', msg: 'Received signal, updating routes...', signal: 'SIGHUP' }));
  for (let i = 0; i < 12; i++) {
    lines.push(JSON.stringify({ time: iso(3 + i * 2), level: 'info', msg: 'Renewing certificate', logger: 'tls', identifier: `svc${i}.example.com` }));
    lines.push(JSON.stringify({ time: iso(3 + i * 2 + 1), level: 'info', msg: 'Starting ACME process', logger: 'tls', account: `ops${i}@example.com` }));
    lines.push(JSON.stringify({ time: iso(3 + i * 2 + 1), level: 'debug', msg: 'acme: trying solver', logger: 'tls' }));
  }
  lines.push(JSON.stringify({ time: iso(32), level: 'info', msg: 'Received signal, updating routes...', signal: 'SIGHUP' }));
  for (let i = 0; i < 20; i++) {
    lines.push(JSON.stringify({ time: iso(90 + i), level: 'error', msg: 'Failed to connect to upstream', error: 'context canceled', upstream: `10.0.0.${12 + (i % 3)}:8080`, auth: 'Bearer abc123def456ghi789' }));
  }
  lines.push(JSON.stringify({ time: iso(120), level: 'info', msg: 'routes updated', logger: 'http' }));
  return lines.join('\n') + '\n';
}

export function appLog(): string {
  return [
    `${iso(5)} INFO  app started, connecting to postgres://app:hunter2@10.0.0.40:5432/orders`,
    `${iso(95)} ERROR request failed: upstream timeout user=alice@example.com`,
    `${iso(96)} ERROR panic: runtime error: invalid memory address`,
    'goroutine 1 [running]:',
    'main.handler(0xc000010000)',
    '\t/app/main.go:42 +0x65',
    `${iso(100)} INFO  recovered`,
  ].join('\n') + '\n';
}

export interface Loaded {
  session: EngineSession;
  source: ShareSource;
}

/** Ingest the two logs and attach a finding and marks pointing at real rows. */
export async function loadIncident(): Promise<Loaded> {
  const session = new EngineSession();
  const summary = await session.load([bytesSource('proxy.log', proxyLog()), bytesSource('app.log', appLog())]);
  const t = summary.table;
  const r = session.loaded!;
  const rowsWhere = (pred: (msg: string) => boolean) => {
    const out: number[] = [];
    for (let i = 0; i < t.length; i++) if (pred(r.messages[i] ?? '')) out.push(i);
    return out;
  };
  const signals = rowsWhere((m) => m.startsWith('Received signal'));
  const renewals = rowsWhere((m) => m === 'Renewing certificate');
  const failures = rowsWhere((m) => m === 'Failed to connect to upstream');
  const marks: Mark[] = [
    ...signals.map((row) => ({ kind: 'signal' as const, start: t.tMs[row], end: t.tMs[row], label: 'SIGHUP reload', file: t.file[row], logger: t.logger[row], events: [row], count: 1 })),
    { kind: 'operation', start: t.tMs[renewals[0]], end: T0 + 27_000, label: 'certificate renewals', file: 0, logger: t.logger[renewals[0]], events: renewals, count: renewals.length, spanEnd: 'open' },
    { kind: 'timeout-burst', start: t.tMs[failures[0]], end: t.tMs[failures[failures.length - 1]], label: '20 upstream failures', file: 0, logger: 0, events: failures, count: failures.length },
  ];
  const findings: Finding[] = [
    {
      rule: 'stall-after-reload',
      severity: 'critical',
      start: T0 + 2000,
      end: T0 + 109_000,
      title: 'Reload stalled behind 12 certificate renewals',
      detail: 'A SIGHUP started 12 sequential renewals while holding the read lock.\n\nA second reload waited for the write lock; requests hung, then failed from 10.0.0.12.',
      count: 1,
      confidence: 0.9,
      evidence: [signals[0], ...renewals, signals[1], ...failures.slice(0, 5)],
      data: { renewals: 12, upstream: '10.0.0.12:8080' },
    },
    {
      rule: 'crash',
      severity: 'warning',
      start: T0 + 96_000,
      end: T0 + 96_000,
      title: 'Go panic in app',
      detail: 'panic: runtime error',
      confidence: 0.8,
      evidence: rowsWhere((m) => m.startsWith('panic:')),
    },
  ];
  return {
    session,
    source: { table: t, files: summary.files, marks, findings, texts: (rows) => sessionTexts(session, rows) },
  };
}

export async function incidentPayload(window = { start: T0, end: T0 + 130_000 }): Promise<{ loaded: Loaded; payload: SharePayload }> {
  const loaded = await loadIncident();
  const view = { ...defaultView(window), selectedFinding: 0, lanes: 'logger' as const, filters: { text: 'upstream', levels: ['error' as const], kinds: [], sources: [] } };
  const payload = await buildSharePayload(loaded.source, { window, view, now: new Date(T0 + 3_600_000) });
  return { loaded, payload };
}
