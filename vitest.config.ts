import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import { SCHEMA_FILES, VALIDATOR_MODULES } from './scripts/schema-validators.mjs';

const SRC = fileURLToPath(new URL('./src/', import.meta.url));
/** The test files that replace a module with vi.mock. */
export const ISOLATED = ['test/cli/apply-progress.test.ts'];

/**
 * The schemas' validators are generated code (dist/ has them after a build). Tests must see the
 * schemas as they are now, not as they were at the last build: this serves the modules that the
 * sources import (./schema-validators.js, ./plan-validator.js) from the same generator, run on
 * schemas/ when vitest loads them.
 */
const schemaValidators: Plugin = {
  name: 'roster-schema-validators',
  enforce: 'pre',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const path = resolve(dirname(importer), source);
    return Object.hasOwn(VALIDATOR_MODULES, relative(SRC, path)) ? path : null;
  },
  load(id) {
    const generate = VALIDATOR_MODULES[relative(SRC, id)];
    if (!Object.hasOwn(VALIDATOR_MODULES, relative(SRC, id)) || !generate) return null;
    for (const schema of SCHEMA_FILES) this.addWatchFile(fileURLToPath(schema));
    return generate();
  },
};

export default defineConfig({
  plugins: [schemaValidators],
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // Tests start real servers and SQLite files; two workers fit the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        // A worker runs one file after another in the same process: starting a process and loading
        // the sources afresh for each file cost more CPU than most files' tests (test/server: 54 s
        // of CPU isolated, 21 s shared). Each file makes its own temporary folders and servers, so
        // none sees another's state.
        extends: true,
        test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: ISOLATED },
      },
      // A file that replaces a module (vi.mock) gets a fresh process: the replacement must
      // neither miss modules other files loaded before it nor reach the files run after it.
      { extends: true, test: { name: 'isolated', isolate: true, include: ISOLATED } },
    ],
  },
});
