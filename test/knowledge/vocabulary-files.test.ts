// One harness for every vocabulary file: it loads without a problem, each
// classifying entry classifies its samples as its kind (through the whole
// vocabulary, so an earlier entry stealing them fails too) and gives its
// look-alikes the kind they declare; each word class and fragment matches its
// samples and none of its negatives. The loader's errors name file and path.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/engine/classify/classifier.ts';
import { VOCABULARY_FILES } from '../../src/engine/knowledge/catalog.ts';
import { builtinVocabulary, vocabularyClass } from '../../src/engine/knowledge/index.ts';
import { loadVocabulary } from '../../src/engine/knowledge/load-vocabulary.ts';
import { formatProblem } from '../../src/engine/knowledge/validate.ts';
import { Flag, KIND_NAMES } from '../../src/engine/model/kinds.ts';

const classify = createClassifier();
const kindOf = (text: string, extra = '') => {
  const c = classify(text, extra);
  return { kind: KIND_NAMES[c.kind], failed: (c.flags & Flag.failed) !== 0 };
};
const kinds = [...builtinVocabulary().byName.values()];

describe('vocabulary files', () => {
  it('lists every file of the folder in the catalog, and loads them without a problem', () => {
    const onDisk = readdirSync(new URL('../../src/engine/knowledge/vocabulary/', import.meta.url)).filter((f) => f.endsWith('.json')).sort();
    expect(VOCABULARY_FILES.map((f) => f.file.replace('vocabulary/', '')).sort()).toEqual(onDisk);
    expect(loadVocabulary(VOCABULARY_FILES).problems.map(formatProblem)).toEqual([]);
  });

  it.each(kinds.filter((k) => k.spec.classifies).map((k) => [k.spec.name, k] as const))('%s classifies its samples and not its look-alikes', (_, k) => {
    const want = { kind: k.spec.classifies, failed: !!k.spec.failed };
    for (const s of k.spec.samples) {
      expect(k.re.test(s), `own pattern on "${s}"`).toBe(true);
      expect(kindOf(s), `"${s}"`).toEqual(want);
    }
    for (const s of k.spec.fieldSamples ?? []) expect(kindOf(s.text, s.extra), `"${s.text}" + "${s.extra}"`).toEqual(want);
    for (const n of k.spec.negatives) expect(kindOf(n.text, n.extra), `"${n.text}": ${n.why}`).toEqual({ kind: n.kind ?? 'plain', failed: !!n.failed });
  });

  it.each(kinds.filter((k) => !k.spec.classifies).map((k) => [k.spec.name, k] as const))('word class %s matches its samples and none of its negatives', (_, k) => {
    for (const s of k.spec.samples) expect(k.re.test(s), `"${s}"`).toBe(true);
    for (const n of k.spec.negatives) expect(k.re.test(n.text), `"${n.text}": ${n.why}`).toBe(false);
  });

  it('gives rules their word lists by name, and refuses an unknown name', () => {
    expect(vocabularyClass('deploy').test('deployed version 2.4.1')).toBe(true);
    expect(vocabularyClass('shutdown').test('received SIGHUP')).toBe(false);
    expect(() => vocabularyClass('no-such-kind')).toThrow(/unknown vocabulary kind/);
  });

  it('reports a broken file with its name and the path of the mistake', () => {
    const { problems } = loadVocabulary([
      { file: 'vocabulary/bad.json', data: { name: 'bad', classifies: 'crashes', note: 'x', pattern: ['ok', ''], samples: [], negatives: [{ text: 'y' }] } },
      { file: 'vocabulary/broken-re.json', data: { name: 'broken-re', note: 'x', pattern: '(unclosed', samples: ['a'], negatives: [] } },
      { file: 'vocabulary/inc.json', data: { name: 'inc', note: 'x', pattern: 'a {{nope}}', samples: ['a'], negatives: [] } },
    ]);
    const text = problems.map(formatProblem);
    expect(text).toContain('vocabulary/bad.json: $.classifies must be one of "signal", "op-start", "op-end", "timeout", "health-fail", "restart", "crash", found "crashes"');
    expect(text).toContain('vocabulary/bad.json: $.pattern[1] must not be empty');
    expect(text).toContain('vocabulary/bad.json: $.samples must have at least 1 item');
    expect(text).toContain('vocabulary/bad.json: $.negatives[0] is missing required property "why"');
    expect(text.some((t) => t.startsWith('vocabulary/broken-re.json: $.pattern is not a valid regular expression'))).toBe(true);
    expect(text).toContain('vocabulary/inc.json: $.pattern includes {{nope}}, which is not a fragment');
  });
});
