// The one generator of the schemas' validators: compiles the config schema and the saved-plan
// schema into standalone validation code, so that every command loads ready functions instead of
// loading ajv's compiler and compiling schemas on each run (about a tenth of a second). Used by
// the build (compile-schema.mjs writes dist/) and by the tests (vitest.config.ts serves the same
// code straight from schemas/, so a schema edit is seen without a rebuild).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** The schema files the validators are made from. */
export const SCHEMA_FILES = ['roster.schema.json', 'plan.schema.json', 'changes.schema.json'].map(
  (name) => new URL(`../schemas/${name}`, import.meta.url),
);

const readSchema = (name) => JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8'));
const options = { strict: true, allowUnionTypes: true, code: { source: true, esm: true } };
// ajv's ESM output still calls require() for its runtime helpers (string length, deep equality).
export const REQUIRE_HEADER = `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n`;

/** Module path under src/ (and dist/) -> a function that generates its code from schemas/. */
export const VALIDATOR_MODULES = {
  // The config: every error at once; verbose, because the diagnostics read each error's
  // parentSchema to list the allowed fields.
  'config/schema-validators.js': () => {
    const config = readSchema('roster.schema.json');
    const ajv = new Ajv2020({ ...options, allErrors: true, verbose: true });
    ajv.addSchema(config);
    return (
      REQUIRE_HEADER + standaloneCode.default(ajv, { root: config.$id, fragment: `${config.$id}#/$defs/fragment` })
    );
  },
  // A saved plan, read back by `roster apply --plan`.
  'render/plan-validator.js': () => {
    const plan = readSchema('plan.schema.json');
    const ajv = new Ajv2020(options);
    ajv.addSchema(readSchema('changes.schema.json'));
    ajv.addSchema(plan);
    return REQUIRE_HEADER + standaloneCode.default(ajv, { plan: plan.$id });
  },
};
