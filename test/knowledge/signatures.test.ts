// The failure signatures as data: every file of the folder is listed and
// loads (each entry's samples match it and its negatives do not, checked by
// the loader), the families are all covered, a catalogue entry's
// samples reach its family through the whole list, and a broken entry is
// refused by name.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/engine/knowledge/index.ts';
import { loadSignatures } from '../../src/engine/knowledge/load-signatures.ts';
import { SIGNATURE_FILES } from '../../src/engine/knowledge/catalog.ts';

const entry = { id: 'x-fail', family: 'disk-full', title: 'Something filled', match: 'volume full', samples: ['volume full'], negatives: ['volume fine'], hypotheses: [{ id: 'h', statement: 'It grew.', check: 'df -h' }], next: 'df -h' };

describe('built-in failure signatures', () => {
  it('list every file of the folder in the catalog', () => {
    const onDisk = readdirSync(new URL('../../src/engine/knowledge/signatures/', import.meta.url)).filter((f) => f.endsWith('.json')).sort();
    expect(SIGNATURE_FILES.map((f) => f.file.replace('signatures/', '')).sort()).toEqual(onDisk);
  });

  it('give each sample of a reference-catalogue entry its family through the whole list (an earlier entry of another family must not take it)', () => {
    const all = builtinSignatures();
    const catalogue = SIGNATURE_FILES.filter((f) => f.file.startsWith('signatures/catalogue-')).flatMap((f) => (f.data as { signatures: { id: string }[] }).signatures.map((e) => e.id));
    expect(catalogue.length).toBeGreaterThan(40);
    for (const id of catalogue) {
      const sig = all.find((x) => x.spec.id === id)!;
      for (const line of sig.spec.samples) expect(all.find((x) => x.re.test(line))?.family, `${id}: ${line}`).toBe(sig.family);
    }
  });

  it('load without a problem, at least 40 of them with unique ids', () => {
    const r = loadSignatures(SIGNATURE_FILES.map((f) => ({ name: f.file, data: f.data })));
    expect(r.problems).toEqual([]);
    expect(r.signatures.length).toBeGreaterThanOrEqual(40);
    expect(new Set(r.signatures.map((s) => s.spec.id)).size).toBe(r.signatures.length);
  });

  it('cover every family of failure a responder meets most', () => {
    const families = new Set(builtinSignatures().map((s) => s.family));
    for (const f of ['oom', 'fd-exhaustion', 'disk-full', 'io-error', 'connection-refused', 'connection-reset', 'upstream-5xx', 'dns-failure', 'tls-failure', 'acme-failure', 'probe-failure', 'watchdog-kill', 'worker-timeout', 'pool-exhaustion', 'db-unreachable', 'db-starting', 'lock-wait', 'deadlock', 'leader-election-lost', 'restart-limit', 'segfault', 'permission-denied', 'config-error', 'replication-failure'] as const) {
      expect(families, f).toContain(f);
    }
  });

  it('name the mechanism from the failure line itself in most families, each such pattern with a line it names and a look-alike', () => {
    const says = builtinSignatures().flatMap((s) => s.hypotheses.filter((h) => h.says).map((h) => ({ id: `${s.spec.id}/${h.spec.id}`, h: h.spec })));
    expect(says.length).toBeGreaterThanOrEqual(40);
    for (const { id, h } of says) {
      expect(h.saysSamples?.length, id).toBeGreaterThan(0);
      expect(h.saysNegatives?.length, id).toBeGreaterThan(0);
    }
  });

  it('each carry a look-alike that must not match', () => {
    for (const s of builtinSignatures()) expect(s.spec.negatives.length, s.spec.id).toBeGreaterThan(0);
  });

  it('give a line to a product\'s own signature before a generic one it quotes', () => {
    const first = (line: string) => builtinSignatures().find((s) => s.re.test(line))?.spec.id;
    expect(first('Server web/web1 is DOWN, reason: Layer4 connection problem, info: "Connection refused"')).toBe('backend-down');
    expect(first('upstream connect error or disconnect/reset before headers. reset reason: overflow')).toBe('envoy-overflow');
    expect(first("Slave I/O for channel '': error connecting to master 'repl@10.0.0.1:3306' - Can't connect to MySQL server on '10.0.0.1:3306' (110)")).toBe('mysql-replica-io');
    expect(first('Aborted (core dumped)')).not.toBe('segfault');
  });
});

describe('a broken signature file', () => {
  const problems = (e: object) => loadSignatures([{ name: 'mine.json', data: { signatures: [{ ...entry, ...e }] } }]).problems;

  it('is refused when a sample does not match, naming the entry', () => {
    expect(problems({ samples: ['disk almost full'] })).toEqual(['mine.json x-fail: does not match its sample "disk almost full"']);
  });

  it('is refused when a negative matches, or the family is unknown', () => {
    expect(problems({ negatives: ['volume full again'] })[0]).toMatch(/matches its negative/);
    expect(problems({ family: 'bad-luck' })[0]).toMatch(/unknown family "bad-luck"/);
  });

  it('is refused when a says pattern misses the line it names, or names its look-alike', () => {
    const h = { id: 'h', statement: 'It grew.', check: 'df -h', says: 'inodes', saysSamples: ['volume full: out of inodes'], saysNegatives: ['volume full: out of bytes'] };
    expect(problems({ hypotheses: [h] })).toEqual([]);
    expect(problems({ hypotheses: [{ ...h, saysSamples: ['volume full: no bytes left'] }] })).toEqual(['mine.json x-fail: hypothesis h says does not match its sample "volume full: no bytes left"']);
    expect(problems({ hypotheses: [{ ...h, saysNegatives: ['volume full: inodes fine'] }] })[0]).toMatch(/says matches its negative/);
  });

  it('is refused when it says one line is the incident and also that one line is routine', () => {
    expect(problems({ decisive: true, routineOnce: true })).toEqual(['mine.json x-fail: a signature cannot be both decisive and routine once']);
  });
});
