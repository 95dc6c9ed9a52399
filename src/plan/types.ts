// A plan: ordered, typed changes with everything a reviewer needs next to each one.
import type { Change } from '../model/changes.js';
import type { GrantOrigin, SourceRef } from '../model/state.js';

/** `adopt`: roster starts managing something the config declares and the workspace has. */
export type Action = 'create' | 'update' | 'delete' | 'adopt';
export type RemovalClass = 'members' | 'grants' | 'pipe_memberships' | 'keys' | 'integrations';
/** What the update budget counts: role changes, grant changes, pipe level changes, key updates. */
export type UpdateClass = 'members' | 'grants' | 'pipe_memberships' | 'keys';

export interface PlannedChange {
  change: Change;
  action: Action;
  /** Who or what it is about, for grouping: an email, "key:<name>", "workspace", ... */
  subject: string;
  /** What it does, in words: "+ no-delete on stripe", "role member -> admin". */
  summary: string;
  /** Why, when it is not simply "the config says so". */
  reason?: string;
  source?: SourceRef;
  origins?: GrantOrigin[];
  /** The role that must approve it: owner for anything touching owner or admin. */
  approval: 'owner' | 'admin';
  /** A pipe membership change: the pipe's admins, who may approve it as well as company admins. */
  pipeAdmins?: string[];
  /** Billable seats added (+1) or freed (-1). */
  billing: number;
  destructive: boolean;
  escalation: boolean;
  /** It touches something that was not created by roster (drift from the config). */
  unmanaged: boolean;
  removalClass?: RemovalClass;
  /**
   * A key.rotate that finishes a staged rotation an earlier apply began and could not deliver: it
   * changes no access and finishes what was reviewed then, so the action needs no review of it.
   */
  finishesRotation?: true;
}

export interface PlanWarning {
  code: string;
  message: string;
  subject?: string;
}

export interface GuardResult {
  code: string;
  message: string;
  /** What would let the plan through, if anything. */
  override?: string;
}

export interface Plan {
  formatVersion: 1;
  workspace: string;
  provider: string;
  /** The provider state version the plan was made against. */
  stateVersion: string;
  /** The workspace does not exist yet (say, a new local file): planned as empty, created by apply. */
  newWorkspace?: boolean;
  /**
   * A provider applied change by change: the fingerprint of each scope the plan read ("organization",
   * "pipe:<id>"), so apply can tell which scope moved since.
   */
  scopes?: Record<string, string>;
  createdAt: string;
  changes: PlannedChange[];
  warnings: PlanWarning[];
  /** Guards that block the plan; empty when it may be applied. */
  blocked: GuardResult[];
  summary: { add: number; change: number; remove: number; adopt: number; billableSeats: number };
  /** sha256 of the canonical changes: what reviewers approve and apply checks. */
  digest: string;
}
