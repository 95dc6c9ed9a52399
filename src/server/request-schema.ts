// Validates POST /v1/changes bodies against schemas/changes.schema.json.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

let validate: ValidateFunction | undefined;

/** Problems with a batch body as "path: message" lines; empty when it is well-formed. */
export function batchProblems(body: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/changes.schema.json', import.meta.url), 'utf8'));
    validate = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true }).compile(schema);
  }
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => `${error.instancePath || '/'}: ${error.message ?? 'is not valid'}`);
}
