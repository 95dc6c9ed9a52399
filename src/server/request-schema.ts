// Validates POST /v1/changes bodies against schemas/changes.schema.json.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/changes.schema.json', import.meta.url), 'utf8'));

/** The most changes one batch may hold: `maxItems` of the schema, said in the API description. */
export const MAX_BATCH_CHANGES: number = schema.properties.changes.maxItems;

let validate: ValidateFunction | undefined;

/** Problems with a batch body as "path: message" lines; empty when it is well-formed. */
export function batchProblems(body: unknown): string[] {
  validate ??= new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true }).compile(schema);
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => `${error.instancePath || '/'}: ${error.message ?? 'is not valid'}`);
}
