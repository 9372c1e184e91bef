// What the browser costs the machine, read from /proc: resident memory and CPU
// time of every Chromium process this test process started (the page, its
// workers run as threads inside it). The hostile-input tests use it to assert
// that a gzip bomb stays under a memory ceiling and that a cancelled load
// stops using the CPU, which no in-page timer can see.

import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  parent: number;
  rssKb: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
}

function processes(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(d), {
        parent: Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0),
        rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
        cpuTicks: Number(f[11]) + Number(f[12]),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function mine(): Proc[] {
  const all = processes();
  const ours = (pid: number): boolean => {
    for (let p = all.get(pid)?.parent; p; p = all.get(p)?.parent) if (p === process.pid) return true;
    return false;
  };
  return [...all].filter(([pid]) => ours(pid)).map(([, p]) => p);
}

/** Resident memory of the browser's processes (KiB). */
export function chromiumRssKb(): number {
  return mine().reduce((a, p) => a + p.rssKb, 0);
}

/** CPU time used so far by the browser's processes, in ms (clock ticks are 10 ms on Linux). */
export function chromiumCpuMs(): number {
  return mine().reduce((a, p) => a + p.cpuTicks, 0) * 10;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Milliseconds from `since` (Date.now()) until the browser goes quiet: the
 * first 200 ms window in which it used under a quarter of one core. A worker
 * still inflating or parsing keeps a core busy; Infinity after `maxMs`.
 */
export async function msUntilCpuIdle(since: number, maxMs = 10_000): Promise<number> {
  const windowMs = 200;
  let before = chromiumCpuMs();
  let start = Date.now();
  while (Date.now() - since < maxMs) {
    await sleep(windowMs);
    const now = Date.now();
    const used = chromiumCpuMs() - before;
    if (used < (now - start) / 4) return start - since;
    before = chromiumCpuMs();
    start = Date.now();
  }
  return Infinity;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
