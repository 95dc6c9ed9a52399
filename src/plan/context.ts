// What every part of the diff needs to know about both sides.
import type { Policy, UnmanagedAction } from '../model/policy.js';
import type { Member, WorkspaceState } from '../model/state.js';

export interface DiffContext {
  desired: WorkspaceState;
  actual: WorkspaceState;
  policy: Policy;
  today: string;
  desiredMembers: Map<string, Member>;
  actualMembers: Map<string, Member>;
  /** Members this plan removes: their grants, pipe memberships and personal keys go with them. */
  leaving: Set<string>;
  /** Members roster leaves alone (ignored, or unmanaged with policy warn/ignore). */
  untouched: Set<string>;
  /** Managed integrations the config dropped: disconnected, their grants going with them. */
  disconnecting: Set<string>;
  /** The provider keeps members' last days (capabilities.memberExpiry): the plan sets them. */
  memberExpiry?: boolean;
  /** The root config's directory: deliver targets are shown relative to it. */
  configDir?: string;
}

/** Emails matching a policy.ignore glob (`*` any run, `?` one character), case-insensitively. */
export function isIgnored(email: string, globs: readonly string[]): boolean {
  return globs.some((glob) => {
    const pattern = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    return new RegExp(`^${pattern}$`, 'i').test(email);
  });
}

/** What to do with something present only in the workspace. */
export function unmanagedAction(managed: boolean | undefined, policy: UnmanagedAction): UnmanagedAction {
  return managed ? 'remove' : policy;
}
