// The custom vocabulary in the store: a new entry is checked with a reason
// the user can act on; saved entries are read back as untrusted data (only
// what validates survives, nothing pollutes prototypes); entries from a share
// link are active but never saved unless the user keeps them.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { entryProblem, parseStoredVocabulary, serializeVocabulary, VOCABULARY_STORAGE_KEY, vocabularyKey } from '../../src/store/vocabulary-entries.ts';

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

describe('checking an entry', () => {
  it('explains why a pattern is refused', () => {
    expect(entryProblem('')).toMatch(/Type a regular expression/);
    expect(entryProblem('(')).toMatch(/not a valid regular expression/);
    expect(entryProblem('x*')).toMatch(/matches empty text/);
    expect(entryProblem('(a)\\1$')).toMatch(/uses a backreference/);
    // Nested quantifiers are fine now: user patterns run on a linear-time engine.
    expect(entryProblem('(a+)+$')).toBeNull();
    expect(entryProblem('y'.repeat(1001))).toMatch(/longer than/);
  });

  it('accepts a sound pattern and refuses the same entry twice', () => {
    expect(entryProblem('gave up waiting for upstream')).toBeNull();
    const existing = [{ kind: 'timeout' as const, pattern: 'gave up', note: '', samples: [] }];
    expect(entryProblem('gave up', existing, 'timeout', false)).toMatch(/already/);
    expect(entryProblem('gave up', existing, 'crash', false)).toBeNull();
  });
});

describe('saved entries', () => {
  it('read back what was saved', () => {
    const entries = [
      { kind: 'timeout' as const, pattern: 'gave up waiting', note: 'our proxy', samples: ['gave up waiting for a'] },
      { kind: 'op-end' as const, pattern: 'sync aborted', failed: true, note: '', samples: [] },
    ];
    expect(parseStoredVocabulary(serializeVocabulary(entries))).toEqual(entries);
  });

  it('drop whatever does not validate, and never touch prototypes', () => {
    const text = JSON.stringify({
      v: 1,
      entries: [
        { kind: 'plain', pattern: 'x', note: '' },
        { kind: 'crash', pattern: '(a)\\1', note: '' },
        { kind: 'crash', pattern: 42 },
        { kind: 'signal', pattern: 'SIGUSR2 received', note: 7 },
        { kind: 'timeout', pattern: 'ok one', note: '', samples: [1] },
        JSON.parse('{"__proto__": {"polluted": true}, "kind": "restart", "pattern": "respawned", "note": "n"}'),
        'nonsense',
        null,
      ],
    });
    const out = parseStoredVocabulary(text);
    expect(out).toEqual([{ kind: 'restart', pattern: 'respawned', note: 'n', samples: [] }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseStoredVocabulary('{"v":2,"entries":[]}')).toEqual([]);
    expect(parseStoredVocabulary('not json')).toEqual([]);
    expect(parseStoredVocabulary(null)).toEqual([]);
  });

  it('key only on what classifies: kind, failed, pattern', () => {
    const a = [{ kind: 'timeout' as const, pattern: 'p', note: 'one', samples: [] }];
    const b = [{ kind: 'timeout' as const, pattern: 'p', note: 'two', samples: ['s'] }];
    expect(vocabularyKey(a)).toBe(vocabularyKey(b));
    expect(vocabularyKey(a)).not.toBe(vocabularyKey([{ ...a[0], kind: 'crash' as const }]));
  });
});

describe('vocabulary slice', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    vi.stubGlobal('localStorage', storage);
    vi.resetModules();
  });

  async function freshStore() {
    return (await import('../../src/store/store.ts')).useStore;
  }

  it('starts from the saved entries and saves what the user adds or removes', async () => {
    storage.setItem(VOCABULARY_STORAGE_KEY, serializeVocabulary([{ kind: 'signal', pattern: 'SIGUSR2', note: '', samples: [] }]));
    const store = await freshStore();
    expect(store.getState().vocabulary.map((e) => [e.pattern, e.origin])).toEqual([['SIGUSR2', 'user']]);
    store.getState().addVocabularyEntry({ kind: 'timeout', pattern: 'gave up', note: '', samples: [] });
    expect(parseStoredVocabulary(storage.getItem(VOCABULARY_STORAGE_KEY)).map((e) => e.pattern)).toEqual(['SIGUSR2', 'gave up']);
    store.getState().removeVocabularyEntry(0);
    expect(parseStoredVocabulary(storage.getItem(VOCABULARY_STORAGE_KEY)).map((e) => e.pattern)).toEqual(['gave up']);
  });

  it('keeps link entries active but unsaved until the user keeps one', async () => {
    const store = await freshStore();
    store.getState().addVocabularyEntry({ kind: 'timeout', pattern: 'mine', note: '', samples: [] });
    store.getState().setLinkVocabulary([
      { kind: 'crash', pattern: 'theirs', note: 'from a colleague', samples: [] },
      { kind: 'timeout', pattern: 'mine', note: '', samples: [] },
    ]);
    expect(store.getState().vocabulary.map((e) => `${e.pattern}:${e.origin}`)).toEqual(['mine:user', 'theirs:link']);
    expect(parseStoredVocabulary(storage.getItem(VOCABULARY_STORAGE_KEY)).map((e) => e.pattern)).toEqual(['mine']);
    // A second link replaces the first link's entries.
    store.getState().setLinkVocabulary([{ kind: 'restart', pattern: 'other', note: '', samples: [] }]);
    expect(store.getState().vocabulary.map((e) => e.pattern)).toEqual(['mine', 'other']);
    store.getState().keepVocabularyEntry(1);
    expect(parseStoredVocabulary(storage.getItem(VOCABULARY_STORAGE_KEY)).map((e) => e.pattern)).toEqual(['mine', 'other']);
  });
});
