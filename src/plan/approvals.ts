// Who must approve each change: the server's role rule (src/model/powers.ts) applied to the member
// the change is about, so that a plan never promises what the workspace will refuse. The role that
// counts is the higher of the member's role now and after the plan: within a batch, a change may
// run after the member's promotion (or before their demotion). A pipe membership change may also
// be approved by the pipe's admins, as the server lets them make it.
import type { Change } from '../model/changes.js';
import { type ChangeTarget, type ManagerRole, membersConcerned, requiredRole } from '../model/powers.js';
import { effectiveSettings } from '../model/pipe-powers.js';
import { isPrivileged, maxBy, type Role, roleRank } from '../model/vocabulary.js';
import type { DiffContext } from './context.js';

export function approvalFor(ctx: DiffContext, change: Change): ManagerRole {
  return requiredRole(change, targetOf(ctx, change));
}

/**
 * Who besides company admins may approve a pipe membership change: the pipe's own admins (as the
 * workspace has them, below company admin, not leaving), unless the config's settings reserve
 * managing pipe people to company owners and admins. Empty for every other change, and for
 * changes about an owner or admin, which only an owner approves. The pipes' admins are gathered
 * once: a plan may hold tens of thousands of membership changes over as many memberships.
 */
export function pipeApproversOf(ctx: DiffContext): (change: Change, approval: ManagerRole) => string[] {
  const reserved = effectiveSettings(ctx.desired.settings).onlyAdminsManagePipeMembers;
  const adminsByPipe = new Map<string, string[]>();
  for (const { pipe, email, level } of ctx.actual.pipeMemberships) {
    if (level !== 'admin' || ctx.leaving.has(email) || isPrivileged(ctx.actualMembers.get(email)?.role ?? 'member')) {
      continue;
    }
    const admins = adminsByPipe.get(pipe);
    if (admins) admins.push(email);
    else adminsByPipe.set(pipe, [email]);
  }
  return (change, approval) => {
    if (change.kind !== 'pipe_member.set' && change.kind !== 'pipe_member.remove') return [];
    if (approval === 'owner' || reserved) return [];
    return [...(adminsByPipe.get(change.pipe) ?? [])];
  };
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
