// Types of the validators that scripts/compile-schema.mjs generates from schemas/roster.schema.json
// at build time (dist/config/schema-validators.js).
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** A whole config: the root file. */
export const root: ValidateFunction;
/** An included file: only the shareable sections. */
export const fragment: ValidateFunction;
