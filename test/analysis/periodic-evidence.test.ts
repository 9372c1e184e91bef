// A periodic freeze is explained by the evidence in the logs, not by one
// canned story: a supervisor killing a child that went silent while alive
// ranks the blocked-output (unread pipe) mechanism first, a gunicorn arbiter
// killing hung workers ranks the hung worker first and leaves the pipe story
// unranked as likely; crashes that recur (segfaults hours apart) rank a
// recurring fault first, as a process that died did not freeze; a pipe-fill
// rate is only ever a labelled what-if.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gunicornWorkerTimeout } from '../fixtures/incidents/unseen-dialects.ts';
import { analyzeLogs } from './dialects.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/families');

const SAMPLE = join(import.meta.dirname, '../../public/samples/periodic-freeze');

async function freeze(files: { name: string; text: string }[]) {
  const r = await analyzeLogs(files);
  const f = r.analysis.findings.find((x) => x.rule === 'periodic-freeze');
  if (!f) throw new Error(`no periodic-freeze finding; got ${r.analysis.findings.map((x) => x.rule).join(', ')}`);
  return f;
}

describe('periodic-freeze explanations', () => {
  it('a child silent while alive, killed by its supervisor: blocked output is likely, with the evidence that says so', async () => {
    const files = readdirSync(SAMPLE).filter((n) => n.endsWith('.log')).map((name) => ({ name, text: readFileSync(join(SAMPLE, name), 'utf8') }));
    const f = await freeze(files);
    expect(f.family).toBe('periodic-freeze');
    const top = f.hypotheses?.[0];
    expect(top?.id).toBe('output-blocked');
    expect(top?.likelihood).toBe('likely');
    expect(top?.supports.map((s) => s.text).join(' ')).toMatch(/went silent around \d+ of the \d+ episodes/);
    expect(f.hypotheses?.find((h) => h.id === 'scheduled-job')?.likelihood).toBe('unlikely');
    // The fill rate is derived from the period alone: labelled, never stated as measured.
    expect(f.whatIf?.[0]).toMatch(/^What-if, not measured/);
    expect(f.detail).not.toMatch(/At ~\d+ B\/s of child output/);
  });

  it('a gunicorn arbiter killing hung workers: the hung worker is likely and the pipe story is not', async () => {
    const f = await freeze(gunicornWorkerTimeout());
    const byId = new Map(f.hypotheses?.map((h) => [h.id, h]));
    expect(f.hypotheses?.[0].id).toBe('hung-worker');
    expect(byId.get('hung-worker')?.likelihood).toBe('likely');
    expect(byId.get('hung-worker')?.supports[0].text).toMatch(/WORKER TIMEOUT/);
    expect(['possible', 'unlikely', 'open']).toContain(byId.get('output-blocked')?.likelihood);
    expect(byId.get('output-blocked')?.against.map((a) => a.text).join(' ')).toMatch(/hung/);
    // "Perhaps out of memory?" on every SIGKILL is gunicorn's stock wording, not a measurement.
    expect(byId.get('resource-growth')?.likelihood).toBe('open');
    expect(f.detail).toMatch(/1\. \[likely\] A worker or request hangs/);
  });

  it('children that die on SIGSEGV hours apart: a recurring fault is likely, the unread pipe unlikely and no fill rate is offered', async () => {
    const name = 'segfault--php-fpm-children-sigsegv-hours-apart.log';
    const f = await freeze([{ name, text: readFileSync(join(FIXTURES, name), 'utf8') }]);
    const byId = new Map(f.hypotheses?.map((h) => [h.id, h]));
    expect(f.hypotheses?.[0].id).toBe('recurring-fault');
    expect(byId.get('recurring-fault')?.supports[0].text).toMatch(/crashes \(the process died: .*signal 11/);
    expect(byId.get('output-blocked')?.likelihood).toBe('unlikely');
    expect(byId.get('output-blocked')?.against.map((a) => a.text).join(' ')).toMatch(/not freezes/);
    expect(f.whatIf ?? []).toEqual([]);
    expect(f.detail).not.toMatch(/something filling up at a rate/);
  });
});
