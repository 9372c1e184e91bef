// The user's rule files read back from localStorage as untrusted: only files
// that still load survive, names and texts are capped, duplicates and
// extras are dropped, and junk never throws.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RULE_FILES, parseStoredRules, specsOf } from '../../src/store/rule-files.ts';

const text = readFileSync(join(import.meta.dirname, '../fixtures/rules/slow-upstream.json'), 'utf8');
const stored = (files: unknown) => JSON.stringify({ v: 1, files });

describe('stored rule files', () => {
  it('keep only files that load', () => {
    const back = parseStoredRules(stored([
      { name: 'good.json', text },
      { name: 'unsafe.json', text: text.replace('"upstream responded slowly"', '"(?=x)y"') },
      { name: 'broken.json', text: '{ "id": ' },
      { name: 'x'.repeat(500), text },
      { name: 'good.json', text },
      { name: 'not-text.json', text: 42 },
      'junk',
    ]));
    expect(back).toEqual([{ name: 'good.json', text }]);
    expect(specsOf(back).map((s) => s.id)).toEqual(['slow-upstream']);
  });

  it('cap the number of files and survive junk', () => {
    const many = Array.from({ length: MAX_RULE_FILES + 5 }, (_, i) => ({ name: `r${i}.json`, text }));
    expect(parseStoredRules(stored(many))).toHaveLength(MAX_RULE_FILES);
    for (const junk of [null, '', 'not json', '{"v":2,"files":[]}', '{"v":1,"files":{}}', '[]']) expect(parseStoredRules(junk)).toEqual([]);
  });
});
