// The workspace store: one SQLite file holding a whole workspace. Shared by the local provider
// (in-process) and the reference server (over HTTP).
import { authorize as decide, type Decision } from '../model/authorize.js';
import { normalizeChangeEmails } from '../model/change-emails.js';
import type { Actor, BatchResult, Change, ChangeContext } from '../model/changes.js';
import { todayUtc } from '../model/dates.js';
import type { Grant, ScopeEntry, WorkspaceState } from '../model/state.js';
import type { KeyType, Role, ToolKind } from '../model/vocabulary.js';
import { applyBatch } from './apply-batch.js';
import { type AuditEntry, type AuditFilter, readAudit, writeAudit } from './audit.js';
import { type Db, openDatabase, openDatabaseReadOnly } from './database.js';
import { listResource, type ResourceName } from './lists.js';
import type { Page } from './paging.js';
import { onceOnly } from './idempotency.js';
import { hashSecret, keyIdOf, secretMatches } from './secrets.js';
import { readSnapshot, readVersion } from './snapshot.js';
import { readUsage } from './usage.js';
import type { Usage } from '../model/usage.js';

/** A key that presented a valid secret. */
export interface AuthenticatedKey {
  id: string;
  name: string;
  type: KeyType;
  scope: ScopeEntry[];
  /** The owner of a personal key, with their current role. */
  owner?: { email: string; role: Role };
}

export interface ApplyOptions {
  actor: Actor;
  context?: ChangeContext;
  managed?: boolean;
  expectedVersion?: number;
  /** A retried batch with the same key returns the first result and applies nothing (for 24 h). */
  idempotencyKey?: string;
  /**
   * The bearer secret the caller presented: it scopes the idempotency record to that caller and
   * encrypts it. Without one (in-process callers) the record keeps no secret.
   */
  callerSecret?: string;
}

/** Compared against when a key id is unknown, so a miss costs the same as a wrong secret. */
const DECOY_HASH = hashSecret('rst_0000000000000000_decoy');

export class WorkspaceStore {
  private constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  static open(path: string, options: { clock?: () => Date } = {}): WorkspaceStore {
    return new WorkspaceStore(openDatabase(path), options.clock ?? (() => new Date()));
  }

  /** An existing workspace file, for reading only; undefined when there is no file. */
  static openReadOnly(path: string): WorkspaceStore | undefined {
    const db = openDatabaseReadOnly(path);
    return db && new WorkspaceStore(db, () => new Date());
  }

  close(): void {
    this.db.close();
  }

  version(): number {
    return readVersion(this.db);
  }

  snapshot(): { state: WorkspaceState; version: number } {
    return readSnapshot(this.db);
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM members LIMIT 1').get() === undefined;
  }

  apply(sent: readonly Change[], options: ApplyOptions): BatchResult & { replayed?: boolean } {
    // One spelling per person, whoever sent the batch: "ANA@acme.com" is ana@acme.com.
    const changes = sent.map(normalizeChangeEmails);
    const { idempotencyKey, callerSecret, ...rest } = options;
    const batch = { ...rest, now: this.clock() };
    if (!idempotencyKey) return applyBatch(this.db, changes, batch);
    const request = { changes, expectedVersion: rest.expectedVersion ?? null, managed: rest.managed ?? false };
    return this.db
      .transaction(() =>
        onceOnly(this.db, { idempotencyKey, ...(callerSecret ? { callerSecret } : {}), request, now: batch.now }, () =>
          applyBatch(this.db, changes, batch),
        ),
      )
      .immediate();
  }

  /** Whether a key with this id exists (a revoked key does not; an expired one does). */
  hasKeyId(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM keys WHERE id = ?').get(id) !== undefined;
  }

  /** The key behind a presented secret, or undefined for unknown, revoked or expired keys. */
  authenticate(secret: string): AuthenticatedKey | undefined {
    const id = keyIdOf(secret);
    const row = id
      ? (this.db.prepare('SELECT id, name, type, owner, scope, secret_hash, expires FROM keys WHERE id = ?').get(id) as
          KeyRow | undefined)
      : undefined;
    if (!secretMatches(secret, row?.secret_hash ?? DECOY_HASH) || !row) return undefined;
    const now = this.clock();
    if (row.expires && row.expires < todayUtc(now)) return undefined;
    const owner = row.owner
      ? (this.db.prepare('SELECT email, role FROM members WHERE email = ?').get(row.owner) as
          { email: string; role: Role } | undefined)
      : undefined;
    if (row.type === 'personal' && !owner) return undefined;
    this.db.prepare('UPDATE keys SET last_used_at = ? WHERE id = ?').run(now.toISOString(), row.id);
    return { id: row.id, name: row.name, type: row.type, scope: JSON.parse(row.scope), ...(owner ? { owner } : {}) };
  }

  /** Decides whether a key may call a tool, and records the decision in the audit log. */
  authorize(key: AuthenticatedKey, integration: string, tool: string): Decision {
    const now = this.clock();
    const toolRows = this.db.prepare('SELECT name, kind FROM tools WHERE integration = ?').all(integration) as {
      name: string;
      kind: ToolKind;
    }[];
    const connected = this.db.prepare('SELECT 1 FROM integrations WHERE id = ?').get(integration) !== undefined;
    const grantRow = key.owner
      ? (this.db
          .prepare('SELECT profile, disabled_tools, expires FROM grants WHERE email = ? AND integration = ?')
          .get(key.owner.email, integration) as
          { profile: Grant['profile']; disabled_tools: string; expires: string | null } | undefined)
      : undefined;
    const decision = decide(integration, tool, {
      today: todayUtc(now),
      key: { name: key.name, type: key.type, scope: key.scope },
      ...(key.owner ? { owner: key.owner } : {}),
      ...(grantRow
        ? {
            grant: {
              email: key.owner!.email,
              integration,
              profile: grantRow.profile,
              disabledTools: JSON.parse(grantRow.disabled_tools),
              ...(grantRow.expires ? { expires: grantRow.expires } : {}),
            },
          }
        : {}),
      ...(connected ? { tools: new Map(toolRows.map((row) => [row.name, row.kind])) } : {}),
    });
    writeAudit(this.db, {
      at: now.toISOString(),
      actor: { name: key.owner?.email ?? key.name, role: key.owner?.role ?? 'member', keyName: key.name },
      action: decision.allowed ? 'tool.allowed' : 'tool.denied',
      subject: key.owner?.email ?? key.name,
      detail: { integration, tool, reason: decision.reason },
      stateVersion: this.version(),
    });
    return decision;
  }

  audit(filter: AuditFilter, limit: number, cursor?: string): Page<AuditEntry> {
    return readAudit(this.db, filter, limit, cursor);
  }

  usage(): Usage {
    return readUsage(this.db);
  }

  list(resource: ResourceName, limit: number, cursor?: string): Page<unknown> {
    return listResource(this.db, resource, limit, cursor);
  }

  /**
   * On an empty store, makes `email` the owner with a personal key and returns its secret (to be
   * written once to a private file). Returns undefined when the store already has members.
   */
  bootstrapOwner(email: string): string | undefined {
    if (!this.isEmpty()) return undefined;
    const actor: Actor = { name: 'bootstrap', role: 'owner' };
    const result = this.apply(
      [
        { kind: 'member.invite', email, role: 'owner' },
        { kind: 'key.create', name: 'bootstrap-owner', type: 'personal', owner: email, scope: [], users: [] },
      ],
      { actor, context: { source: 'roster serve --bootstrap-owner' } },
    );
    return result.secrets['bootstrap-owner'];
  }
}

interface KeyRow {
  id: string;
  name: string;
  type: KeyType;
  owner: string | null;
  scope: string;
  secret_hash: Buffer;
  expires: string | null;
}
