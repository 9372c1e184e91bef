// Entry of a Node worker thread that parses slices of big files (parallel
// ingest in the CLI run from source, in tests and in the benchmark).
// Registers tsx first, so the TypeScript engine runs without a build step;
// the bundled CLI starts dist-cli/slice-thread.mjs instead (build.mjs).
import { register } from 'tsx/esm/api';

register();
const { serve } = await import('./slice-thread.ts');
serve();
