// What a plan leaves alone: pipe memberships the platform itself decides (where owners and admins
// are admins of every pipe, their levels are the platform's, not drift), those at a level roster
// has no name for, and people whose company role roster has no word for (a custom role) with all
// their pipe memberships. Each unnamed level or role is warned about: it is never changed or removed.
import type { ProviderCapabilities } from '../model/capabilities.js';
import type { WorkspaceState } from '../model/state.js';
import { isPrivileged } from '../model/vocabulary.js';
import type { GuardResult, PlanWarning } from './types.js';

export interface UnknownPipeLevel {
  pipe: string;
  email: string;
  level: string;
}

/** A company member whose role roster has no word for, as the provider read it. */
export interface UnknownRole {
  email: string;
  role: string;
}

/** What the provider read that roster has no word for: left alone. */
export interface Unnamed {
  pipeLevels?: readonly UnknownPipeLevel[];
  roles?: readonly UnknownRole[];
}

export function leaveAlone(
  desired: WorkspaceState,
  actual: WorkspaceState,
  capabilities: ProviderCapabilities,
  unnamed: Unnamed = {},
): { desired: WorkspaceState; actual: WorkspaceState; warnings: PlanWarning[]; blocked: GuardResult[] } {
  const privileged = new Set<string>();
  if (capabilities.implicitPipeAdmins) {
    for (const member of desired.members) if (isPrivileged(member.role)) privileged.add(member.email);
  }
  const actualPrivileged = new Set(privileged);
  if (capabilities.implicitPipeAdmins) {
    for (const member of actual.members) if (isPrivileged(member.role)) actualPrivileged.add(member.email);
  }
  const pipeLevels = unnamed.pipeLevels ?? [];
  const roles = new Map((unnamed.roles ?? []).map((u) => [u.email, u.role]));
  const unknown = new Set(pipeLevels.map((u) => `${u.pipe}\u0000${u.email}`));
  const warnings: PlanWarning[] = pipeLevels.map((u) => ({
    code: 'unknown-pipe-level',
    subject: u.email,
    message: `${u.email} is "${u.level}" in pipe ${u.pipe}, a level roster has no name for; roster leaves it as it is (change it on the platform if the config should decide)`,
  }));
  if (capabilities.implicitPipeAdmins && desired.pipes.length > 0) {
    const demoted = desired.members.filter(
      (member) => !isPrivileged(member.role) && actualPrivileged.has(member.email) && !privileged.has(member.email),
    );
    for (const member of demoted) {
      warnings.push({
        code: 'hidden-pipe-levels',
        subject: member.email,
        message: `${member.email} stops being a company owner or admin: the platform shows company admins as admins of every pipe, which hides any level they were given in a pipe before; once this is applied, plan again: a level that surfaces in a declared pipe is then planned to match the config`,
      });
    }
  }
  const blocked: GuardResult[] = [];
  for (const [email, role] of roles) {
    const declared = desired.members.find((member) => member.email === email);
    if (!declared) {
      warnings.push({
        code: 'unknown-role',
        subject: email,
        message: `${email} has the company role "${role}", which roster has no word for; roster leaves them and their pipe memberships as they are (give them a roster role on the platform if the config should decide)`,
      });
      continue;
    }
    // Planned as missing, they would be invited again (a seat billed for someone already there).
    const at = declared.source ? ` (${declared.source.file}:${declared.source.line}:${declared.source.col})` : '';
    blocked.push({
      code: 'unknown-role',
      message: `${email}${at} is declared as ${declared.role}, but has the company role "${role}" on the platform, which roster has no word for: roster would invite them again. Give them a role roster knows on the platform, or take them out of the config (roster then leaves them and their pipe memberships alone)`,
    });
  }
  if (privileged.size === 0 && actualPrivileged.size === 0 && unknown.size === 0 && roles.size === 0) {
    return { desired, actual, warnings, blocked };
  }
  return {
    desired: {
      ...desired,
      members: desired.members.filter((m) => !roles.has(m.email)),
      pipeMemberships: desired.pipeMemberships.filter(
        (m) => !privileged.has(m.email) && !roles.has(m.email) && !unknown.has(`${m.pipe}\u0000${m.email}`),
      ),
    },
    actual: {
      ...actual,
      pipeMemberships: actual.pipeMemberships.filter((m) => !actualPrivileged.has(m.email) && !roles.has(m.email)),
    },
    warnings,
    blocked,
  };
}
