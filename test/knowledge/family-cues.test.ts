// Family cues as data: the shipped file loads against its schema, each
// sample reaches its own entry through the whole ordered list (an earlier
// entry of another family must not take it), no entry matches its
// negatives, and a broken file is refused naming the entry.
import { describe, expect, it } from 'vitest';
import { CUE_FILE } from '../../src/engine/knowledge/catalog.ts';
import { cueOf, loadCues } from '../../src/engine/knowledge/load-cues.ts';
import { FAMILIES } from '../../src/engine/rules/types.ts';

const loaded = loadCues(CUE_FILE);

describe('built-in family cues', () => {
  it('load without a problem, one or more entries per family named', () => {
    expect(loaded.problems).toEqual([]);
    expect(loaded.cues.length).toBeGreaterThanOrEqual(15);
    for (const c of loaded.cues) expect(FAMILIES as readonly string[]).toContain(c.family);
  });

  it('give each sample its own entry through the whole list', () => {
    for (const c of loaded.cues) {
      for (const line of c.spec.samples) expect(cueOf(loaded.cues, line)?.family, `${c.family}: ${line}`).toBe(c.family);
    }
  });

  it('match none of their negatives', () => {
    for (const c of loaded.cues) {
      for (const n of c.spec.negatives) expect(c.re.test(n.text), `${c.family}: ${n.text} (${n.why})`).toBe(false);
    }
  });

  it('refuse an unknown family, a pattern that does not compile and a missing field, naming where', () => {
    const cue = { family: 'disk-full', reads: 'a full disk', pattern: 'no room', samples: ['no room'], negatives: [] };
    const bad = (over: object) => loadCues({ file: 'cues/x.json', data: { note: 'n', cues: [{ ...cue, ...over }] } }).problems.join('\n');
    expect(bad({ family: 'disk-fool' })).toMatch(/cues\[0\]\.family.*disk-fool/);
    expect(bad({ pattern: '(unclosed' })).toMatch(/cues\[0\]\.pattern/);
    expect(loadCues({ file: 'cues/x.json', data: { note: 'n', cues: [{ family: 'oom' }] } }).problems.join('\n')).toMatch(/reads|pattern|samples/);
  });
});
