// The CLI against hostile input, as a user runs it: control characters in log
// text and file names reach the terminal only as visible escapes (--json stays
// exact), and a gzip bomb (made on the fly, 30 MB inflating to 10 GB) stops at
// the decompressed-size ceiling with a notice, keeping what it read, within
// generous memory and time ceilings that an unbounded reader cannot meet.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipBomb } from '../fixtures/hostile/gzip-bomb.ts';
import { terminalSafe } from '../../src/cli/terminal-safe.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = join(ROOT, 'test/fixtures/hostile/cli-probe.ts');
const dir = mkdtempSync(join(tmpdir(), 'timberline-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Generous for a shared 2-core machine: the bomb takes about 25 s there; reading 10 GB takes many minutes and over 4 GB. */
const BOMB_TIME_MS = 120_000;
const BOMB_MEMORY_KB = 2 * 1024 * 1024;

function cli(args: string[], timeout = 60_000) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', PROBE, ...args], { cwd: ROOT, encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ...r, rss };
}

const CLEAR = '\u001b[2J';
const TITLE = '\u001b]0;pwned\u0007';
const LINK = '\u001b]8;;https://evil.example/\u001b\\orders-api\u001b]8;;\u001b\\';

describe('control characters in log text', () => {
  const crash = join(ROOT, 'public/samples/crash');
  // The kubelet line the crash finding quotes carries a screen clear, a title change and an OSC 8 link.
  const kubelet = readFileSync(join(crash, 'kubelet.log'), 'utf8').replace('Container orders-api', `Container ${CLEAR}${TITLE}${LINK}`);
  const evilName = join(dir, `kubelet${CLEAR}.log`);
  writeFileSync(evilName, kubelet);
  const files = [join(crash, 'ingress.log'), evilName, join(crash, 'orders-api.log')];

  it('are shown as visible escapes in the summary, never sent to the terminal', () => {
    const r = cli(['analyze', ...files]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Crash in orders-api\.log/);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain('kubelet\\e[2J.log');
    // (The engine already drops CSI colour/erase sequences from messages; OSC titles and links reach the summary.)
    expect(r.stdout).toContain('Container \\e]0;pwned\\a\\e]8;;https://evil.example/\\e\\orders-api');
  });

  it('stay exact in --json', () => {
    const r = cli(['analyze', '--json', ...files]);
    const report = JSON.parse(r.stdout) as { files: { name: string }[]; findings: { detail: string }[] };
    expect(report.files.map((f) => f.name)).toContain(`kubelet${CLEAR}.log`);
    expect(report.findings.some((f) => f.detail.includes(`Container ${TITLE}${LINK}`))).toBe(true);
  });

  it('escape CR, C1 controls and bidirectional overrides too, and keep tabs and newlines', () => {
    expect(terminalSafe('a\rb\u009b2Jc\u202eevil\td\n')).toBe('a\\rb\\x9b2Jc\\u{202e}evil\td\n');
  });
});

describe('a gzip bomb', () => {
  it('stops at the decompressed-size ceiling with a notice, keeps what it read, within memory and time ceilings', async () => {
    const bomb = join(dir, 'bomb.log.gz');
    writeFileSync(bomb, await gzipBomb(10 * 1024)); // 10 GB of log lines in about 30 MB
    const t0 = Date.now();
    const r = cli(['analyze', '--json', bomb], BOMB_TIME_MS);
    console.log(`gzip bomb in the CLI: ${Date.now() - t0} ms, peak ${(r.rss / 1024).toFixed(0)} MB resident`);
    expect(r.signal, 'killed at the time ceiling').toBeNull();
    const report = JSON.parse(r.stdout) as { files: { events: number; error: string | null; notices: string[] }[] };
    const f = report.files[0];
    expect(f.error).toBeNull();
    expect(f.notices.join(' ')).toMatch(/stopped at the decompressed-size ceiling per \.gz file \(128 MB\): the first 128 MB decompressed/);
    // The part read is analysed: 128 MB of 56-byte lines.
    expect(f.events).toBeGreaterThan(2_000_000);
    expect(r.rss).toBeLessThan(BOMB_MEMORY_KB);
  }, BOMB_TIME_MS + 30_000);

  it('honours a lower ceiling from the command line', async () => {
    const bomb = join(dir, 'small-bomb.log.gz');
    writeFileSync(bomb, await gzipBomb(200));
    const r = cli(['analyze', '--max-decompressed=8M', bomb]);
    expect(r.stdout).toMatch(/ceiling per \.gz file \(8\.0 MB\)/);
    expect(r.stdout).toMatch(/→ 1497\d\d events/);
  });
});

describe('implausible timestamps', () => {
  // A device whose clock was never set logs 1969 (epoch 0 west of UTC): untimed with a notice by default, placed when allowed.
  const device = join(dir, 'device.log');
  writeFileSync(device, '1969-12-31 16:00:05 -0800 INFO booting\n1969-12-31 16:00:09 -0800 ERROR ntp: no server reachable\n');
  type Files = { files: { untimed: number; firstTime: string | null; notices: string[] }[] };

  it('are untimed with a notice by default, and believed within --plausible-years', () => {
    const byDefault = JSON.parse(cli(['analyze', '--json', device]).stdout) as Files;
    expect(byDefault.files[0].untimed).toBe(2);
    expect(byDefault.files[0].notices.join(' ')).toMatch(/timestamps outside 1990–\d{4} were kept as text/);
    const allowed = JSON.parse(cli(['analyze', '--json', '--plausible-years=1969-2030', device]).stdout) as Files;
    expect(allowed.files[0].untimed).toBe(0);
    expect(allowed.files[0].firstTime).toBe('1970-01-01T00:00:05.000Z');
  });

  it('refuses a range that is not two years in order', () => {
    const r = cli(['analyze', '--plausible-years=2030-1969', device]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--plausible-years needs two years such as 1969-2030/);
  });
});
