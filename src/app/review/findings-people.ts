// Findings about people: who holds owner or admin (and the starter limit), delete power, guests and
// people from outside the owners' domains, members in no team, pending invitations, new members
// with more than read access, and access that ends soon.
import { daysBetween } from '../../model/dates.js';
import { plural } from '../../model/plural.js';
import type { Member, WorkspaceState } from '../../model/state.js';
import { isPrivileged, STARTER_MAX_ADMINS } from '../../model/vocabulary.js';
import { type ReviewInput, THRESHOLDS } from './input.js';
import type { Finding } from './types.js';

export function privilegedFindings({ actual }: ReviewInput): Finding[] {
  const privileged = actual.members.filter((m) => isPrivileged(m.role));
  const owners = privileged.filter((m) => m.role === 'owner').length;
  const findings: Finding[] = [
    {
      code: 'privileged-count',
      severity: 'info',
      subject: 'workspace',
      message: `${plural(owners, 'owner')} and ${plural(privileged.length - owners, 'admin')} use every tool of every integration, deletes included, and administer every pipe: ${namesOf(privileged.map((m) => m.email))}`,
    },
  ];
  if (actual.workspace.plan === 'starter' && privileged.length > STARTER_MAX_ADMINS) {
    findings.push({
      code: 'starter-admin-limit',
      severity: 'high',
      subject: 'workspace',
      message: `${privileged.length} people hold owner or admin; the starter plan allows at most ${STARTER_MAX_ADMINS}`,
    });
  }
  return findings;
}

/** Members (not owners or admins, counted above) whose grants allow a delete tool. */
export function deletePowerFindings({ actual }: ReviewInput): Finding[] {
  const roles = roleMap(actual);
  const catalogs = new Map(actual.integrations.map((i) => [i.id, i.tools]));
  const powers = new Map<string, string[]>();
  for (const grant of actual.grants) {
    if (grant.profile !== 'full' || isPrivileged(roles.get(grant.email) ?? 'member')) continue;
    const tools = Object.entries(catalogs.get(grant.integration) ?? {});
    // An integration with no catalog may have delete tools: a full profile is taken at its word.
    const deletes = tools.filter(([tool, kind]) => kind === 'delete' && !grant.disabledTools.includes(tool));
    if (tools.length === 0 || deletes.length > 0) {
      const list = powers.get(grant.email) ?? [];
      list.push(
        deletes.length ? `${grant.integration} (${deletes.map(([tool]) => tool).join(', ')})` : grant.integration,
      );
      powers.set(grant.email, list);
    }
  }
  return [...powers].map(([email, where]) => ({
    code: 'delete-power',
    severity: 'medium',
    subject: email,
    message: `can delete on ${where.join('; ')}`,
  }));
}

export function guestFindings({ actual }: ReviewInput): Finding[] {
  const ownerDomains = new Set(actual.members.filter((m) => m.role === 'owner').map((m) => domainOf(m.email)));
  return actual.members.flatMap((member): Finding[] => {
    if (member.role === 'guest')
      return [{ code: 'guest', severity: 'info', subject: member.email, message: 'company guest: shared forms only' }];
    if (member.role === 'external-guest')
      return [
        {
          code: 'external-guest',
          severity: 'info',
          subject: member.email,
          message: 'external guest (supplier or customer): shared forms only',
        },
      ];
    if (ownerDomains.size > 0 && !ownerDomains.has(domainOf(member.email))) {
      return [
        {
          code: 'external-person',
          severity: 'medium',
          subject: member.email,
          message: `a ${member.role} from ${domainOf(member.email)}, a domain none of the owners is from`,
        },
      ];
    }
    return [];
  });
}

/** Plain members the config's teams leave out (only when the config has teams). */
export function noTeamFindings({ actual, teams }: ReviewInput): Finding[] {
  if (teams.size === 0) return [];
  const inTeam = new Set([...teams.values()].flat());
  return actual.members
    .filter((m) => m.role === 'member' && !inTeam.has(m.email))
    .map((m) => ({
      code: 'no-team',
      severity: 'low' as const,
      subject: m.email,
      message: 'in no team: their access is all their own entry',
    }));
}

export function pendingInviteFindings({ actual, asOf }: ReviewInput): Finding[] {
  return actual.members
    .filter((m) => m.pending && m.invitedAt && daysBetween(m.invitedAt, asOf) > THRESHOLDS.pendingDays)
    .map((m) => ({
      code: 'invite-pending',
      severity: 'medium' as const,
      subject: m.email,
      message: `invited ${m.invitedAt!.slice(0, 10)}, ${daysBetween(m.invitedAt!, asOf)} days ago, and not accepted: resend or remove`,
    }));
}

/** "Start new members read-only": who joined recently and can already write or delete. */
export function newMemberFindings({ actual, usage, asOf }: ReviewInput): Finding[] {
  if (!usage) return [];
  const roles = roleMap(actual);
  const writing = new Map<string, string[]>();
  const add = (email: string, what: string) => writing.set(email, [...(writing.get(email) ?? []), what]);
  for (const g of actual.grants) if (g.profile !== 'read-only') add(g.email, `${g.integration} ${g.profile}`);
  for (const p of actual.pipeMemberships)
    if (p.level === 'member' || p.level === 'admin') add(p.email, `pipe ${p.pipe} ${p.level}`);
  // A pending invitee has not joined: their record dates from the invitation.
  const pending = new Set(actual.members.filter((m) => m.pending).map((m) => m.email));
  const recent = usage.members.filter(
    (m) => roles.has(m.email) && daysBetween(m.joinedAt, asOf) < THRESHOLDS.newMemberDays,
  );
  return recent.flatMap(({ email, joinedAt }): Finding[] => {
    // Owners and admins write by role and are listed by privileged-count; this is about members.
    if (roles.get(email) !== 'member') return [];
    const writes = writing.get(email) ?? [];
    if (writes.length === 0) return [];
    return [
      {
        code: 'new-member-write',
        severity: 'medium',
        subject: email,
        message: pending.has(email)
          ? `invited ${joinedAt.slice(0, 10)} (not accepted yet) and can write from the day they accept: ${writes.join(', ')}; start new members read-only`
          : `joined ${joinedAt.slice(0, 10)} and can already write: ${writes.join(', ')}; start new members read-only`,
      },
    ];
  });
}

/** Memberships, grants, pipe memberships and keys that end within the next 30 days. */
export function expiringFindings(input: ReviewInput): Finding[] {
  const { asOf } = input;
  return datedAccess(input).flatMap(({ subject, what, expires }): Finding[] => {
    const days = daysBetween(asOf, expires);
    if (days < 0 || days > THRESHOLDS.expiringDays) return [];
    const message = `${what} ends ${expires} (${plural(days, 'day')} from ${asOf})`;
    return [{ code: 'access-expiring', severity: 'low', subject, message }];
  });
}

/**
 * Memberships, grants, pipe memberships and keys past their last day: the workspace refuses them
 * from the day after, so they are no access any more, only entries left behind in the config.
 */
export function endedFindings(input: ReviewInput): Finding[] {
  const { asOf } = input;
  return datedAccess(input).flatMap(({ subject, what, expires }): Finding[] => {
    const days = daysBetween(expires, asOf);
    if (days <= 0) return [];
    const message = `${what} ended ${expires} (${plural(days, 'day')} before ${asOf}): the workspace refuses it; remove it from the config`;
    return [{ code: 'access-ended', severity: 'medium', subject, message }];
  });
}

/** Everything in the workspace that has a last day, with its subject and a description. */
function datedAccess({ actual, desired }: ReviewInput): { subject: string; what: string; expires: string }[] {
  // A member's end date is in the workspace since schema 4, and in the config.
  const configured = new Map(desired.members.map((m: Member) => [m.email, m.expires]));
  const dated = (subject: string, what: string, expires: string | undefined) =>
    expires ? [{ subject, what, expires }] : [];
  return [
    ...actual.members.flatMap((m) => dated(m.email, 'membership', m.expires ?? configured.get(m.email))),
    ...actual.grants.flatMap((g) => dated(g.email, `${g.integration} access`, g.expires)),
    ...actual.pipeMemberships.flatMap((p) => dated(p.email, `pipe ${p.pipe} access`, p.expires)),
    ...actual.keys.flatMap((k) => dated(k.name, `key ${k.name}`, k.expires)),
  ];
}

/** Up to 20 names, then how many more. */
function namesOf(emails: string[]): string {
  return emails.length <= 20 ? emails.join(', ') : `${emails.slice(0, 20).join(', ')} and ${emails.length - 20} more`;
}

function roleMap(state: WorkspaceState) {
  return new Map(state.members.map((m) => [m.email, m.role]));
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
