// `timberline analyze --rules FILE` as a rule author runs it: a broken file is
// refused with FILE:LINE: message and exit status 2 before anything is read;
// a good one adds its findings to the report and prints whether each of its
// own cases passes; a rule whose case fails exits 3. Runs the bundled CLI.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'src/cli/timberline.mjs');
const RULE = 'test/fixtures/rules/slow-upstream.json';
const BAD = 'test/fixtures/rules/bad-detector.json';
const LOG = 'public/samples/reload-stall/centauri.log';
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('timberline analyze --rules', () => {
  it('takes --rules more than once', () => {
    const p = parseArgs(['analyze', '--rules', 'a.json', '--rules=b.json', 'x.log'], ['plain-text']);
    expect(p).toMatchObject({ command: 'analyze', args: { rules: ['a.json', 'b.json'], paths: ['x.log'] } });
    expect(parseArgs(['analyze', 'x.log', '--rules'], ['plain-text'])).toEqual({ command: 'error', message: '--rules needs a rule file' });
  });

  it('refuses a bad rule file with FILE:LINE: message and exit status 2', () => {
    const r = run(['analyze', '--rules', RULE, '--rules', BAD, LOG]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`timberline: ${BAD}:7: detector.type: unknown detector "serie"`);
    expect(r.stdout).toBe('');
    const missing = run(['analyze', '--rules', 'no-such-rules.json', LOG]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-such-rules\.json: cannot read it/);
  });

  it('adds the rule\'s findings and prints its cases passing', () => {
    const r = run(['analyze', '--quiet', '--rules', RULE, LOG]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[WARNING\] centauri\.log: upstream slow 5 times in 22 min 54 s {2}\(slow-upstream, your rule\)/);
    expect(r.stdout).toContain(`rule slow-upstream (${RULE}): 2 of 2 cases pass`);
    const without = run(['analyze', '--quiet', LOG]);
    expect(without.stdout).not.toContain('slow-upstream');
  });

  it('--json carries the case results; a failing case is exit status 3 with what the rule found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-rules-'));
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, readFileSync(resolve(ROOT, RULE), 'utf8').replace('"count": 3 }]', '"count": 4 }]'));
    const r = run(['analyze', '--json', '--rules', wrong, LOG]);
    expect(r.status).toBe(3);
    const doc = JSON.parse(r.stdout) as { findings: { rule: string }[]; ruleCases: { rule: string; cases: { ok: boolean; problems: string[] }[] }[] };
    expect(doc.findings.filter((f) => f.rule === 'slow-upstream')).toEqual([expect.objectContaining({ userRule: true, count: 5 })]);
    expect(doc.ruleCases).toEqual([{ file: wrong, rule: 'slow-upstream', cases: [{ name: 'three slow responses five minutes apart', ok: false, problems: ['finding 1: count 3, expected 4'] }, expect.objectContaining({ ok: true })] }]);
  });
});
