#!/usr/bin/env node
// The `timberline` command: runs the CLI bundled to JavaScript (see
// build.mjs), rebuilding it first only when a source file is newer.
import { ensureBuilt } from './build.mjs';

const { main } = await import(await ensureBuilt());
process.exitCode = await main(process.argv.slice(2));
