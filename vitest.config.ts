import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The schemas' validators are generated at build time (npm test builds first); tests of the
    // sources use the generated modules.
    alias: [
      {
        find: /^\.\/schema-validators\.js$/,
        replacement: fileURLToPath(new URL('./dist/config/schema-validators.js', import.meta.url)),
      },
      {
        find: /^\.\/plan-validator\.js$/,
        replacement: fileURLToPath(new URL('./dist/render/plan-validator.js', import.meta.url)),
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
