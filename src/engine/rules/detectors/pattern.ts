// The regular expression of a selector's "match", compiled once per source.
// A pattern the linear-time engine accepts runs on it (src/engine/user-pattern.ts):
// the rule loader refuses any user pattern it does not accept, so a user
// rule can never freeze the worker with a backtracking pattern such as
// `(a+)+$`, which JavaScript's RegExp would run for ever. Only built-in
// rules, written and tested by us, may use what it refuses (lookarounds);
// those fall back to the native engine.

import { compileUserPattern } from '../../user-pattern.ts';

const cache = new Map<string, (text: string) => boolean>();
const MAX_CACHED = 256;
/**
 * The patterns of the built-in rules (knowledge/rules/index.ts vets them at
 * load): written and tested by us, they run on the native engine, which tests
 * a long alternation against every row of a big log several times faster
 * than the linear-time one (role flapping's selector: ~200 ms of a 200 MB
 * log's analysis). A user rule that repeats one of them verbatim gets the
 * same, since the pattern itself is known to be safe.
 */
const vetted = new Set<string>();

export const isVetted = (source: string): boolean => vetted.has(source);

export function vetPatterns(sources: Iterable<string>): void {
  for (const source of sources) {
    vetted.add(source);
    cache.delete(source);
  }
}

export function selectorPattern(source: string): (text: string) => boolean {
  const hit = cache.get(source);
  if (hit) return hit;
  const r = vetted.has(source) ? null : compileUserPattern(source, { refuseEmptyMatch: false });
  let test: (text: string) => boolean;
  if (r?.ok) test = (text) => r.pattern.test(text);
  else {
    const re = new RegExp(source, 'i');
    test = (text) => re.test(text);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(source, test);
  return test;
}
