// Runs a bundle file of the CLI (CommonJS: the CLI, its worker thread)
// through V8's code cache: the first run compiles it and, once the command
// is done (so the functions it used are compiled too), saves the cache
// beside the bundle; later runs skip parsing
// and compiling most of the engine, which is most of a short run's time. V8
// checks the cache against the source and its own version and ignores a stale
// one; a cache that cannot be written (read-only install) costs nothing.
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * The bundle's text from its bytes. Node's UTF-8 decoding of the 1.3 MB
 * bundle cost ~20-30 ms (readFileSync(file, 'utf8'), even when every byte is
 * ASCII), Latin-1 ~0.1 ms; for ASCII the two read the same. The bundle is
 * ASCII but for a few characters esbuild leaves as they are (in regular
 * expressions and comments): those runs alone are decoded as UTF-8.
 */
export function sourceText(bytes) {
  const latin1 = bytes.latin1Slice(0, bytes.length);
  if (isAscii(bytes)) return latin1;
  let text = '';
  let from = 0;
  // A run of bytes from 0x80 up is whole UTF-8 characters: ASCII bytes never occur inside one.
  for (const m of latin1.matchAll(/[\x80-\xff]+/g)) {
    text += latin1.slice(from, m.index) + bytes.utf8Slice(m.index, m.index + m[0].length);
    from = m.index + m[0].length;
  }
  return text + latin1.slice(from);
}

/** Load `file` (CommonJS) from source plus cache; returns its exports and a function that saves the cache when it was missing or stale. */
export function loadCached(file) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = sourceText(readFileSync(file));
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
