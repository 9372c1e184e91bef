// The CLI's flags as a user types them: what each option does to the report,
// and the usage errors (exit status 2) a typo gets.

import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { analyzePaths } from '../../src/cli/main.ts';
import { stdinSource } from '../../src/cli/node-source.ts';

const FORMATS = ['json-lines', 'logfmt', 'plain-text'];

describe('timberline analyze flags', () => {
  it('reads every flag and keeps paths in order', () => {
    const p = parseArgs(['analyze', '--json', '--threads', '3', '--since=2024-05-01T10:00:00Z', '--until', '2024-05-01T11:00:00Z', '--format', 'logfmt', 'a.log', '-', '--', '--odd-name'], FORMATS);
    expect(p).toEqual({
      command: 'analyze',
      args: { json: true, quiet: false, threads: 3, since: Date.UTC(2024, 4, 1, 10), until: Date.UTC(2024, 4, 1, 11), format: 'logfmt', paths: ['a.log', '-', '--odd-name'] },
    });
  });

  it('answers help and version before anything else', () => {
    expect(parseArgs(['--help'], FORMATS)).toEqual({ command: 'help' });
    expect(parseArgs(['analyze', '-h', 'x.log'], FORMATS)).toEqual({ command: 'help' });
    expect(parseArgs(['--version'], FORMATS)).toEqual({ command: 'version' });
  });

  it.each([
    [['analyze'], /no input files/],
    [['analyse', 'x.log'], /unknown command "analyse"/],
    [['analyze', '--jsn', 'x.log'], /unknown option "--jsn"/],
    [['analyze', '--threads', 'two', 'x.log'], /--threads needs a whole number/],
    [['analyze', '--threads', '0', 'x.log'], /--threads needs a whole number/],
    [['analyze', '--since', 'yesterday', 'x.log'], /cannot read "yesterday" as a time/],
    [['analyze', '--since', '2024-05-02T00:00:00Z', '--until', '2024-05-01T00:00:00Z', 'x.log'], /--since must be before --until/],
    [['analyze', '--format', 'xml', 'x.log'], /--format must be one of json-lines, logfmt, plain-text, not "xml"/],
  ])('%j is a usage error', (argv, message) => {
    const p = parseArgs(argv, FORMATS);
    expect(p.command).toBe('error');
    expect(p.command === 'error' && p.message).toMatch(message);
  });
});

describe('what the flags do', () => {
  const stall = ['public/samples/reload-stall/centauri.log'];

  it('--since/--until analyse only the window: a finding outside it is gone, one inside stays', async () => {
    const whole = await analyzePaths(stall);
    const f = whole.findings.find((x) => x.rule === 'stall-after-reload');
    expect(f).toBeDefined();
    const start = Date.parse(f!.start);
    const before = await analyzePaths(stall, { until: start - 60_000 });
    expect(before.findings.some((x) => x.rule === 'stall-after-reload')).toBe(false);
    const around = await analyzePaths(stall, { since: start - 60_000, until: Date.parse(f!.end) + 600_000 });
    expect(around.findings.find((x) => x.rule === 'stall-after-reload')?.start).toBe(f!.start);
    // Evidence still points at the file's own line numbers.
    expect(around.findings.find((x) => x.rule === 'stall-after-reload')?.evidence[0]).toEqual(f!.evidence[0]);
  });

  it('--format reads a file as the named format instead of the detected one', async () => {
    const forced = await analyzePaths(stall, { format: 'text' });
    expect(forced.files[0].format).toBe('text');
    expect((await analyzePaths(stall)).files[0].format).not.toBe('text');
  });

  it("'-' reads standard input through the same path as a file", async () => {
    const lines = '{"time":"2024-01-01T00:00:00Z","level":"error","msg":"boom"}\n{"time":"2024-01-01T00:00:01Z","level":"info","msg":"ok"}\n';
    const src = await stdinSource((async function* () {
      yield new TextEncoder().encode(lines.slice(0, 20));
      yield new TextEncoder().encode(lines.slice(20));
    })());
    expect(src.name).toBe('stdin');
    expect(new TextDecoder().decode(await src.read(0, 20))).toBe(lines.slice(0, 20));
  });
});
