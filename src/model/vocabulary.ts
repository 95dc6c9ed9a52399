// The workspace vocabulary shared by the config language, the store and the planner.
// Orders matter: each list goes from least to most access, so an index is a rank.

export const BILLING_PLANS = ['starter', 'business', 'enterprise', 'unlimited'] as const;
export type BillingPlan = (typeof BILLING_PLANS)[number];

export const ROLES = ['external-guest', 'guest', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const PROFILES = ['read-only', 'no-delete', 'full'] as const;
export type Profile = (typeof PROFILES)[number];

export const TOOL_KINDS = ['read', 'write', 'delete'] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

export const PIPE_LEVELS = ['read-only', 'restricted-view', 'member', 'admin'] as const;
export type PipeLevel = (typeof PIPE_LEVELS)[number];

/** A private pipe is seen by its members only; a public one by every company member too. */
export const PIPE_VISIBILITIES = ['private', 'public'] as const;
export type PipeVisibility = (typeof PIPE_VISIBILITIES)[number];

export const KEY_TYPES = ['personal', 'workspace'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/**
 * What an id (integration, tool, pipe, team) looks like: `$defs/id` in schemas/roster.schema.json
 * (a test keeps the two equal). A name from outside that does not match cannot exist.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Starter workspaces allow at most this many people holding owner or admin. */
export const STARTER_MAX_ADMINS = 10;

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function profileRank(profile: Profile): number {
  return PROFILES.indexOf(profile);
}

export function pipeLevelRank(level: PipeLevel): number {
  return PIPE_LEVELS.indexOf(level);
}

/** Owners and admins use every tool of every integration and are implicit pipe admins. */
export function isPrivileged(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** Guests and external guests only submit through shared forms: no pipes, integrations or keys. */
export function isGuest(role: Role): boolean {
  return role === 'guest' || role === 'external-guest';
}

/** Billable seats: everybody but guests. */
export function isBillable(role: Role): boolean {
  return !isGuest(role);
}

/** The highest tool kind a profile allows: read-only reads, no-delete also writes, full also deletes. */
export function profileAllows(profile: Profile, kind: ToolKind): boolean {
  return TOOL_KINDS.indexOf(kind) <= profileRank(profile);
}

export function maxBy<T>(values: readonly T[], rank: (value: T) => number): T {
  return values.reduce((best, value) => (rank(value) > rank(best) ? value : best));
}
