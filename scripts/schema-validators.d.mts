// Types of scripts/schema-validators.mjs, for vitest.config.ts.
export const SCHEMA_FILES: URL[];
export const VALIDATOR_MODULES: Record<string, () => string>;
