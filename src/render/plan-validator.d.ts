// Type of the validator that scripts/compile-schema.mjs generates from schemas/plan.schema.json
// at build time (dist/render/plan-validator.js).
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** A saved plan, as `roster plan --out` writes it. */
export const plan: ValidateFunction;
