// The actual state as roster models it, from what was read in Pipefy: company members with a role
// roster has a word for, and the declared pipes' members who are neither custom-role members (left
// alone, reported in unknownRoles) nor company admins (Pipefy makes
// those admins of every pipe: neither drift nor something to change). Everything read counts as
// managed: Pipefy has no place to record what roster manages, so nothing is ever "adopted".
import type { BillingPlan } from '../../model/vocabulary.js';
import type { Member, PipeMembership, WorkspaceState } from '../../model/state.js';
import { emptyState } from '../../model/state.js';
import type { Snapshot } from '../provider.js';
import { levelFromPipefy, roleFromPipefy } from './mapping.js';
import {
  companyAdmins,
  type DeclaredPipe,
  fingerprintOf,
  type LiveMember,
  ORGANIZATION_SCOPE,
  pipeScope,
  versionOf,
} from './read.js';

/** What the config says about things Pipefy does not let roster change (they are reported as declared). */
export interface PipefyDeclarations {
  workspace: { name: string; plan: BillingPlan };
  pipes: DeclaredPipe[];
  /** Declared members' names: a Pipefy user's name is their own, so roster neither reads nor changes it. */
  names: Map<string, string>;
}

export interface PipefyRead {
  organization: LiveMember[];
  pipes: Map<string, LiveMember[]>; // by config pipe id
}

export function buildSnapshot(read: PipefyRead, declared: PipefyDeclarations): Snapshot {
  const state: WorkspaceState = emptyState(declared.workspace.name, declared.workspace.plan);
  const unknownPipeLevels: NonNullable<Snapshot['unknownPipeLevels']> = [];
  const unknownRoles: NonNullable<Snapshot['unknownRoles']> = [];
  for (const live of read.organization) {
    const role = roleFromPipefy(live.roleName);
    // A custom company role has no roster word: the member is left out with their pipe
    // memberships (else a plan would remove those), so left alone; the plan says so.
    if (!role) {
      unknownRoles.push({ email: live.email, role: live.roleName });
      continue;
    }
    const name = declared.names.get(live.email);
    const member: Member = { email: live.email, role, managed: true, ...(name ? { name } : {}) };
    state.members.push(member);
  }
  const admins = companyAdmins(read.organization);
  const unnamed = new Set(unknownRoles.map((u) => u.email));
  const scopes: Record<string, string> = { [ORGANIZATION_SCOPE]: fingerprintOf(read.organization) };
  for (const pipe of declared.pipes) {
    const members = read.pipes.get(pipe.id) ?? [];
    state.pipes.push({ id: pipe.id, ...(pipe.name ? { name: pipe.name } : {}), managed: true });
    scopes[pipeScope(pipe.id)] = fingerprintOf(members, admins);
    for (const live of members) {
      if (admins.has(live.email) || unnamed.has(live.email)) continue;
      const level = levelFromPipefy(live.roleName);
      if (!level) {
        unknownPipeLevels.push({ pipe: pipe.id, email: live.email, level: live.roleName });
        continue;
      }
      const membership: PipeMembership = { pipe: pipe.id, email: live.email, level, managed: true };
      state.pipeMemberships.push(membership);
    }
  }
  return {
    state,
    version: versionOf(scopes),
    scopes,
    ...(unknownPipeLevels.length ? { unknownPipeLevels } : {}),
    ...(unknownRoles.length ? { unknownRoles } : {}),
  };
}
