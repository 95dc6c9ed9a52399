// What the authorize path looks up on every request (a key by its id, with its hash and owner; a
// member's grant on an integration; an integration's tool catalog), read from the database once
// and kept for as long as nothing can have changed it. Every committed change bumps the state
// version, and expiry depends on the UTC date, so everything here belongs to one (version, date)
// pair: the first lookup under another pair drops it all. A revoked key, a removed member or
// grant, a narrowed scope is therefore never seen from here after the change that did it commits.
// Only what exists is kept (a miss is asked again), so invented key ids cannot grow the cache.
import type { Grant, ScopeEntry } from '../model/state.js';
import type { KeyType, Role, ToolKind } from '../model/vocabulary.js';
import type { Db, Statement } from './database.js';
import { stagedHashes } from './secrets.js';

export interface CachedKey {
  id: string;
  name: string;
  type: KeyType;
  scope: ScopeEntry[];
  secretHash: Buffer;
  /** Secrets of a staged rotation, which work beside secretHash until the rotation finishes. */
  staged: Buffer[];
  expires: string | null;
  /** A workspace key scoped to every integration (`integrations: all`). */
  allIntegrations?: true;
  /** The owner of a personal key with their current role and last day; undefined when they are gone. */
  owner?: { email: string; role: Role; expires?: string };
  /** The owner has not accepted their invitation yet (this request of theirs will). */
  ownerPending?: true;
}

interface KeyRow {
  id: string;
  name: string;
  type: KeyType;
  owner: string | null;
  scope: string;
  all_integrations: number;
  secret_hash: Buffer;
  pending_secrets: Buffer | null;
  expires: string | null;
}

interface GrantRow {
  profile: Grant['profile'];
  disabled_tools: string;
  expires: string | null;
}

export class AccessCache {
  private version = -1;
  private today = '';
  private keys = new Map<string, CachedKey>();
  /** By "email integration"; null: no grant. */
  private grants = new Map<string, Grant | null>();
  /** Connected integrations only. */
  private catalogs = new Map<string, ReadonlyMap<string, ToolKind>>();
  private readonly statements: {
    version: Statement;
    key: Statement;
    member: Statement;
    grant: Statement;
    connected: Statement;
    tools: Statement;
  };

  constructor(db: Db) {
    this.statements = {
      // No pluck(): the database hands every caller of one SQL text the same statement (database.ts).
      version: db.prepare(`SELECT value FROM meta WHERE key = 'state_version'`),
      key: db.prepare(
        'SELECT id, name, type, owner, scope, all_integrations, secret_hash, pending_secrets, expires FROM keys WHERE id = ?',
      ),
      member: db.prepare('SELECT email, role, status, expires FROM members WHERE email = ?'),
      grant: db.prepare('SELECT profile, disabled_tools, expires FROM grants WHERE email = ? AND integration = ?'),
      connected: db.prepare('SELECT 1 FROM integrations WHERE id = ?'),
      tools: db.prepare('SELECT name, kind FROM tools WHERE integration = ?'),
    };
  }

  /**
   * Reads the state version (one indexed row: a change committed by another process on the same
   * file is seen too) and drops everything cached under another version or date. Call it once
   * per request, before any lookup; returns the version the lookups belong to.
   */
  sync(today: string): number {
    const version = Number((this.statements.version.get() as { value: string }).value);
    if (version !== this.version || today !== this.today) {
      this.version = version;
      this.today = today;
      this.keys = new Map();
      this.grants = new Map();
      this.catalogs = new Map();
    }
    return version;
  }

  key(id: string): CachedKey | undefined {
    const cached = this.keys.get(id);
    if (cached) return cached;
    const row = this.statements.key.get(id) as KeyRow | undefined;
    if (!row) return undefined;
    const member = row.owner
      ? (this.statements.member.get(row.owner) as
          { email: string; role: Role; status: string; expires: string | null } | undefined)
      : undefined;
    const owner = member && {
      email: member.email,
      role: member.role,
      ...(member.expires ? { expires: member.expires } : {}),
    };
    const key: CachedKey = {
      id: row.id,
      name: row.name,
      type: row.type,
      scope: JSON.parse(row.scope) as ScopeEntry[],
      secretHash: row.secret_hash,
      staged: stagedHashes(row.pending_secrets),
      expires: row.expires,
      ...(row.all_integrations ? { allIntegrations: true as const } : {}),
      ...(owner ? { owner } : {}),
      ...(member?.status === 'pending' ? { ownerPending: true as const } : {}),
    };
    this.keys.set(id, key);
    return key;
  }

  grant(email: string, integration: string): Grant | undefined {
    // A grant names a connected integration (deleted with it), so a name a caller made up is
    // answered without a query and without a cache entry.
    if (!this.tools(integration)) return undefined;
    const id = `${email} ${integration}`;
    let grant = this.grants.get(id);
    if (grant === undefined) {
      const row = this.statements.grant.get(email, integration) as GrantRow | undefined;
      grant = row
        ? {
            email,
            integration,
            profile: row.profile,
            disabledTools: JSON.parse(row.disabled_tools) as string[],
            ...(row.expires ? { expires: row.expires } : {}),
          }
        : null;
      this.grants.set(id, grant);
    }
    return grant ?? undefined;
  }

  /** The integration's tool catalog, or undefined when it is not connected (not cached). */
  tools(integration: string): ReadonlyMap<string, ToolKind> | undefined {
    let catalog = this.catalogs.get(integration);
    if (catalog === undefined && this.statements.connected.get(integration) !== undefined) {
      const rows = this.statements.tools.all(integration) as { name: string; kind: ToolKind }[];
      catalog = new Map(rows.map((row) => [row.name, row.kind]));
      this.catalogs.set(integration, catalog);
    }
    return catalog;
  }
}
