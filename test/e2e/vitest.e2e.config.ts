// End-to-end tests: Debian's Chromium driven by playwright-core against the
// production build served from a sub-path (see harness/global-setup.ts).
// Files run one after another: each opens one browser, and the machine has
// two cores shared with the build.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
