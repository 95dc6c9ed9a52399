// The embedded default: the SQLite workspace store, in-process. Whoever can write the file is
// its operator, with an owner's powers.
import { existsSync } from 'node:fs';
import type { Actor, BatchResult } from '../../model/changes.js';
import { DatabaseOpenError, StoreError } from '../../store/errors.js';
import { WorkspaceStore } from '../../store/store.js';
import { FULL_CAPABILITIES } from '../../model/capabilities.js';
import type { Usage } from '../../model/usage.js';
import {
  type ApplyRequest,
  type AuditPage,
  type AuditQuery,
  type Provider,
  ProviderError,
  type Snapshot,
} from '../provider.js';

/** Audit records per page read from the file: as the server's largest page. */
const AUDIT_PAGE = 1000;

const OPERATOR: Actor = { name: 'local operator', role: 'owner' };

export class LocalProvider implements Provider {
  readonly capabilities = FULL_CAPABILITIES;
  readonly description: string;
  private store: WorkspaceStore;
  /**
   * The file does not exist (yet): a mistyped provider.path looks like this. It reads as a new,
   * empty workspace (an in-memory store), and only an apply creates the file, so a plan that is
   * declined or blocked leaves nothing behind.
   */
  private missing: boolean;

  /** With `write: false` (plan, validate, export) the file is only read, never created or migrated. */
  constructor(
    private readonly path: string,
    displayPath = path,
    private readonly options: { write: boolean } = { write: true },
  ) {
    this.description = `local ${displayPath}`;
    this.missing = path !== ':memory:' && !existsSync(path);
    this.store = openStore(() =>
      options.write && !this.missing
        ? WorkspaceStore.open(path)
        : (WorkspaceStore.openReadOnly(path) ?? WorkspaceStore.open(':memory:')),
    );
  }

  async whoami(): Promise<Actor> {
    return OPERATOR;
  }

  async snapshot(): Promise<Snapshot> {
    const { state, version } = this.store.snapshot();
    return { state, version: String(version), ...(this.missing ? { isNew: true } : {}) };
  }

  async apply(request: ApplyRequest): Promise<BatchResult> {
    if (!this.options.write) throw new Error('this local provider was opened for reading only');
    if (this.missing) {
      // Both are empty at version 0, so a plan made against the one applies to the other.
      this.store.close();
      this.store = openStore(() => WorkspaceStore.open(this.path));
      this.missing = false;
    }
    try {
      return this.store.apply(request.changes, {
        actor: OPERATOR,
        managed: true,
        expectedVersion: Number(request.expectedVersion),
        idempotencyKey: request.idempotencyKey,
        ...(request.context ? { context: request.context } : {}),
      });
    } catch (error) {
      if (error instanceof StoreError) throw new ProviderError(error.code, error.message, error.changeErrors);
      throw error;
    }
  }

  async usage(): Promise<Usage> {
    return this.store.usage();
  }

  async auditLog(filter: AuditQuery, cursor?: string): Promise<AuditPage> {
    if (this.missing) {
      throw new ProviderError(
        'workspace-not-found',
        `${this.description} does not exist: there is no audit log to read`,
      );
    }
    try {
      return this.store.audit(filter, AUDIT_PAGE, cursor);
    } catch (error) {
      if (error instanceof StoreError) throw new ProviderError(error.code, error.message);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.store.close();
  }
}

function openStore(open: () => WorkspaceStore): WorkspaceStore {
  try {
    return open();
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new ProviderError(error.code, error.message);
    throw error;
  }
}
