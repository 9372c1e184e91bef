// Flows and clock offsets from the command line: `analyze` on the two files of
// test/fixtures/flows (the API's clock 2.5 s ahead) prints the estimate and
// puts it in --json; --clock-offset corrects the file before the analysis,
// which then puts the API's timeouts (named from their error field) before
// the proxy's first 502; --flow-keys replaces the keys read, --no-flows skips
// them; bad values are usage errors.

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SKEW_MS } from '../fixtures/flows/generate.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'src/cli/timberline.mjs');
const PROXY = 'test/fixtures/flows/edge-proxy.log';
const API = 'test/fixtures/flows/orders-api.jsonl';
const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'analyze', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

interface Flows {
  reference: string | null;
  sharedIds: number;
  keys: string[];
  clocks: { file: string; offsetMs: number; spreadMs: number; pairs: number; method: string; appliedMs: number }[];
}
interface Out {
  flows?: Flows;
  findings: { rule: string; family?: string; severity: string; start: string; evidence: { file: string; line: number }[] }[];
}

describe('timberline analyze: flows and clock offsets', () => {
  it('prints the estimated offset and reports it in --json', () => {
    const text = run([PROXY, API]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('orders-api.jsonl runs 2.500 s ahead of edge-proxy.log (median of 160 shared ids');
    const json = run(['--json', PROXY, API]);
    const out = JSON.parse(json.stdout) as Out;
    expect(out.flows?.reference).toBe('edge-proxy.log');
    expect(out.flows?.sharedIds).toBe(160);
    const c = out.flows?.clocks[0];
    expect(c?.file).toBe('orders-api.jsonl');
    expect(Math.abs((c?.offsetMs ?? 0) - SKEW_MS)).toBeLessThanOrEqual(50);
    expect(c?.method).toBe('ids');
  });

  it('--clock-offset corrects the file first: the API timeout behind the 502s then comes before them', () => {
    // The proxy's first 502 is at 14:01:02.842; the API names its upstream timeouts ("context deadline exceeded").
    const FIRST_502 = Date.parse('2025-06-03T14:01:02.842Z');
    const first = (args: string[]) => {
      const out = JSON.parse(run(['--json', ...args, PROXY, API]).stdout) as Out;
      const timeout = out.findings.find((f) => f.family === 'timeout-burst' && f.severity !== 'info');
      return { finding: timeout?.evidence[0], start: Date.parse(timeout?.start ?? ''), flows: out.flows };
    };
    const skewed = first([]);
    expect(skewed.finding?.file).toBe('orders-api.jsonl');
    expect(skewed.start).toBeGreaterThan(FIRST_502);
    const fixed = first(['--clock-offset', `orders-api.jsonl=${SKEW_MS}`]);
    expect(fixed.finding?.file).toBe('orders-api.jsonl');
    expect(fixed.start).toBeLessThan(FIRST_502);
    expect(fixed.flows?.clocks[0].appliedMs).toBe(SKEW_MS);
    expect(Math.abs(fixed.flows?.clocks[0].offsetMs ?? NaN)).toBeLessThan(50);
  });

  it('--flow-keys replaces the keys read; bad values are usage errors', () => {
    const only = JSON.parse(run(['--json', '--flow-keys', 'request_id', PROXY, API]).stdout) as Out;
    expect(only.flows?.keys).toEqual(['request_id']);
    expect(only.flows?.sharedIds).toBe(80);
    const none = JSON.parse(run(['--json', '--flow-keys', 'job_id', PROXY, API]).stdout) as Out;
    expect(none.flows?.reference).toBeNull();
    const skipped = run(['--no-flows', PROXY, API]);
    expect(skipped.stdout).not.toContain('Clock offsets');
    expect((JSON.parse(run(['--json', '--no-flows', PROXY, API]).stdout) as Out).flows).toBeUndefined();
    expect(run(['--flow-keys', 'a|b', PROXY]).status).toBe(2);
    expect(run(['--clock-offset', 'orders-api.jsonl=abc', PROXY, API]).status).toBe(2);
    const unknown = run(['--clock-offset', 'other.log=5', PROXY, API]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('not one of the input files');
  });
});
