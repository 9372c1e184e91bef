// The rule registry: every rule file under this folder, listed once and
// sorted by id. An explicit list (not import.meta.glob) so the same module
// works in the Vite worker, the CLI under tsx and Node tests; the test
// test/analysis/rule-registry.test.ts fails when a rule file exists that is
// not listed here, which keeps "found automatically" true in practice.
// Files starting with "_" (the skeleton) are examples, not rules.

import type { Rule } from './types.ts';
import { crash } from './crash.ts';
import { errorBurst } from './error-burst.ts';
import { errorBurstAfterDeploy } from './error-burst-after-deploy.ts';
import { operationNeverFinished } from './operation-never-finished.ts';
import { periodicFreeze } from './periodic-freeze.ts';
import { restartLoop } from './restart-loop.ts';
import { stallAfterReload } from './stall-after-reload.ts';

export const RULES: readonly Rule[] = [
  crash,
  errorBurst,
  errorBurstAfterDeploy,
  operationNeverFinished,
  periodicFreeze,
  restartLoop,
  stallAfterReload,
].sort((a, b) => a.id.localeCompare(b.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
