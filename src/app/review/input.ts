// What a review reads, and the thresholds of its findings.
import type { Usage } from '../../model/usage.js';
import type { WorkspaceState } from '../../model/state.js';

export interface ReviewInput {
  /** The workspace as the provider reads it. */
  actual: WorkspaceState;
  /** The workspace as the config declares it (with the sources of each grant). */
  desired: WorkspaceState;
  /** The config's teams: team id -> member emails. */
  teams: ReadonlyMap<string, readonly string[]>;
  /** Joined dates and last use; absent when the provider records none. */
  usage?: Usage;
  /** YYYY-MM-DD: the day the review is as of. */
  asOf: string;
}

export const THRESHOLDS = {
  /** A key or grant without use for this long is reported. */
  unusedDays: 90,
  /** Access ending within this many days is reported. */
  expiringDays: 30,
  /** An invitation pending for longer is reported. */
  pendingDays: 14,
  /** Members who joined this recently should start read-only. */
  newMemberDays: 30,
  /** A workspace key scoped to more integrations than this is broad. */
  keyMaxIntegrations: 5,
} as const;
