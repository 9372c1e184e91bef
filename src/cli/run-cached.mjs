// Runs a bundle file of the CLI (CommonJS: the CLI, its worker thread)
// through V8's code cache: the first run compiles it and, once the command
// is done (so the functions it used are compiled too), saves the cache
// beside the bundle; later runs skip parsing
// and compiling most of the engine, which is most of a short run's time. V8
// checks the cache against the source and its own version and ignores a stale
// one; a cache that cannot be written (read-only install) costs nothing.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** Load `file` (CommonJS) from source plus cache; returns its exports and a function that saves the cache when it was missing or stale. */
export function loadCached(file) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(file, 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  const save = () => {
    if (!fresh) return;
    try {
      // Threads of one process may save at once (the CLI's worker threads): a name of its own per writer.
      const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only install runs without the cache.
    }
  };
  return { exports: module.exports, save };
}
