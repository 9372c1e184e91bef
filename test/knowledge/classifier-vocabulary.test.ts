// The vocabulary is data with samples: every entry must classify the lines it
// was written for, and the look-alikes in NEGATIVE_SAMPLES must not match.
import { describe, expect, it } from 'vitest';
import { compileVocabulary, createClassifier } from '../../src/engine/classify/classifier.ts';
import { BUILTIN_VOCABULARY, NEGATIVE_SAMPLES } from '../../src/engine/classify/vocabulary.ts';
import { Flag, KIND_NAMES } from '../../src/engine/model/kinds.ts';

const classify = createClassifier();
const name = (message: string, extra = '') => {
  const c = classify(message, extra);
  return { kind: KIND_NAMES[c.kind], failed: (c.flags & Flag.failed) !== 0 };
};

describe('classification vocabulary', () => {
  it('gives every entry at least one sample', () => {
    for (const e of BUILTIN_VOCABULARY) expect(e.samples.length + (e.fieldSamples?.length ?? 0), e.note).toBeGreaterThan(0);
  });

  BUILTIN_VOCABULARY.forEach((e, i) => {
    it(`classifies the samples of entry ${i} (${e.kind}${e.failed ? ', failed' : ''})`, () => {
      const [own] = compileVocabulary([e]);
      const all: [string, string][] = [...e.samples.map((s): [string, string] => [s, '']), ...(e.fieldSamples ?? [])];
      for (const [message, extra] of all) {
        expect(own.re.test(extra ? `${message} ${extra}` : message), `entry ${i} pattern on "${message}"`).toBe(true);
        expect(name(message, extra), `"${message}" ${extra}`).toEqual({ kind: e.kind, failed: !!e.failed });
      }
    });
  });

  it.each(NEGATIVE_SAMPLES)('does not over-match: "$message"', (n) => {
    expect(name(n.message, n.extra)).toEqual({ kind: n.kind, failed: !!n.failed });
  });

  it('reads the deciding words from fields, not only the message', () => {
    expect(name('Failed to connect to upstream', 'context canceled').kind).toBe('timeout');
    expect(name('request finished', 'context deadline exceeded').kind).toBe('timeout');
    expect(name('request finished', '').kind).toBe('plain');
  });

  it('lets user entries extend and override the built-ins', () => {
    const custom = createClassifier([
      { kind: 'signal', pattern: 'topology change applied', note: 'custom reload', samples: ['topology change applied'] },
      { kind: 'crash', pattern: '^(unclosed', note: 'a broken user pattern is skipped, not fatal', samples: [] },
      { kind: 'op-start', pattern: 'started processing request', note: 'user override', samples: ['started processing request'] },
    ]);
    expect(KIND_NAMES[custom('topology change applied v12', '').kind]).toBe('signal');
    expect(KIND_NAMES[custom('started processing request', '').kind]).toBe('op-start');
    expect(KIND_NAMES[custom('fatal error: concurrent map writes', '').kind]).toBe('crash');
  });
});
