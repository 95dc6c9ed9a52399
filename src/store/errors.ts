import type { ChangeError } from '../model/changes.js';

/** Codes a client can act on; the HTTP layer maps each to a status. */
export type StoreErrorCode =
  | 'invalid-request'
  | 'rejected' // one or more changes broke a rule; nothing was applied
  | 'stale' // the workspace moved since the expected version
  | 'forbidden'
  | 'not-found'
  | 'idempotency-conflict';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly changeErrors: ChangeError[] = [],
  ) {
    super(message);
  }
}
