// What a provider's platform supports; the planner refuses what it cannot carry out.
import type { PipeLevel, Role } from './vocabulary.js';

export type ResourceKind = 'members' | 'integrations' | 'pipes' | 'grants' | 'pipe_memberships' | 'keys';

export interface ProviderCapabilities {
  roles: readonly Role[];
  pipeLevels: readonly PipeLevel[];
  resources: readonly ResourceKind[];
  /** Applies a batch whole or not at all, refusing when the workspace left the expected version. */
  atomicBatches: boolean;
  /** Can connect integrations with a declared tool catalog (otherwise they must already exist). */
  connectsIntegrations: boolean;
  /** The most changes one batch may carry; a larger plan is applied as consecutive batches. */
  maxBatchChanges: number;
  /**
   * Keeps a member's last day (`expires`) and refuses them from the day after, before any plan
   * removes them. Without it, a plan keeps no last day there and removes the member once it passed.
   */
  memberExpiry?: boolean;
  /**
   * Owners and admins are admins of every pipe on the platform itself (Pipefy): the plan neither
   * sets nor removes their pipe levels, and does not read them as drift.
   */
  implicitPipeAdmins?: boolean;
}

export const FULL_CAPABILITIES: ProviderCapabilities = {
  roles: ['owner', 'admin', 'member', 'guest', 'external-guest'],
  pipeLevels: ['read-only', 'restricted-view', 'member', 'admin'],
  resources: ['members', 'integrations', 'pipes', 'grants', 'pipe_memberships', 'keys'],
  atomicBatches: true,
  connectsIntegrations: true,
  maxBatchChanges: Number.POSITIVE_INFINITY,
  memberExpiry: true,
};
