// Types of scripts/schema-validators.mjs, for vitest.config.ts.
export const SCHEMA_FILES: URL[];
export const REQUIRE_HEADER: string;
export const VALIDATOR_MODULES: Record<string, () => string>;
export const API_ID: string;
export function apiSchemaForAjv(node: unknown, fileId: (file: string) => string): unknown;
