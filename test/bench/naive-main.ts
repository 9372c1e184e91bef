// The naive loop as a program of its own, so the CLI benchmark can start it as
// a fresh process exactly as it starts `timberline` (bundled to JS first).
import { naiveLoop } from './naive.ts';

const r = await naiveLoop(process.argv[2] ?? '');
process.stdout.write(`${r.lines} lines, ${r.parsed} parsed, ${r.timed} timed\n`);
