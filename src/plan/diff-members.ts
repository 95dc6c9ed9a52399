// Members: invitations, role and name changes, removals (including those not in the config).
import { daysBetween } from '../model/dates.js';
import { skeleton } from '../model/confusables.js';
import { isBillable, isPrivileged, roleRank } from '../model/vocabulary.js';
import { type DiffContext, isIgnored, unmanagedAction } from './context.js';
import { adoption, listOf, planned } from './planned.js';
import type { PlannedChange, PlanWarning } from './types.js';

/** Decides who leaves and who is left alone; fills ctx.leaving and ctx.untouched. */
export function diffMembers(ctx: DiffContext, out: PlannedChange[], warnings: PlanWarning[]): void {
  const lookalikes = lookalikeFinder(ctx);
  for (const member of ctx.desired.members) {
    const expires = ctx.memberExpiry ? member.expires : undefined;
    const current = ctx.actualMembers.get(member.email);
    const source = member.source ? { source: member.source } : {};
    if (!current) {
      const twin = lookalikes(member.email);
      if (twin) {
        warnings.push({
          code: 'lookalike-email',
          subject: member.email,
          message: `${member.email} is invited, and looks like ${twin}, who is already in the workspace (the same letters to the eye, other characters); make sure the config means a new person`,
        });
      }
      out.push(
        planned(
          {
            kind: 'member.invite',
            email: member.email,
            ...(member.name ? { name: member.name } : {}),
            role: member.role,
            ...(expires ? { expires } : {}),
          },
          member.email,
          `invite as ${member.role}${expires ? ` until ${expires}` : ''}`,
          {
            ...source,
            billing: isBillable(member.role) ? 1 : 0,
            escalation: isPrivileged(member.role),
          },
        ),
      );
      continue;
    }
    const roleChanged = member.role !== current.role;
    const renamed = member.name !== undefined && member.name !== current.name;
    // The server refuses a member from the day after their last day: it must know that day.
    const redated = ctx.memberExpiry === true && expires !== current.expires;
    if (!roleChanged && !renamed && !redated) {
      // An update in roster's batch marks the member managed; otherwise adopt them.
      if (!current.managed) out.push(adoption({ kind: 'member.adopt', email: member.email }, member.email, source));
      continue;
    }
    const promotion = roleRank(member.role) > roleRank(current.role);
    out.push(
      planned(
        {
          kind: 'member.update',
          email: member.email,
          ...(renamed ? { name: member.name } : {}),
          ...(roleChanged ? { role: member.role } : {}),
          ...(redated ? { expires: expires ?? null } : {}),
        },
        member.email,
        [
          ...(roleChanged ? [`role ${current.role} -> ${member.role}`] : []),
          ...(renamed ? [`name -> "${member.name}"`] : []),
          ...(redated ? [expires ? `last day ${expires}` : 'no last day'] : []),
        ].join(', '),
        {
          ...source,
          billing: Number(isBillable(member.role)) - Number(isBillable(current.role)),
          escalation: roleChanged && promotion && isPrivileged(member.role),
          destructive: roleChanged && !promotion,
        },
      ),
    );
  }

  for (const member of ctx.actual.members) {
    if (ctx.desiredMembers.has(member.email)) continue;
    if (isIgnored(member.email, ctx.policy.ignoreMembers)) {
      ctx.untouched.add(member.email);
      continue;
    }
    const action = unmanagedAction(member.managed, ctx.policy.unmanaged.members);
    if (action !== 'remove') {
      ctx.untouched.add(member.email);
      if (action === 'warn') {
        warnings.push({
          code: 'unmanaged-member',
          subject: member.email,
          message: `${member.email} (${member.role}) is in the workspace but not in the config; policy unmanaged.members is warn, so roster leaves them`,
        });
      }
      continue;
    }
    ctx.leaving.add(member.email);
    out.push(
      planned(
        { kind: 'member.remove', email: member.email },
        member.email,
        `${member.pending ? `withdraw the pending invitation (${member.role})` : `remove ${member.role}`}${whatGoesWith(ctx, member.email)}`,
        {
          billing: isBillable(member.role) ? -1 : 0,
          unmanaged: !member.managed,
          reason: member.managed ? 'removed from the config' : 'not in the config (policy unmanaged.members: remove)',
        },
      ),
    );
  }
}

/** How long an invitation may wait before a plan points at it (the review uses the same bound). */
export const STALE_INVITATION_DAYS = 14;

/**
 * Members invited more than two weeks ago who have not accepted, and stay: the plan points at them
 * (resend, or withdraw by removing them from the config). Fresher invitations are the normal state
 * of things and would make every plan after an onboarding warn. Billable seats in a plan count
 * people as billed once they accept (an invitation +1, a pending member's removal -1).
 */
export function pendingInvitations(ctx: DiffContext, warnings: PlanWarning[]): void {
  const stale = ctx.actual.members.filter(
    (member) =>
      member.pending &&
      member.invitedAt !== undefined &&
      daysBetween(member.invitedAt.slice(0, 10), ctx.today) > STALE_INVITATION_DAYS &&
      !ctx.leaving.has(member.email),
  );
  if (stale.length === 0) return;
  warnings.push({
    code: 'pending-invitations',
    message: `${stale.length} invitation${stale.length === 1 ? ' has' : 's have'} not been accepted in ${STALE_INVITATION_DAYS} days: ${listOf(stale.map((member) => `${member.email} (invited ${member.invitedAt!.slice(0, 10)})`))}; resend ${stale.length === 1 ? 'it' : 'them'}, or remove the member from the config to withdraw it; a billable seat is charged from acceptance`,
  });
}

/**
 * Removing a member takes their grants, pipe memberships and personal keys with them, with no
 * change of their own in the plan: the reviewer reads them here.
 */
function whatGoesWith(ctx: DiffContext, email: string): string {
  const access = [
    ...ctx.actual.grants.filter((g) => g.email === email).map((g) => `${g.profile} on ${g.integration}`),
    ...ctx.actual.pipeMemberships.filter((p) => p.email === email).map((p) => `${p.level} in pipe ${p.pipe}`),
  ];
  const keys = ctx.actual.keys.filter((key) => key.type === 'personal' && key.owner === email).map((key) => key.name);
  return `${access.length ? `, losing ${listOf(access)}` : ''}${keys.length ? `; personal keys ${listOf(keys)} die with them` : ''}`;
}

/** Finds a workspace member whose email looks the same as a new one (Unicode TR39 skeleton). */
function lookalikeFinder(ctx: DiffContext): (email: string) => string | undefined {
  let bySkeleton: Map<string, string> | undefined; // built on the first invitation only
  return (email) => {
    bySkeleton ??= new Map(ctx.actual.members.map((member) => [skeleton(member.email), member.email]));
    const twin = bySkeleton.get(skeleton(email));
    return twin !== email ? twin : undefined;
  };
}
