// Test runner settings: suites live under test/{unit,ui,kernel,e2e}; the test script picks which.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // a temporary directory of the run's own (TMPDIR, removed after; first, so the others are in
    // it); a lab image cache of the run's own, never the user's (CONTAINER_LAB_CACHE_DIR); a state
    // home (XDG_STATE_HOME) of the run's own, failing the run if a user's progress was written anyway
    globalSetup: ['test/support/tmpDir.ts', 'test/support/cacheDir.ts', 'test/support/stateHome.ts'],
    // each test file and each test: its own state home under the run's
    setupFiles: ['test/support/stateHomeEach.ts'],
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
