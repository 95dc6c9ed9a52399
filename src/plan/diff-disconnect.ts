// Integrations the config no longer declares. A managed one is disconnected (its grants go with
// it, and keys scoped to it lose that part of their scope); one made outside roster is left alone
// with a warning.
import type { Key } from '../model/state.js';
import type { DiffContext } from './context.js';
import { listOf, planned } from './planned.js';
import type { PlannedChange, PlanWarning } from './types.js';

export function diffDisconnections(ctx: DiffContext, out: PlannedChange[], warnings: PlanWarning[]): void {
  const declared = new Set(ctx.desired.integrations.map((integration) => integration.id));
  for (const integration of ctx.actual.integrations) {
    if (declared.has(integration.id)) continue;
    const subject = `integration:${integration.id}`;
    if (!ctx.disconnecting.has(integration.id)) {
      warnings.push({
        code: 'unmanaged-integration',
        subject,
        message: `integration ${integration.id} is connected but not in the config; roster leaves it alone`,
      });
      continue;
    }
    // Grants of members who leave go with them; the rest go with the integration.
    const grants = ctx.actual.grants
      .filter((grant) => grant.integration === integration.id && !ctx.leaving.has(grant.email))
      .map((grant) => `${grant.email} (${grant.profile})`);
    const narrowed = keysStillScopedTo(ctx, integration.id, out).map((key) => key.name);
    out.push(
      planned(
        { kind: 'integration.disconnect', id: integration.id },
        subject,
        [
          'disconnect',
          ...(grants.length ? [`grants of ${listOf(grants)} go with it`] : []),
          ...(narrowed.length ? [`keys ${listOf(narrowed)} lose it from their scope`] : []),
        ].join('; '),
        { reason: 'removed from the config' },
      ),
    );
  }
}

/**
 * Keys that will still name the integration when it is disconnected: those the plan does not
 * revoke, replace or re-scope (self-service and unmanaged keys). The store narrows them.
 */
export function keysStillScopedTo(ctx: DiffContext, integration: string, changes: readonly PlannedChange[]): Key[] {
  const settled = new Set(
    changes.flatMap((c) =>
      c.change.kind === 'key.revoke' || c.change.kind === 'key.replace' || c.change.kind === 'key.update'
        ? [c.change.name]
        : [],
    ),
  );
  return ctx.actual.keys.filter(
    (key) =>
      !settled.has(key.name) &&
      !(key.owner && ctx.leaving.has(key.owner)) &&
      key.scope.some((entry) => entry.integration === integration),
  );
}
