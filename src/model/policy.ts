// The workspace's safety policy (policy: in the config): owner minimum, removal and update budgets,
// what to do with what only the workspace has. The config fills it; the planner reads it.
export type UnmanagedAction = 'remove' | 'warn' | 'ignore';

export interface Policy {
  minOwners: number;
  maxRemovals: { ratio: number; count: number };
  /** Role, grant, pipe level and key updates per class; beyond it needs --allow-mass-changes. */
  maxUpdates: { ratio: number; count: number };
  unmanaged: { members: UnmanagedAction; grants: UnmanagedAction; keys: UnmanagedAction };
  ignoreMembers: string[];
  personalKeys: { maxAge?: string; maxPerMember?: number };
}

export const DEFAULT_POLICY: Policy = {
  minOwners: 1,
  maxRemovals: { ratio: 0.25, count: 2 },
  maxUpdates: { ratio: 0.25, count: 5 },
  unmanaged: { members: 'remove', grants: 'remove', keys: 'warn' },
  ignoreMembers: [],
  personalKeys: {},
};
