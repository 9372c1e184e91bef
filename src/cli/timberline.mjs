#!/usr/bin/env node
// The `timberline` command: runs the CLI bundled to JavaScript (see
// build.mjs), rebuilding it first only when a source file is newer, from V8's
// code cache when there is one (run-cached.mjs).
import { setFlagsFromString } from 'node:v8';
import { ensureBuilt } from './build.mjs';
import { loadCached } from './run-cached.mjs';

// V8 first compiles a regular expression to bytecode, then again to machine
// code on its second run. For the vocabulary's large case-insensitive
// patterns the bytecode step is the slower one (~25 ms of a one-line file's
// run, measured), and any file of more than a few lines pays both; straight to
// machine code, the patterns cost ~9 ms once. The flag is process-wide, so the
// worker threads inherit it; it only changes when patterns are compiled.
setFlagsFromString('--no-regexp-tier-up');

// A reader that stops early (`timberline analyze --json FILE | head`) closes the pipe: the rest of the
// output has nowhere to go, which is the reader's choice, not a failure, so leave quietly as other
// command-line tools do instead of printing a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw e;
});

const { exports, save } = loadCached(await ensureBuilt());
process.exitCode = await exports.main(process.argv.slice(2));
save();
// Once the output is out, leave at once: waiting for the event loop to drain
// and the heap to be torn down cost ~30-40 ms after a big file, with nothing
// left to do (the worker threads are stopped and the code cache is saved).
// The write callbacks fire only once what was written before them is flushed.
process.stdout.write('', () => process.stderr.write('', () => process.exit()));
