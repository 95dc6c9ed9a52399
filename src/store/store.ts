// The workspace store: one SQLite file holding a whole workspace, or a PostgreSQL database that
// several server instances share (src/store/postgres/). Shared by the local provider (in-process)
// and the reference server (over HTTP).
import { authorize as decide, type Decision } from '../model/authorize.js';
import { normalizeChangeEmails } from '../model/change-emails.js';
import type { Actor, BatchResult, Change, ChangeContext } from '../model/changes.js';
import { todayUtc } from '../model/dates.js';
import { type CardOwner, decidePipeAction, type PipeAction } from '../model/pipe-powers.js';
import type { ScopeEntry, WorkspaceState } from '../model/state.js';
import type { KeyType, Role } from '../model/vocabulary.js';
import { AccessCache } from './access-cache.js';
import { applyBatch } from './apply-batch.js';
import { type AuditEntry, type AuditFilter, readAudit } from './audit.js';
import { type Db, openDatabase, openDatabaseReadOnly } from './database.js';
import { GroupCommit } from './group-commit.js';
import { listResource, type ResourceName } from './lists.js';
import type { Page } from './paging.js';
import { onceOnly } from './idempotency.js';
import { acceptInvitation } from './invitations.js';
import { readPipeFacts } from './pipe-facts.js';
import { hashSecret, keyIdOf, secretMatchesAny } from './secrets.js';
import { readSnapshot, readVersion } from './snapshot.js';
import { StoreError } from './errors.js';
import {
  createOwnKey,
  type OwnAccess,
  type OwnKey,
  type OwnKeyRequest,
  readOwnAccess,
  revokeKey,
} from './self-service.js';
import { readUsage } from './usage.js';
import type { Usage } from '../model/usage.js';

/** A key that presented a valid secret. */
export interface AuthenticatedKey {
  id: string;
  name: string;
  type: KeyType;
  scope: ScopeEntry[];
  /** A workspace key scoped to every integration (`integrations: all`). */
  allIntegrations?: true;
  /** The owner of a personal key, with their current role and their last day, if any. */
  owner?: { email: string; role: Role; expires?: string };
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
  private readonly access: AccessCache;
  private readonly commits: GroupCommit;

  private constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
    private readonly isReady: () => boolean = () => true,
  ) {
    this.access = new AccessCache(db);
    this.commits = new GroupCommit(db);
  }

  static open(path: string, options: { clock?: () => Date } = {}): WorkspaceStore {
    return new WorkspaceStore(openDatabase(path), options.clock ?? (() => new Date()));
  }

  /**
   * A store over a database opened elsewhere (PostgreSQL: src/store/postgres/open.ts, kept out of
   * this module so that what bundles the local provider does not bundle a PostgreSQL client).
   */
  static over(db: Db, options: { clock?: () => Date; ready?: () => boolean } = {}): WorkspaceStore {
    return new WorkspaceStore(db, options.clock ?? (() => new Date()), options.ready);
  }

  /** Whether the store can serve: always on SQLite; on PostgreSQL, reachable with its schema current. */
  ready(): boolean {
    return this.isReady();
  }

  /** An existing workspace file, for reading only; undefined when there is no file. */
  static openReadOnly(path: string): WorkspaceStore | undefined {
    const db = openDatabaseReadOnly(path);
    return db && new WorkspaceStore(db, () => new Date());
  }

  close(): void {
    this.commits.flush();
    this.db.close();
  }

  version(): number {
    return readVersion(this.db);
  }

  snapshot(): { state: WorkspaceState; version: number } {
    this.commits.flush(); // keys' last use
    return readSnapshot(this.db);
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM members LIMIT 1').get() === undefined;
  }

  apply(sent: readonly Change[], options: ApplyOptions): BatchResult & { replayed?: boolean } {
    // One spelling per person, whoever sent the batch: "ANA@acme.com" is ana@acme.com.
    const changes = sent.map(normalizeChangeEmails);
    // Decisions made before this batch are logged before it, in the order they happened.
    this.commits.flush();
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

  /** The key behind a presented secret, or undefined for unknown, revoked or expired keys. */
  authenticate(secret: string): AuthenticatedKey | undefined {
    const now = this.clock();
    this.access.sync(todayUtc(now));
    const id = keyIdOf(secret);
    const cached = id ? this.access.key(id) : undefined;
    if (!secretMatchesAny(secret, cached?.secretHash ?? DECOY_HASH, cached?.staged ?? []) || !cached) return undefined;
    const key = this.live(cached.id, now);
    if (!key) return undefined;
    // The first request of an invited member's own key accepts the invitation (a change of state:
    // the version moves, so the cache is dropped at the next lookup). Decisions still queued are
    // written first, so the log keeps the order things happened in.
    if (cached.ownerPending && key.owner) {
      this.commits.flush();
      acceptInvitation(this.db, key.owner.email, key.name, now);
    }
    this.commits.touch(key.id, now.toISOString());
    return key;
  }

  /**
   * Decides whether a key may call a tool, and records the decision in the audit log. Resolves
   * once the record is committed (with the other decisions of the same moment, see GroupCommit):
   * a decision is answered only when the log has it. The key is looked up again by its id under
   * the current state version, so a change committed since the caller authenticated (a revoked
   * key, a removed owner) applies to this decision too.
   */
  async authorize(authenticated: AuthenticatedKey, integration: string, tool: string): Promise<Decision> {
    const now = this.clock();
    const today = todayUtc(now);
    const stateVersion = this.access.sync(today);
    const key = this.live(authenticated.id, now);
    let decision: Decision;
    if (!key) {
      decision = { allowed: false, reason: `key ${authenticated.name} was revoked or has expired` };
    } else {
      const grant = key.owner ? this.access.grant(key.owner.email, integration) : undefined;
      const tools = this.access.tools(integration);
      decision = decide(integration, tool, {
        today,
        key: {
          name: key.name,
          type: key.type,
          scope: key.scope,
          ...(key.allIntegrations ? { allIntegrations: true as const } : {}),
        },
        ...(key.owner ? { owner: key.owner } : {}),
        ...(grant ? { grant } : {}),
        ...(tools ? { tools } : {}),
      });
    }
    // The grant's last use, for the review; an owner's or admin's allowed call counts too (whether
    // they hold a grant there is the review's business, which joins on current grants).
    if (decision.allowed && key?.owner) this.commits.touchGrant(key.owner.email, integration, now.toISOString());
    await this.recordDecision(key ?? authenticated, now, stateVersion, 'tool', decision, { integration, tool });
    return decision;
  }

  /**
   * Decides whether a key's owner may take an action in a pipe, and records it in the audit log;
   * answered, like `authorize`, once the record is committed and under the current state version.
   */
  async authorizePipe(
    authenticated: AuthenticatedKey,
    pipe: string,
    action: PipeAction,
    cardOwner?: CardOwner,
  ): Promise<Decision> {
    const now = this.clock();
    const stateVersion = this.access.sync(todayUtc(now));
    const key = this.live(authenticated.id, now);
    const decision: Decision = key
      ? decidePipeAction(pipe, action, cardOwner, readPipeFacts(this.db, pipe, key.owner, now))
      : { allowed: false, reason: `key ${authenticated.name} was revoked or has expired` };
    const asked = { pipe, action, ...(cardOwner ? { cardOwner } : {}) };
    await this.recordDecision(key ?? authenticated, now, stateVersion, 'pipe', decision, asked);
    return decision;
  }

  /** Queues a decision's audit record (`tool.allowed`, `pipe.denied`, ...); resolves once committed. */
  private recordDecision(
    who: AuthenticatedKey,
    now: Date,
    stateVersion: number,
    kind: 'tool' | 'pipe',
    decision: Decision,
    asked: Record<string, string>,
  ): Promise<void> {
    return this.commits.record({
      at: now.toISOString(),
      actor: { name: who.owner?.email ?? who.name, role: who.owner?.role ?? 'member', keyName: who.name },
      action: `${kind}.${decision.allowed ? 'allowed' : 'denied'}`,
      subject: who.owner?.email ?? who.name,
      detail: { ...asked, reason: decision.reason },
      stateVersion,
    });
  }

  /** A key as it is now (after `access.sync`): undefined when revoked, expired or its owner is gone. */
  private live(id: string, now: Date): AuthenticatedKey | undefined {
    const key = this.access.key(id);
    if (!key || (key.expires && key.expires < todayUtc(now))) return undefined;
    if (key.type === 'personal' && !key.owner) return undefined;
    return {
      id: key.id,
      name: key.name,
      type: key.type,
      scope: key.scope,
      ...(key.allIntegrations ? { allIntegrations: true as const } : {}),
      ...(key.owner ? { owner: key.owner } : {}),
    };
  }

  /** Today's date (UTC) on the store's clock: the day every `expires` is compared with. */
  today(): string {
    return todayUtc(this.clock());
  }

  /** A member's own new personal key (self-service); its secret is in the answer only. */
  createOwnKey(key: AuthenticatedKey, request: OwnKeyRequest): { key: OwnKey; secret: string; version: number } {
    this.commits.flush(); // decisions made before it are logged before it, as in apply()
    return createOwnKey(this.db, selfActor(key), request, this.clock());
  }

  /** Revokes a key by name: the caller's own, or any the role rule lets an owner or admin revoke. */
  revokeKey(key: AuthenticatedKey, name: string): { version: number } {
    this.commits.flush();
    return revokeKey(this.db, selfActor(key), name, this.clock());
  }

  /** The caller's own role, access and keys (GET /v1/me). */
  ownAccess(key: AuthenticatedKey): OwnAccess {
    return readOwnAccess(this.db, selfActor(key).name, this.today());
  }

  audit(filter: AuditFilter, limit: number, cursor?: string): Page<AuditEntry> {
    this.commits.flush();
    return readAudit(this.db, filter, limit, cursor);
  }

  usage(): Usage {
    this.commits.flush(); // keys' and grants' last use
    return readUsage(this.db);
  }

  list(resource: ResourceName, limit: number, cursor?: string): Page<unknown> {
    this.commits.flush(); // keys' and grants' last use
    return listResource(this.db, resource, limit, cursor);
  }

  /**
   * On an empty store, makes `email` the owner with a personal key and returns its secret (to be
   * written once to a private file). Returns undefined when the store already has members.
   */
  bootstrapOwner(email: string): string | undefined {
    // The version read before the emptiness check: of instances bootstrapping one database at
    // once, the first commits and the others find the version moved (stale) and bootstrap nothing.
    const expectedVersion = this.version();
    if (!this.isEmpty()) return undefined;
    const actor: Actor = { name: 'bootstrap', role: 'owner' };
    let result: BatchResult;
    try {
      result = this.apply(
        [
          { kind: 'member.invite', email, role: 'owner' },
          { kind: 'key.create', name: 'bootstrap-owner', type: 'personal', owner: email, scope: [], users: [] },
        ],
        { actor, context: { source: 'roster serve --bootstrap-owner' }, expectedVersion },
      );
    } catch (error) {
      if (error instanceof StoreError && error.code === 'stale') return undefined;
      throw error;
    }
    // The owner sets the workspace up themselves: there is no invitation to accept.
    this.db.prepare(`UPDATE members SET status = 'active' WHERE email = ?`).run(email);
    return result.secrets['bootstrap-owner'];
  }
}

/** The member behind a personal key, acting for themself; a workspace key is nobody. */
function selfActor(key: AuthenticatedKey): Actor {
  if (key.type !== 'personal' || !key.owner) {
    throw new StoreError('forbidden', 'a workspace key acts for nobody: it cannot make, revoke or list keys');
  }
  return { name: key.owner.email, role: key.owner.role, keyName: key.name };
}
