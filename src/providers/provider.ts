// What roster needs from a workspace platform: read the actual state, say who the credential is
// and what the platform supports, and carry out a batch of changes.
import type { Actor, BatchResult, Change, ChangeContext } from '../model/changes.js';
import type { WorkspaceState } from '../model/state.js';
import type { ProviderCapabilities } from '../model/capabilities.js';

export interface Snapshot {
  state: WorkspaceState;
  /** Opaque; changes with every committed change. */
  version: string;
  /** The workspace does not exist yet (a local file nobody created): it reads as empty. */
  isNew?: boolean;
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
  apply(request: ApplyRequest): Promise<BatchResult>;
  close(): Promise<void>;
}

/** A provider failure with a code the CLI can explain (stale, rejected, unreachable, ...). */
export class ProviderError extends Error {
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
