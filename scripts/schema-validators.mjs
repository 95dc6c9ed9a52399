// The one generator of the schemas' validators: compiles the config schema, the saved-plan schema
// and the workspace API's answers (schemas/workspace-api.yaml) into standalone validation code, so that every command loads ready functions instead of
// loading ajv's compiler and compiling schemas on each run (about a tenth of a second). Used by
// the build (compile-schema.mjs writes dist/) and by the tests (vitest.config.ts serves the same
// code straight from schemas/, so a schema edit is seen without a rebuild).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';

/** The schema files the validators are made from. */
export const SCHEMA_FILES = ['roster.schema.json', 'plan.schema.json', 'changes.schema.json', 'workspace-api.yaml'].map(
  (name) => new URL(`../schemas/${name}`, import.meta.url),
);

const readSchema = (name) => JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8'));
/** The id the API description's component schemas are known by to ajv, as `${API_ID}#/$defs/Name`. */
export const API_ID = 'urn:roster:workspace-api';

/**
 * A schema of schemas/workspace-api.yaml with its $refs made absolute for ajv: a component
 * (#/components/schemas/X) becomes a $def of API_ID, and a file beside the description
 * (changes.schema.json#/$defs/role) is named by its $id, which `fileId` gives (and registers).
 */
export function apiSchemaForAjv(node, fileId) {
  if (Array.isArray(node)) return node.map((item) => apiSchemaForAjv(item, fileId));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([name, value]) => {
      if (name !== '$ref' || typeof value !== 'string') return [name, apiSchemaForAjv(value, fileId)];
      if (value.startsWith('#/components/schemas/')) {
        return [name, `${API_ID}#/$defs/${value.slice('#/components/schemas/'.length)}`];
      }
      if (value.startsWith('#')) throw new Error(`the API description's $ref ${value} cannot be followed`);
      const [file, fragment = ''] = value.split('#');
      return [name, `${fileId(file)}#${fragment}`];
    }),
  );
}

/** A schema that admits properties it does not name, wherever it said `additionalProperties: false`. */
function withNewFields(node) {
  if (Array.isArray(node)) return node.map(withNewFields);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([name, value]) => !(name === 'additionalProperties' && value === false))
      .map(([name, value]) => [name, withNewFields(value)]),
  );
}

/** The answers the http provider reads, by export name -> component schema of the description. */
const API_ANSWERS = {
  state: 'StateDocument',
  batchResult: 'BatchResult',
  auditPage: 'AuditPage',
  memberPage: 'MemberPage',
  keyPage: 'KeyPage',
  grantUsePage: 'GrantUsePage',
  error: 'Error',
};

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
  // The workspace server's answers, as the API description it publishes says: the http provider
  // checks each before it uses it. allErrors off: the first misfit is enough to name. A field the
  // description does not name is let through (a newer server may add one; roster reads only the
  // fields it knows), while every field it names must be there with its type.
  'providers/http/api-validators.js': () => {
    const api = parse(readFileSync(new URL('../schemas/workspace-api.yaml', import.meta.url), 'utf8'));
    const ajv = new Ajv2020(options);
    const fileId = (file) => {
      const schema = readSchema(file);
      if (!ajv.getSchema(schema.$id)) ajv.addSchema(withNewFields(schema));
      return schema.$id;
    };
    ajv.addSchema({ $id: API_ID, $defs: withNewFields(apiSchemaForAjv(api.components.schemas, fileId)) });
    const refs = Object.fromEntries(
      Object.entries(API_ANSWERS).map(([name, def]) => [name, `${API_ID}#/$defs/${def}`]),
    );
    return REQUIRE_HEADER + standaloneCode.default(ajv, refs);
  },
};
