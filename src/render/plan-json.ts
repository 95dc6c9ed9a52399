// The saved plan: JSON per schemas/plan.schema.json, read back by `roster apply --plan`.
import { planDigest } from '../plan/digest.js';
import type { Plan } from '../plan/types.js';
// Compiled from schemas/plan.schema.json at build time (scripts/compile-schema.mjs).
import { plan as validate } from './plan-validator.js';

export const PLAN_SCHEMA_URL = 'https://roster.dev/schemas/plan.schema.json';

/**
 * The plan's fields indented, its changes last, one per line: a line per change reads and diffs
 * well, and a plan of 100,000 changes is 48 MB instead of the 79 MB of indenting every field
 * (written, printed and read back by apply).
 */
export function serializePlan(plan: Plan): string {
  const { changes, ...fields } = plan;
  const head = JSON.stringify({ $schema: PLAN_SCHEMA_URL, ...fields }, null, 2).slice(0, -2);
  let lines = '';
  for (const change of changes) lines += `${lines ? ',' : ''}\n    ${JSON.stringify(change)}`;
  return `${head},\n  "changes": [${lines}${lines ? '\n  ' : ''}]\n}\n`;
}

/** Parses a saved plan; returns it, or a sentence saying why it cannot be used. */
export function parsePlan(text: string): { plan?: Plan; problem?: string } {
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
