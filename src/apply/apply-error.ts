// Why a plan was not (wholly) applied, for the CLI and the action to explain.
import type { BatchResult } from '../model/changes.js';
import type { ChangeByChangeReport } from './report.js';

export type ApplyErrorCode =
  'stale-plan' | 'plan-mismatch' | 'plan-blocked' | 'apply-refused' | 'apply-unconfirmed' | 'apply-partial';

/**
 * Why a plan was not (wholly) applied. Nothing was written, except: `apply-partial` (the message
 * names the changes that were applied) and `apply-unconfirmed` (one batch may or may not have been
 * committed, all of it or none, and the message says how to find out).
 */
export class ApplyError extends Error {
  constructor(
    readonly code: ApplyErrorCode,
    message: string,
    /** What the batches before the failing one did, their new keys' secrets included. */
    readonly partial?: BatchResult,
    /** A change-by-change apply: what happened to each change, and which scopes were stale. */
    readonly report?: ChangeByChangeReport,
  ) {
    super(message);
  }
}
