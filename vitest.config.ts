import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Tests start real servers and SQLite files; two workers fit the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
  },
});
