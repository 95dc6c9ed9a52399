import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import { SCHEMA_FILES, VALIDATOR_MODULES } from './scripts/schema-validators.mjs';

const SRC = fileURLToPath(new URL('./src/', import.meta.url));

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
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // Tests start real servers and SQLite files; two workers fit the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
  },
});
