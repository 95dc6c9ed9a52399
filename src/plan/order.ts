// The order changes apply in: creations first, then role changes (promotions before demotions,
// so owners never drop to zero), then grants and keys, then removals and revocations (then
// demotions to guest, which need those removals), and
// disconnections last (after every grant and key that names the integration is settled).
// Adoptions change no access; they go with the catalog.
// Invites go most privileged first, so that every prefix of a plan (a plan applied in several
// batches) leaves a workspace that still has an owner.
import type { Change } from '../model/changes.js';
import { isGuest, roleRank } from '../model/vocabulary.js';
import type { PlannedChange } from './types.js';
import { compareText } from '../model/compare.js';

const PHASE: Record<Change['kind'], number> = {
  'workspace.update': 0,
  'integration.connect': 1,
  'integration.update': 1,
  'pipe.create': 1,
  'pipe.update': 1,
  'member.adopt': 1,
  'integration.adopt': 1,
  'pipe.adopt': 1,
  'grant.adopt': 1,
  'pipe_member.adopt': 1,
  'key.adopt': 1,
  'member.invite': 2,
  'member.update': 3, // split into promotions (3) and demotions (4) below
  'grant.set': 5,
  'pipe_member.set': 5,
  'key.create': 6,
  'key.update': 6,
  'key.rotate': 6,
  'key.retire_previous': 6,
  'key.replace': 6,
  'grant.remove': 7,
  'pipe_member.remove': 7,
  'key.revoke': 8,
  'member.remove': 9,
  'integration.disconnect': 10,
};

/** After the revocations (8), before removals of members (9). */
const GUEST_DEMOTION = 8.5;

/**
 * The phase of a change's kind, for an apply that runs a plan's changes concurrently: changes of
 * one phase may go in any order. member.update is one phase here, though promotions go before
 * demotions within it: the caller runs role changes one at a time, in the plan's order.
 */
export function kindPhase(kind: Change['kind']): number {
  return PHASE[kind];
}

export function orderChanges(
  changes: PlannedChange[],
  currentRole: (email: string) => string | undefined,
): PlannedChange[] {
  const phase = (planned: PlannedChange): number => {
    const change = planned.change;
    if (change.kind !== 'member.update' || !change.role) return PHASE[change.kind];
    const before = currentRole(change.email) as Parameters<typeof roleRank>[0];
    // A guest may hold no grant, pipe or key: the removals a demotion to guest needs go first, so
    // a plan split into batches never asks one batch for the demotion and every removal at once.
    if (isGuest(change.role) && !isGuest(before)) return GUEST_DEMOTION;
    return roleRank(change.role) > roleRank(before) ? 3 : 4;
  };
  const seniority = (planned: PlannedChange): number =>
    planned.change.kind === 'member.invite' ? -roleRank(planned.change.role) : 0;
  return changes
    .map((planned) => ({ planned, phase: phase(planned), seniority: seniority(planned) }))
    .sort(
      (a, b) =>
        a.phase - b.phase ||
        a.seniority - b.seniority ||
        compareText(a.planned.subject, b.planned.subject) ||
        compareText(a.planned.summary, b.planned.summary),
    )
    .map(({ planned }) => planned);
}
