// Test runner settings: suites live under test/{unit,ui,kernel,e2e}; the test script picks which.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // a lab image cache of the run's own, never the user's (CONTAINER_LAB_CACHE_DIR)
    globalSetup: ['test/support/cacheDir.ts'],
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
