// Types of the validators that scripts/compile-schema.mjs generates from schemas/workspace-api.yaml
// at build time (dist/providers/http/api-validators.js): one per answer the http provider reads.
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** GET /v1/state: StateDocument. */
export const state: ValidateFunction;
/** POST /v1/changes: BatchResult. */
export const batchResult: ValidateFunction;
/** GET /v1/audit: AuditPage. */
export const auditPage: ValidateFunction;
/** GET /v1/members: MemberPage. */
export const memberPage: ValidateFunction;
/** GET /v1/keys: KeyPage. */
export const keyPage: ValidateFunction;
/** GET /v1/grant-use: GrantUsePage. */
export const grantUsePage: ValidateFunction;
/** Any refusal: Error. */
export const error: ValidateFunction;
