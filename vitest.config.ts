// Test runner settings: suites live under test/{unit,ui,kernel,e2e}; the test script picks which.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
