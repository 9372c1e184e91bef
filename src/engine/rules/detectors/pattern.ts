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

export function selectorPattern(source: string): (text: string) => boolean {
  const hit = cache.get(source);
  if (hit) return hit;
  const r = compileUserPattern(source, { refuseEmptyMatch: false });
  let test: (text: string) => boolean;
  if (r.ok) test = (text) => r.pattern.test(text);
  else {
    const re = new RegExp(source, 'i');
    test = (text) => re.test(text);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(source, test);
  return test;
}
