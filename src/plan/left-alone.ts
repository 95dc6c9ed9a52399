// Pipe memberships a plan leaves alone: those the platform itself decides (where owners and admins
// are admins of every pipe, their levels are the platform's, not drift) and those at a level roster
// has no name for (each one warned about: it is never changed or removed).
import type { ProviderCapabilities } from '../model/capabilities.js';
import type { WorkspaceState } from '../model/state.js';
import { isPrivileged } from '../model/vocabulary.js';
import type { PlanWarning } from './types.js';

export interface UnknownPipeLevel {
  pipe: string;
  email: string;
  level: string;
}

export function leaveAlone(
  desired: WorkspaceState,
  actual: WorkspaceState,
  capabilities: ProviderCapabilities,
  unknownPipeLevels: readonly UnknownPipeLevel[] = [],
): { desired: WorkspaceState; actual: WorkspaceState; warnings: PlanWarning[] } {
  const privileged = new Set<string>();
  if (capabilities.implicitPipeAdmins) {
    for (const member of desired.members) if (isPrivileged(member.role)) privileged.add(member.email);
  }
  const actualPrivileged = new Set(privileged);
  if (capabilities.implicitPipeAdmins) {
    for (const member of actual.members) if (isPrivileged(member.role)) actualPrivileged.add(member.email);
  }
  const unknown = new Set(unknownPipeLevels.map((u) => `${u.pipe}\u0000${u.email}`));
  const warnings = unknownPipeLevels.map((u) => ({
    code: 'unknown-pipe-level',
    subject: u.email,
    message: `${u.email} is "${u.level}" in pipe ${u.pipe}, a level roster has no name for; roster leaves it as it is (change it on the platform if the config should decide)`,
  }));
  if (privileged.size === 0 && actualPrivileged.size === 0 && unknown.size === 0) return { desired, actual, warnings };
  return {
    desired: {
      ...desired,
      pipeMemberships: desired.pipeMemberships.filter(
        (m) => !privileged.has(m.email) && !unknown.has(`${m.pipe}\u0000${m.email}`),
      ),
    },
    actual: { ...actual, pipeMemberships: actual.pipeMemberships.filter((m) => !actualPrivileged.has(m.email)) },
    warnings,
  };
}
