#!/usr/bin/env node
// The `timberline` command. Registers tsx's loader so the TypeScript engine
// runs straight from src/ after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
