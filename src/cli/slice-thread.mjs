// Entry of a Node worker thread that parses slices of big files (parallel
// ingest in the CLI and the benchmark). Registers tsx first, as the
// `timberline` bin does, so the TypeScript engine runs without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./slice-thread.ts');
