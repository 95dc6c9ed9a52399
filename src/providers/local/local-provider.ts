// The embedded default: the SQLite workspace store, in-process. Whoever can write the file is
// its operator, with an owner's powers.
import { existsSync } from 'node:fs';
import type { Actor, BatchResult } from '../../model/changes.js';
import { DatabaseOpenError } from '../../store/database.js';
import { StoreError } from '../../store/errors.js';
import { WorkspaceStore } from '../../store/store.js';
import { FULL_CAPABILITIES } from '../../model/capabilities.js';
import { type ApplyRequest, type Provider, ProviderError, type Snapshot } from '../provider.js';

const OPERATOR: Actor = { name: 'local operator', role: 'owner' };

export class LocalProvider implements Provider {
  readonly capabilities = FULL_CAPABILITIES;
  readonly description: string;
  private readonly store: WorkspaceStore;
  /** The file did not exist when opened: a mistyped provider.path looks like this. */
  private readonly missing: boolean;

  /**
   * With `write: false` (plan, validate, export) the file is only read: a workspace that does not
   * exist yet reads as a new, empty one (an in-memory store), and nothing is created on disk.
   */
  constructor(
    path: string,
    displayPath = path,
    private readonly options: { write: boolean } = { write: true },
  ) {
    this.description = `local ${displayPath}`;
    this.missing = path !== ':memory:' && !existsSync(path);
    try {
      this.store = options.write
        ? WorkspaceStore.open(path)
        : (WorkspaceStore.openReadOnly(path) ?? WorkspaceStore.open(':memory:'));
    } catch (error) {
      if (error instanceof DatabaseOpenError) throw new ProviderError(error.code, error.message);
      throw error;
    }
  }

  async whoami(): Promise<Actor> {
    return OPERATOR;
  }

  async snapshot(): Promise<Snapshot> {
    const { state, version } = this.store.snapshot();
    // Opened for writing, the file exists now; it is still new until something is applied.
    return { state, version: String(version), ...(this.missing && version === 0 ? { isNew: true } : {}) };
  }

  async apply(request: ApplyRequest): Promise<BatchResult> {
    if (!this.options.write) throw new Error('this local provider was opened for reading only');
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

  async close(): Promise<void> {
    this.store.close();
  }
}
