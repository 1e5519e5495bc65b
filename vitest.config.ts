import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: keep forks to that so CLI tests that spawn node do not starve.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
