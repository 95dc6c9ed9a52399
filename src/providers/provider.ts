// What roster needs from a workspace platform: read the actual state, say who the credential is
// and what the platform supports, and carry out a batch of changes.
import type { AuditRecord } from '../model/audit-record.js';
import type { Actor, BatchResult, Change, ChangeContext } from '../model/changes.js';
import type { WorkspaceState } from '../model/state.js';
import type { Usage } from '../model/usage.js';
import type { ProviderCapabilities } from '../model/capabilities.js';

export interface Snapshot {
  state: WorkspaceState;
  /** Opaque; changes with every committed change. */
  version: string;
  /** The workspace does not exist yet (a local file nobody created): it reads as empty. */
  isNew?: boolean;
  /**
   * Providers applied change by change: a fingerprint of each scope read ("organization",
   * "pipe:<id>"), so apply can tell, just before its first change in a scope, whether it moved.
   */
  scopes?: Record<string, string>;
  /**
   * Pipe memberships at a level roster has no name for (Pipefy's `creator`): the plan warns about
   * each and never changes or removes it.
   */
  unknownPipeLevels?: { pipe: string; email: string; level: string }[];
  /**
   * Company members whose role roster has no word for (a Pipefy custom role): left out of `state`
   * with their pipe memberships; the plan warns about each, and refuses a config that declares one.
   */
  unknownRoles?: { email: string; role: string }[];
}

export interface ApplyRequest {
  changes: readonly Change[];
  expectedVersion: string;
  /** The same key on a retry applies nothing twice. */
  idempotencyKey: string;
  context?: ChangeContext;
}

export interface Provider {
  /** For messages: "local .roster/state.db", "http http://127.0.0.1:8787". */
  readonly description: string;
  readonly capabilities: ProviderCapabilities;
  whoami(): Promise<Actor>;
  snapshot(): Promise<Snapshot>;
  /** Atomic batches; a provider without them (capabilities.atomicBatches false) has changeByChange. */
  apply(request: ApplyRequest): Promise<BatchResult>;
  /** Present exactly when capabilities.atomicBatches is false: apply runs the plan one change at a time. */
  readonly changeByChange?: ChangeByChange;
  /** When members joined and keys and grants were last used; absent where the platform records none. */
  usage?(): Promise<Usage>;
  /** One page of the audit log, oldest first; absent where the platform keeps none roster can read. */
  auditLog?(filter: AuditQuery, cursor?: string): Promise<AuditPage>;
  close(): Promise<void>;
}

export interface AuditQuery {
  /** Records about this member or done by them (an email). */
  member?: string;
  /** Records made with this key (its name). */
  key?: string;
  /** Records at or after this ISO time. */
  since?: string;
}

export type { AuditRecord } from '../model/audit-record.js';

export interface AuditPage {
  items: AuditRecord[];
  /** The cursor of the next page; absent on the last one. */
  next?: string;
}

/**
 * What a platform without batches, versions or idempotency keys (Pipefy) offers instead. The
 * provider only talks to the platform: it never retries a write whose outcome is unknown (it
 * throws a ProviderError with outcomeUnknown); the apply layer reads back with `holds` and decides.
 */
export interface ChangeByChange {
  /** The scope a change writes in: "organization" or "pipe:<id>", as in Snapshot.scopes. */
  scopeOf(change: Change): string;
  /** The scope's fingerprint as read now, comparable with Snapshot.scopes. */
  fingerprint(scope: string): Promise<string>;
  /** Whether the change's effect holds now, read from the platform: to skip it, and to verify it. */
  holds(change: Change): Promise<boolean>;
  /** Carries out one change; a refusal or failure is a ProviderError. */
  applyChange(change: Change, context: ChangeContext): Promise<void>;
  /**
   * A platform whose calls can each send several requests (a read before a write, retries) takes
   * the request budget itself: `take` before every request it sends. Without it, apply takes one
   * per call.
   */
  paceRequests?(take: () => Promise<void>): void;
}

/** A provider failure with a code the CLI can explain (stale, rejected, unreachable, ...). */
export class ProviderError extends Error {
  /** What to do about it, where the provider knows better than the code's general advice. */
  hint?: string;

  constructor(
    readonly code: string,
    message: string,
    readonly details: { index: number; code: string; message: string }[] = [],
    /** True when a write may have been carried out even though no answer said so. */
    readonly outcomeUnknown = false,
  ) {
    super(message);
  }
}

export type { ProviderCapabilities } from '../model/capabilities.js';
