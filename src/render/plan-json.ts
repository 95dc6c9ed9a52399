// The saved plan: JSON per schemas/plan.schema.json, read back by `roster apply --plan`.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { planDigest } from '../plan/digest.js';
import type { Plan } from '../plan/types.js';

export const PLAN_SCHEMA_URL = 'https://roster.dev/schemas/plan.schema.json';

export function serializePlan(plan: Plan): string {
  return `${JSON.stringify({ $schema: PLAN_SCHEMA_URL, ...plan }, null, 2)}\n`;
}

let validate: ValidateFunction | undefined;

/** Parses a saved plan; returns it, or a sentence saying why it cannot be used. */
export function parsePlan(text: string): { plan?: Plan; problem?: string } {
  if (!validate) {
    const schema = (name: string) =>
      JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    ajv.addSchema(schema('changes.schema.json'));
    validate = ajv.compile(schema('plan.schema.json'));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'it is not JSON' };
  }
  if (!validate(data)) {
    const first = validate.errors?.[0];
    return { problem: `it is not a roster plan (${first?.instancePath || '/'} ${first?.message ?? ''})` };
  }
  const plan = data as Plan;
  if (planDigest(plan.changes.map((c) => c.change)) !== plan.digest) {
    return { problem: 'its changes do not match its digest: the file was edited after it was made' };
  }
  return { plan };
}
