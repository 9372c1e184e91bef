#!/usr/bin/env node
// The `timberline` command: runs the CLI bundled to JavaScript (see
// build.mjs), rebuilding it first only when a source file is newer, from V8's
// code cache when there is one (run-cached.mjs).
import { ensureBuilt } from './build.mjs';
import { loadCached } from './run-cached.mjs';

const { exports, save } = loadCached(await ensureBuilt());
process.exitCode = await exports.main(process.argv.slice(2));
save();
