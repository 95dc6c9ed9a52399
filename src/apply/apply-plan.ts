// Executes a plan through a provider: exactly the reviewed plan, in one atomic batch, or nothing.
// Every refusal happens before the first write and says so.
import { randomUUID } from 'node:crypto';
import type { BatchResult, ChangeContext } from '../model/changes.js';
import type { Plan } from '../plan/types.js';
import { type Provider, ProviderError } from '../providers/provider.js';

/**
 * Why a plan was not applied. Nothing was written, except for `apply-unconfirmed`: the batch may or
 * may not have been committed (all of it or none), and the message says how to find out.
 */
export class ApplyError extends Error {
  constructor(
    readonly code: 'stale-plan' | 'plan-mismatch' | 'plan-blocked' | 'apply-refused' | 'apply-unconfirmed',
    message: string,
  ) {
    super(message);
  }
}

const AGAIN = 'Nothing was applied. Run roster plan again and review the new plan';

/**
 * A saved plan may be applied only if a fresh plan made now is the same plan against the same
 * state: otherwise the reviewer approved something other than what would happen.
 */
export function checkSavedPlan(saved: Plan, fresh: Plan): void {
  if (saved.stateVersion !== fresh.stateVersion) {
    throw new ApplyError(
      'stale-plan',
      `the workspace changed since this plan was made (state version ${saved.stateVersion}, now ${fresh.stateVersion}). ${AGAIN}`,
    );
  }
  if (saved.digest !== fresh.digest) {
    throw new ApplyError(
      'plan-mismatch',
      `the config no longer produces this plan (saved ${saved.digest}, now ${fresh.digest}). ${AGAIN}`,
    );
  }
}

/** A plan with a failed guard is never applied, not even the parts the guard did not stop. */
export function assertNotBlocked(plan: Plan): void {
  if (plan.blocked.length > 0) {
    throw new ApplyError(
      'plan-blocked',
      `the plan is blocked by ${plan.blocked.map((g) => g.code).join(', ')}; nothing was applied`,
    );
  }
}

/**
 * Sends the plan's changes as one batch that the provider applies atomically, only if the
 * workspace is still at the version the plan was made against.
 */
export async function applyPlan(provider: Provider, plan: Plan, context: ChangeContext): Promise<BatchResult> {
  assertNotBlocked(plan);
  try {
    return await provider.apply({
      changes: plan.changes.map((c) => c.change),
      expectedVersion: plan.stateVersion,
      // One key per plan execution: the provider's retries of this request never apply twice.
      idempotencyKey: randomUUID(),
      context,
    });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (error.outcomeUnknown) {
      throw new ApplyError(
        'apply-unconfirmed',
        `${error.message}. roster cannot tell whether the workspace applied the batch. It is atomic: either all ${plan.changes.length} change(s) were applied or none. Run roster plan to see which; applying again is safe`,
      );
    }
    const details = error.details.map((d) => `\n  change ${d.index + 1}: ${d.message}`).join('');
    throw new ApplyError(
      error.code === 'stale' ? 'stale-plan' : 'apply-refused',
      `${error.message}. Nothing was applied.${details}`,
    );
  }
}
