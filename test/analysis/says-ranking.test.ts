// A failure line that names its own mechanism ranks that hypothesis first:
// a liveness probe refused is a dead app, one that timed out a slow one; a
// certificate "has expired" is a lapsed renewal, "unknown authority" a chain.
// The finding quotes the line as the evidence.
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from './dialects.ts';

async function top(text: string, family: string) {
  const r = await analyzeLogs([{ name: 'pasted.log', text }]);
  const f = r.report.findings.find((x) => x.family === family && x.severity !== 'info');
  expect(f, r.report.findings.map((x) => `${x.family}: ${x.title}`).join(' | ')).toBeDefined();
  return f!.hypotheses?.[0];
}

const kubelet = (probe: string) => [1, 2, 3].map((i) => `May 14 06:0${i}:10 node-1 kubelet[912]: I0514 06:0${i}:10.000000     912 prober.go:107] "Probe failed" probeType="Liveness" pod="shop/api-7d9c" podUID=1f2e containerName="api" probeResult="failure" output="${probe}"`).join('\n') + '\n';

describe('a failure line naming its mechanism', () => {
  it('ranks "the app was down" first when the probe was refused', async () => {
    const h = await top(kubelet('Get \\"http://10.244.0.12:8080/healthz\\": dial tcp 10.244.0.12:8080: connect: connection refused'), 'probe-failure');
    expect(h?.id).toBe('app-dead');
    expect(h?.supports[0].text).toMatch(/^The failure line itself points to it: .*Probe failed.*Liveness/);
  });

  it('ranks "the app was slow" first when the probe timed out', async () => {
    const h = await top(kubelet('Get \\"http://10.244.0.12:8080/healthz\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'), 'probe-failure');
    expect(h?.id).toBe('app-slow');
  });

  it('ranks an expired certificate first for "has expired", an untrusted chain for "unknown authority"', async () => {
    const lines = (why: string) => [1, 2, 3].map((i) => `2024-05-14 06:1${i}:00 ERROR sync failed: Get "https://registry.internal/v2/": x509: ${why}`).join('\n') + '\n';
    expect((await top(lines('certificate has expired or is not yet valid: current time 2024-05-14T06:11:00Z is after 2024-05-13T23:59:59Z'), 'tls-failure'))?.id).toBe('expired');
    expect((await top(lines('certificate signed by unknown authority'), 'tls-failure'))?.id).toBe('chain');
  });
});
