import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The config schema's validators are generated at build time (npm test builds first); tests of
    // the sources use the generated module.
    alias: [
      {
        find: /^\.\/schema-validators\.js$/,
        replacement: fileURLToPath(new URL('./dist/config/schema-validators.js', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Tests start real servers and SQLite files; two workers fit the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
  },
});
