// `npm run accuracy:split`: puts every case that has no half yet into one, at
// random, with the seed recorded in split.json. A case already in a half never
// moves (so a result seen on the checking half can never pull a case into the
// tuning half). New cases are shuffled per kind (incident / healthy) with a
// generator seeded from the recorded seed and their ids, then dealt so each
// half stays as even as possible within the kind: both halves keep holding
// incidents and healthy logs. `--seed N` is only for the very first split.
// `--to tuning` puts every new case in the tuning half instead: a gathering
// meant as material to learn from, for a tuner who has run out of cases. The
// checking half is never grown with cases a tuner has seen (nor ever shrunk),
// so it only ever holds cases dealt at random.

import { writeFileSync } from 'node:fs';
import { loadCases, readSplit, SPLIT_FILE, type Case, type Half, type Split } from './cases.ts';
import { rng } from '../fixtures/rng.ts';


/** FNV-1a of the text, mixed into the seed so a later batch gets its own draw. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Assigns the unassigned cases; returns the new split (existing entries untouched).
 * With `to`, every unassigned case goes to that half; only 'tuning' is allowed,
 * since a case dealt to checking by hand would no longer be a random draw.
 */
export function extendSplit(cases: Case[], split: Split, to?: Extract<Half, 'tuning'>): Split {
  const next: Split = { seed: split.seed, tuning: split.tuning.slice(), checking: split.checking.slice() };
  const assigned = new Set([...split.tuning, ...split.checking]);
  if (to === 'tuning') {
    next.tuning.push(...cases.filter((c) => !assigned.has(c.id)).map((c) => c.id));
    next.tuning.sort();
    return next;
  }
  for (const kind of ['incident', 'healthy'] as const) {
    const fresh = cases.filter((c) => c.verdict.kind === kind && !assigned.has(c.id)).map((c) => c.id).sort();
    if (!fresh.length) continue;
    const rand = rng(split.seed ^ hash(`${kind}:${fresh.join(',')}`));
    const ofKind = (ids: string[]) => ids.filter((id) => cases.find((c) => c.id === id)?.verdict.kind === kind).length;
    let t = ofKind(next.tuning);
    let k = ofKind(next.checking);
    for (const id of shuffle(fresh, rand)) {
      // The smaller half of this kind takes the next case; a tie is settled by the draw.
      const toTuning = t < k || (t === k && rand() < 0.5);
      if (toTuning) {
        next.tuning.push(id);
        t++;
      } else {
        next.checking.push(id);
        k++;
      }
    }
  }
  next.tuning.sort();
  next.checking.sort();
  return next;
}

function main(argv: string[]): void {
  const cases = loadCases();
  const seedAt = argv.indexOf('--seed');
  const toAt = argv.indexOf('--to');
  const to = toAt >= 0 ? argv[toAt + 1] : undefined;
  if (to !== undefined && to !== 'tuning') {
    throw new Error(`--to takes only "tuning" (got ${JSON.stringify(to)}): the checking half is only ever dealt at random`);
  }
  let split = readSplit();
  if (!split) {
    if (seedAt < 0) throw new Error('no split.json yet: give the first split a --seed (a random number, recorded in the file)');
    split = { seed: Number(argv[seedAt + 1]) >>> 0, tuning: [], checking: [] };
  } else if (seedAt >= 0) {
    throw new Error('split.json already has its seed; the split is never redone');
  }
  const gone = [...split.tuning, ...split.checking].filter((id) => !cases.some((c) => c.id === id));
  if (gone.length) throw new Error(`split.json names cases that do not exist: ${gone.join(', ')}`);
  const next = extendSplit(cases, split, to);
  const added = next.tuning.length + next.checking.length - split.tuning.length - split.checking.length;
  writeFileSync(SPLIT_FILE, JSON.stringify(next, null, 2) + '\n');
  process.stdout.write(`split.json: ${added} new case(s) placed${to ? ' (all in tuning)' : ''}; tuning ${next.tuning.length}, checking ${next.checking.length} (seed ${next.seed})\n`);
}

if (process.argv[1]?.endsWith('split.ts')) main(process.argv.slice(2));
