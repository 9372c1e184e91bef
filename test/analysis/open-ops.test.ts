// The open operations' queues (marks/open-ops.ts) must close the same
// operation, for every end, as the walk over the list of open operations
// they replace: on random runs of starts and ends with identifiers from
// fields or text, families or none, and a cap that forgets the oldest.
import { describe, expect, it } from 'vitest';
import { OpenOps, type OpenOp } from '../../src/engine/marks/open-ops.ts';
import { rng } from './dialects.ts';

interface Op extends OpenOp {
  id: number;
}

/** The plain definition: a list in order of arrival, searched front to back (back to front for an end with no family). */
class ListReference {
  readonly open: Op[] = [];
  constructor(private readonly cap: number) {}

  add(op: Op): void {
    this.open.push(op);
    if (this.open.length > this.cap) this.open.shift();
  }

  find(key: string, family: string, fieldKey: boolean): Op | undefined {
    const open = this.open;
    if (key) {
      const i = open.findIndex((o) => o.key === key && (!family || o.family === family));
      if (i >= 0) return open[i];
    }
    const other = (o: Op) => fieldKey && o.fieldKey && o.key !== key;
    if (family) {
      const i = open.findIndex((o) => o.family === family && (!key || !o.key));
      if (i >= 0) return open[i];
      return open.find((o) => o.family === family && !other(o));
    }
    for (let i = open.length - 1; i >= 0; i--) if (!other(open[i])) return open[i];
    return undefined;
  }

  remove(op: Op): void {
    const i = this.open.indexOf(op);
    if (i >= 0) this.open.splice(i, 1);
  }
}

describe('open operations', () => {
  it.each([
    [3, 0],
    [20, 0],
    [20, 6],
    [1000, 0],
    [1000, 32],
  ])('close the same operation as the walk over the list, on random starts and ends (cap %i, queues past %i open)', (cap, listMax) => {
    const r = rng(cap + listMax);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const keys = ['', '', 'a.example.com', 'b.example.com', 'job-7', 'db'];
    const families = ['', 'certificate', 'backup', 'template 3', 'template 9'];
    let closed = 0;
    let evicted = 0;
    for (let run = 0; run < 40; run++) {
      const ref = new ListReference(cap);
      const ops = new OpenOps<Op>(cap, listMax);
      let id = 0;
      for (let step = 0; step < 400; step++) {
        expect(ops.last()?.id).toBe(ref.open[ref.open.length - 1]?.id);
        const key = pick(keys);
        const fieldKey = key !== '' && r() < 0.4;
        if (r() < 0.55) {
          const op: Op = { id: id++, key, family: pick(families) || 'template 1', fieldKey };
          if (ref.open.length === cap) evicted++;
          ref.add(op);
          ops.add(op);
          continue;
        }
        const family = pick(families);
        const want = ref.find(key, family, fieldKey);
        const got = ops.find(key, family, fieldKey);
        if (got?.id !== want?.id) expect({ step, key, family, fieldKey, got: got?.id }).toEqual({ step, key, family, fieldKey, got: want?.id });
        if (want) {
          closed++;
          ref.remove(want);
          ops.remove(want);
        }
      }
    }
    // The comparison means something only if ends found starts, and (with a small cap) starts were forgotten.
    expect(closed).toBeGreaterThan(2000);
    if (cap < 100) expect(evicted).toBeGreaterThan(100);
  });

  it('closes a field-keyed renewal only with its own end, and an end with no identifier with the newest', () => {
    const ops = new OpenOps<Op>(10, 0);
    const a: Op = { id: 1, key: 'a.example.com', family: 'certificate', fieldKey: true };
    const b: Op = { id: 2, key: 'b.example.com', family: 'certificate', fieldKey: true };
    const job: Op = { id: 3, key: '', family: 'job', fieldKey: false };
    ops.add(a);
    ops.add(b);
    ops.add(job);
    expect(ops.find('b.example.com', 'certificate', true)).toBe(b);
    expect(ops.find('c.example.com', 'certificate', true)).toBeUndefined();
    expect(ops.find('', '', false)).toBe(job);
    ops.remove(job);
    expect(ops.find('', '', false)).toBe(b);
    expect(ops.last()).toBe(b);
  });
});
