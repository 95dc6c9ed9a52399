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

/**
 * A workspace file roster cannot open as it is: from a newer roster, an older one, not roster's,
 * or not open to this user. Kept free of better-sqlite3 so the CLI and the action can map it.
 */
export class DatabaseOpenError extends Error {
  constructor(
    readonly code: 'workspace-newer' | 'workspace-outdated' | 'not-a-workspace' | 'database-unreachable',
    message: string,
  ) {
    super(message);
  }
}
