// Budgets: a plan that removes or changes a large share of one class of things is probably a
// mistake (a bad merge, a wrong team file) and needs explicit consent. Up to `count` in a class
// always pass; beyond that, the share of that class's existing items decides (`ratio`).
import type { DiffContext } from './context.js';
import type { GuardResult, PlannedChange, RemovalClass, UpdateClass } from './types.js';

const CLASS_NAMES: Record<RemovalClass, string> = {
  members: 'members',
  grants: 'integration grants',
  pipe_memberships: 'pipe memberships',
  keys: 'keys',
  integrations: 'integrations',
};

const UPDATE_NAMES: Record<UpdateClass, string> = {
  members: 'member roles',
  grants: 'integration grants',
  pipe_memberships: 'pipe levels',
  keys: 'keys',
};

function existing(ctx: DiffContext): Record<RemovalClass, number> {
  return {
    members: ctx.actual.members.length,
    grants: ctx.actual.grants.length,
    pipe_memberships: ctx.actual.pipeMemberships.length,
    keys: ctx.actual.keys.length,
    integrations: ctx.actual.integrations.length,
  };
}

/**
 * The class an update counts in, if it changes access: role, grant, pipe level, key scope, or a
 * key's replacement (its old secret dies). Rotations are not counted: rotate_every and
 * personal_keys.max_age ask for them, often for many keys made on the same day.
 */
export function updateClassOf(planned: PlannedChange): UpdateClass | undefined {
  const change = planned.change;
  if (change.kind === 'member.update') return change.role !== undefined ? 'members' : undefined;
  if (planned.action !== 'update') return undefined;
  if (change.kind === 'grant.set') return 'grants';
  if (change.kind === 'pipe_member.set') return 'pipe_memberships';
  if (change.kind === 'key.update' || change.kind === 'key.replace') return 'keys';
  return undefined;
}

function overBudget(count: number, of: number, budget: { ratio: number; count: number }): boolean {
  return count > budget.count && count > budget.ratio * of;
}

function share(count: number, of: number): string {
  return of > 0 ? ` (${Math.round((count / of) * 100)}%)` : '';
}

export function removalGuard(ctx: DiffContext, changes: readonly PlannedChange[], allow: boolean): GuardResult[] {
  if (allow) return [];
  const budget = ctx.policy.maxRemovals;
  const counts = existing(ctx);
  return (Object.keys(counts) as RemovalClass[]).flatMap((removalClass) => {
    const removals = changes.filter((c) => c.removalClass === removalClass).length;
    if (!overBudget(removals, counts[removalClass], budget)) return [];
    return [
      {
        code: 'removal-budget',
        message: `the plan removes ${removals} of ${counts[removalClass]} ${CLASS_NAMES[removalClass]}${share(removals, counts[removalClass])}, more than policy.max_removals allows (${budget.count}, or up to ${Math.round(budget.ratio * 100)}%)`,
        override: '--allow-removals',
      },
    ];
  });
}

export function updateGuard(ctx: DiffContext, changes: readonly PlannedChange[], allow: boolean): GuardResult[] {
  if (allow) return [];
  const budget = ctx.policy.maxUpdates;
  const counts = existing(ctx);
  return (Object.keys(UPDATE_NAMES) as UpdateClass[]).flatMap((updateClass) => {
    const updates = changes.filter((c) => updateClassOf(c) === updateClass).length;
    if (!overBudget(updates, counts[updateClass], budget)) return [];
    return [
      {
        code: 'update-budget',
        message: `the plan changes ${updates} of ${counts[updateClass]} ${UPDATE_NAMES[updateClass]}${share(updates, counts[updateClass])}, more than policy.max_updates allows (${budget.count}, or up to ${Math.round(budget.ratio * 100)}%)`,
        override: '--allow-mass-changes',
      },
    ];
  });
}
