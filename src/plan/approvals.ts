// Who must approve each change: the server's role rule (src/model/powers.ts) applied to the member
// the change is about, so that a plan never promises what the workspace will refuse. The role that
// counts is the higher of the member's role now and after the plan: within a batch, a change may
// run after the member's promotion (or before their demotion).
import type { Change } from '../model/changes.js';
import { type ChangeTarget, type ManagerRole, membersConcerned, requiredRole } from '../model/powers.js';
import { maxBy, type Role, roleRank } from '../model/vocabulary.js';
import type { DiffContext } from './context.js';

export function approvalFor(ctx: DiffContext, change: Change): ManagerRole {
  return requiredRole(change, targetOf(ctx, change));
}

function targetOf(ctx: DiffContext, change: Change): ChangeTarget {
  const keyOwner = (name: string) => ctx.actual.keys.find((key) => key.name === name)?.owner;
  const roles = membersConcerned(change, keyOwner).flatMap((email) =>
    [ctx.actualMembers.get(email)?.role, ctx.desiredMembers.get(email)?.role].filter(
      (role): role is Role => role !== undefined,
    ),
  );
  return roles.length ? { role: maxBy(roles, roleRank) } : {};
}
