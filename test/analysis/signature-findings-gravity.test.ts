// At most three failure-signature findings are shown: the gravest are kept,
// so a full disk is not crowded out by three mild failures that came first,
// and the findings still read in time order.
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from './dialects.ts';

const lines = (minute: number, msg: string) => [0, 10, 20].map((s) => `2024-05-14T11:0${minute}:${String(s).padStart(2, '0')}Z ERROR ${msg}`);

describe('failure-signature findings', () => {
  it('keep a full disk beside three mild failures that came before it, in time order', async () => {
    const text = [
      ...lines(0, 'export failed: dial tcp 10.0.0.5:4317: connect: connection refused'),
      ...lines(1, 'fetch failed: read tcp 10.0.0.7:51234->10.0.0.9:443: read: connection reset by peer'),
      ...lines(2, 'lookup failed: dial tcp: lookup api.internal on 10.0.0.2:53: no such host'),
      '2024-05-14T11:03:00Z ERROR wal append failed: write /var/lib/app/wal/000042: no space left on device',
    ].join('\n') + '\n';
    const r = await analyzeLogs([{ name: 'app.log', text }]);
    const sig = r.report.findings.filter((f) => f.rule === 'failure-signature');
    expect(sig).toHaveLength(3);
    expect(sig.map((f) => f.family)).toContain('disk-full');
    expect(sig.map((f) => f.start)).toEqual([...sig.map((f) => f.start)].sort());
    expect(sig[sig.length - 1].family).toBe('disk-full');
  });
});
