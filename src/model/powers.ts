// Who may make a change: the role rule of DESIGN.md as one pure function, used by the store for
// every batch whatever client sent it. Owners may do everything. Admins manage integrations,
// pipes, workspace keys and the people below them. Only owners grant or take away owner/admin,
// and only owners change what an owner or admin holds: their name, grants, pipe memberships,
// removal, and any personal key of theirs (a key that carries their access would let whoever
// holds its secret act as them). Members and guests manage nothing but pipes (pipe-powers.ts): a
// member, or a company guest the settings allow, creates pipes; a pipe admin manages that pipe's
// people below owner and admin, unless settings.only_admins_manage_pipe_members. Workspace keys
// manage nothing. One more exception is self-service: any member but a guest creates and revokes
// their own personal keys (a key carries at most its owner's access, so it gives nobody anything new).
import type { Change } from './changes.js';
import { pipeCreationRefusal, pipeLevelPower } from './pipe-powers.js';
import type { WorkspaceSettings } from './state.js';
import { isGuest, isPrivileged, type PipeLevel, type Role } from './vocabulary.js';

/** The roles that may manage a workspace at all; the least one a change needs. */
export type ManagerRole = 'owner' | 'admin';

/** What the store knows about the thing a change touches, as it is before the change. */
export interface ChangeTarget {
  /**
   * The current role of the member the change is about: the member of a member, grant or pipe
   * membership change, or the owner of a personal key (named by key.create, or of the existing
   * key for the other key changes). Absent for workspace keys, integrations, pipes, new members
   * and things that do not exist.
   */
  role?: Role;
  /** For a pipe membership change by someone below admin: their own level in that pipe. */
  actorPipeLevel?: PipeLevel;
  /** The workspace's settings, for the pipe powers of people below admin. */
  settings?: WorkspaceSettings;
  /**
   * The change creates or revokes a personal key of the actor themself (POST /v1/keys, DELETE
   * /v1/keys/{name}): allowed to every role but guests, whatever the key's owner holds.
   */
  ownKey?: boolean;
}

/** The least role that may make `change` on `target`. */
export function requiredRole(change: Change, target: ChangeTarget): ManagerRole {
  switch (change.kind) {
    case 'workspace.update':
    case 'integration.disconnect': // its grants and key scopes go with it, owners' and admins' too
      return 'owner';
    case 'member.invite':
      return isPrivileged(change.role) ? 'owner' : 'admin';
    case 'member.update':
      return holdsPrivilege(target) || (change.role !== undefined && isPrivileged(change.role)) ? 'owner' : 'admin';
    case 'integration.connect':
    case 'integration.update':
    case 'integration.adopt':
    case 'pipe.create':
    case 'pipe.update':
    case 'pipe.adopt':
      return 'admin';
    default:
      // Member removal, grants, pipe memberships and keys, and adopting any of them: what the
      // target member holds.
      return holdsPrivilege(target) ? 'owner' : 'admin';
  }
}

/** Why `actor` may not make `change` on `target`, or undefined when it may. */
export function roleRefusal(actor: Role, change: Change, target: ChangeTarget): string | undefined {
  if (isSelfService(actor, change, target)) return undefined;
  if (!isPrivileged(actor)) return pipePowerRefusal(actor, change, target);
  if (actor === 'owner' || requiredRole(change, target) === 'admin') return undefined;
  if (change.kind === 'workspace.update') return 'only an owner may change the workspace settings';
  if (change.kind === 'integration.disconnect') return 'only an owner may disconnect an integration';
  if (change.kind.startsWith('key.'))
    return `only an owner may create, change, rotate or revoke a key that carries an owner's or admin's access (you are ${actor})`;
  if (change.kind === 'member.invite' || (change.kind === 'member.update' && change.role !== undefined))
    return `only an owner may grant or take away owner or admin (you are ${actor})`;
  return `only an owner may change what an owner or admin holds (you are ${actor})`;
}

/**
 * The members whose holdings a change touches: a member's own, or a personal key's owner (for a
 * replaced key, its old owner and its new one). `keyOwner` looks up an existing key's owner.
 */
export function membersConcerned(change: Change, keyOwner: (name: string) => string | undefined): string[] {
  const present = (...emails: (string | undefined)[]) => emails.filter((email) => email !== undefined);
  switch (change.kind) {
    case 'key.create':
      return present(change.owner);
    case 'key.replace':
      return present(change.owner, keyOwner(change.name));
    case 'key.update':
    case 'key.rotate':
    case 'key.retire_previous':
    case 'key.revoke':
    case 'key.adopt':
      return present(keyOwner(change.name));
    default:
      return 'email' in change ? [change.email] : [];
  }
}

/** Why someone below admin may not make `change`: all they may do is create pipes and manage pipe people. */
function pipePowerRefusal(actor: Role, change: Change, target: ChangeTarget): string | undefined {
  const settings = target.settings ?? {};
  if (change.kind === 'pipe.create') {
    if (change.createdBy !== undefined) return 'only owners and admins record a pipe as created by someone else';
    return pipeCreationRefusal(actor, settings);
  }
  if ((change.kind === 'pipe_member.set' || change.kind === 'pipe_member.remove') && target.actorPipeLevel) {
    if (target.actorPipeLevel === 'admin' && settings.onlyAdminsManagePipeMembers)
      return `settings.only_admins_manage_pipe_members reserves managing pipe ${change.pipe}'s people to company owners and admins`;
    if (pipeLevelPower(target.actorPipeLevel, 'manage_members', settings) !== 'yes')
      return `only pipe ${change.pipe}'s admins (or company owners and admins) manage its people; you are ${target.actorPipeLevel}`;
    if (holdsPrivilege(target)) return `only an owner may change what an owner or admin holds (you are a pipe admin)`;
    return undefined;
  }
  return `a ${actor} cannot manage the workspace`;
}

function isSelfService(actor: Role, change: Change, target: ChangeTarget): boolean {
  if (!target.ownKey || isGuest(actor)) return false;
  return (change.kind === 'key.create' && change.type === 'personal') || change.kind === 'key.revoke';
}

function holdsPrivilege(target: ChangeTarget): boolean {
  return target.role !== undefined && isPrivileged(target.role);
}
