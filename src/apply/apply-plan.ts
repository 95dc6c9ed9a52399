// Executes a plan through a provider: exactly the reviewed plan, in one atomic batch, or nothing.
// A plan larger than the provider's batch limit goes as consecutive atomic batches, each expecting
// the version the previous one left; if one fails, the user is told exactly which changes landed.
// A provider without atomic batches is applied change by change (change-by-change.ts).
import { randomUUID } from 'node:crypto';
import { type BatchResult, type ChangeContext, describeChange } from '../model/changes.js';
import { canonicalJson } from '../plan/digest.js';
import type { Plan } from '../plan/types.js';
import { type ChangeByChange, type Provider, ProviderError } from '../providers/provider.js';
import { ApplyError } from './apply-error.js';
import { applyChangeByChange, type ChangeByChangeOptions } from './change-by-change.js';
import { planDifference } from './plan-difference.js';
import type { ApplyResult } from './report.js';

export { ApplyError, type ApplyErrorCode } from './apply-error.js';

const AGAIN = 'Nothing was applied. Run roster plan again and review the new plan';

/**
 * A saved plan may be applied only if a fresh plan made now is the same plan against the same
 * state: otherwise the reviewer approved something other than what would happen. A provider
 * applied change by change has no state version: the scopes the plan writes in must not have moved.
 */
export function checkSavedPlan(saved: SavedPlanCheck, fresh: Plan, platform?: ChangeByChange): void {
  if (platform) {
    const written = new Set((saved.changes ?? []).map((c) => platform.scopeOf(c.change)));
    const moved = [...written].filter((scope) => saved.scopes?.[scope] !== fresh.scopes?.[scope]).sort();
    if (moved.length > 0) {
      throw new ApplyError(
        'stale-plan',
        `the workspace changed since this plan was made: ${moved.join(', ')} moved. ${AGAIN}`,
      );
    }
  } else if (saved.stateVersion !== fresh.stateVersion) {
    throw new ApplyError(
      'stale-plan',
      `the workspace changed since this plan was made (state version ${saved.stateVersion}, now ${fresh.stateVersion})${whatDiffers(saved, fresh)}${AGAIN}`,
    );
  }
  if (saved.digest !== fresh.digest) {
    throw new ApplyError(
      'plan-mismatch',
      `the config no longer produces this plan${whatDiffers(saved, fresh)}${AGAIN}`,
    );
  }
}

/** The end of a refusal's first sentence: what differs, line by line, when the saved changes can be read. */
function whatDiffers(saved: SavedPlanCheck, fresh: Plan): string {
  const changes = saved.digest === fresh.digest ? undefined : (saved.changes ?? saved.readChanges?.());
  return changes ? `; ${planDifference(changes, fresh.changes)}\n` : '. ';
}

/**
 * A saved plan that an interrupted run began (its journal says so): its scopes moved with its own
 * writes, so the check is that the fresh plan holds nothing the reviewer did not approve. What it
 * no longer holds landed, by the interrupted run or by someone else.
 */
export function checkResumedPlan(saved: SavedPlanCheck, fresh: Plan): void {
  const reviewed = new Set((saved.changes ?? []).map((c) => canonicalJson(c.change)));
  const unreviewed = fresh.changes.filter((c) => !reviewed.has(canonicalJson(c.change)));
  if (unreviewed.length > 0) {
    throw new ApplyError(
      'plan-mismatch',
      `this plan was partly applied by an interrupted run, and the workspace now needs ${unreviewed.length === 1 ? 'a change' : `${unreviewed.length} changes`} it does not hold (${describeChange(unreviewed[0]!.change)}): the workspace or the config changed since. ${AGAIN}`,
    );
  }
}

/**
 * What of a saved plan apply keeps: its state version and digest (the fresh plan is the one
 * applied, and a saved plan of 100,000 changes would otherwise stay in memory beside it). A plan of
 * a change-by-change provider (it records scopes) keeps its changes too: the scopes it writes in
 * are checked, and a resumed run compares what is left with them.
 */
export type SavedPlanCheck = Pick<Plan, 'stateVersion' | 'digest'> &
  Partial<Pick<Plan, 'scopes' | 'changes'>> & {
    /** The saved plan's changes read again (from its file), only to say what differs when it is refused. */
    readChanges?: () => Plan['changes'] | undefined;
  };

/** A plan with a failed guard is never applied, not even the parts the guard did not stop. */
export function assertNotBlocked(plan: Plan): void {
  if (plan.blocked.length > 0) {
    throw new ApplyError(
      'plan-blocked',
      `the plan is blocked by ${plan.blocked.map((g) => g.code).join(', ')}; nothing was applied`,
    );
  }
}

/** After each batch that landed: its number, how many batches in all, changes applied so far of all. */
export interface BatchProgress {
  batch: number;
  batches: number;
  applied: number;
  changes: number;
}

/**
 * Sends the plan's changes in order, in as few batches as the provider allows, each applied
 * atomically only if the workspace is still where the previous batch (or the plan) left it.
 */
export async function applyPlan(
  provider: Provider,
  plan: Plan,
  context: ChangeContext,
  onBatch?: (progress: BatchProgress) => void,
  changeByChange?: ChangeByChangeOptions,
): Promise<ApplyResult> {
  assertNotBlocked(plan);
  if (!provider.capabilities.atomicBatches) {
    if (!provider.changeByChange)
      throw new Error(`${provider.description} has neither atomic batches nor changeByChange`);
    return applyChangeByChange(provider.changeByChange, plan, context, changeByChange);
  }
  const changes = plan.changes.map((c) => c.change);
  // A provider without a limit says Infinity: one batch of all the changes. The size stays a
  // finite number, so that change numbers in messages are numbers.
  const size = Math.max(1, Math.min(provider.capabilities.maxBatchChanges, changes.length));
  const batches = Math.ceil(changes.length / size) || 1;
  // One key per batch of this execution: the provider's retries of a batch never apply it twice.
  const run = randomUUID();
  let expectedVersion = plan.stateVersion;
  const total: BatchResult = { version: Number(plan.stateVersion), applied: 0, secrets: {} };
  for (let batch = 0; batch < batches; batch++) {
    try {
      const result = await provider.apply({
        changes: changes.slice(batch * size, (batch + 1) * size),
        expectedVersion,
        idempotencyKey: `${run}-${batch + 1}`,
        context,
      });
      expectedVersion = String(result.version);
      total.version = result.version;
      total.applied += result.applied;
      Object.assign(total.secrets, result.secrets);
      onBatch?.({ batch: batch + 1, batches, applied: total.applied, changes: changes.length });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      throw batchFailure(error, { batch, batches, size, changes: changes.length, applied: total });
    }
  }
  return total;
}

function batchFailure(
  error: ProviderError,
  at: { batch: number; batches: number; size: number; changes: number; applied: BatchResult },
): ApplyError {
  const details = error.details
    .map(
      (d) => `\n  ${d.index < 0 ? 'the batch as a whole' : `change ${at.batch * at.size + d.index + 1}`}: ${d.message}`,
    )
    .join('');
  const first = at.batch * at.size + 1;
  const last = Math.min(at.changes, (at.batch + 1) * at.size);
  const which = at.batches > 1 ? `batch ${at.batch + 1} of ${at.batches} (changes ${first}-${last})` : 'the batch';
  const partial = at.batch > 0 ? at.applied : undefined;
  if (error.outcomeUnknown) {
    return new ApplyError(
      'apply-unconfirmed',
      `${error.message}. roster cannot tell whether the workspace applied ${which}. It is atomic: either all ${last - first + 1} of its change(s) were applied or none.${earlier(at)} Run roster plan to see what remains; applying again is safe`,
      partial,
    );
  }
  if (at.batch === 0) {
    return new ApplyError(
      error.code === 'stale' ? 'stale-plan' : 'apply-refused',
      `${error.message}${/nothing was applied/i.test(error.message) ? '.' : '. Nothing was applied.'}${details}`,
    );
  }
  return new ApplyError(
    'apply-partial',
    `${which} was refused: ${error.message}.${earlier(at)} Changes ${first}-${at.changes} were not applied. Run roster plan to see what remains.${details}`,
    partial,
  );
}

function earlier(at: { batch: number; size: number; applied: BatchResult }): string {
  if (at.batch === 0) return '';
  return ` Changes 1-${at.batch * at.size} (batches 1-${at.batch}) were applied; the workspace is at state version ${at.applied.version}.`;
}
