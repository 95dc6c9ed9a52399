// Self-service: a member's own personal keys, created and revoked through the server (checked by
// the one role rule and audited like any change), and their view of their own access (GET /v1/me).
// Such keys are not in any config: policy.unmanaged.keys decides what a plan does with them.
import type { Actor, BatchResult, Change } from '../model/changes.js';
import { isExpired } from '../model/dates.js';
import type { ScopeEntry } from '../model/state.js';
import { isGuest, isPrivileged, type PipeLevel, type Profile, type Role } from '../model/vocabulary.js';
import { applyBatch, type BatchOptions } from './apply-batch.js';
import type { Db } from './database.js';
import { StoreError } from './errors.js';

/** What a member asks for in POST /v1/keys. */
export interface OwnKeyRequest {
  name: string;
  /** Empty: the owner's full access, as it is whenever the key is used. */
  scope: ScopeEntry[];
  expires?: string;
}

/** A key as its owner sees it: never a secret. */
export interface OwnKey {
  name: string;
  type: 'personal';
  scope: ScopeEntry[];
  expires?: string;
  managed: boolean;
  createdAt: string;
  rotatedAt: string;
  lastUsedAt?: string;
}

/** GET /v1/me: the caller's own access and nothing else. */
export interface OwnAccess {
  member: { email: string; name?: string; role: Role; expires?: string };
  /** Effective now: a privileged role's implicit full access, or the member's unexpired grants. */
  integrations: {
    integration: string;
    profile: Profile;
    disabledTools: string[];
    source: 'role' | 'grant';
    expires?: string;
  }[];
  pipes: { pipe: string; level: PipeLevel; source: 'role' | 'membership'; expires?: string }[];
  keys: OwnKey[];
}

const SOURCE = 'self-service';

export function createOwnKey(
  db: Db,
  actor: Actor,
  request: OwnKeyRequest,
  now: Date,
): { key: OwnKey; secret: string; version: number } {
  const result = applyOne(
    db,
    {
      kind: 'key.create',
      name: request.name,
      type: 'personal',
      owner: actor.name,
      scope: request.scope,
      users: [],
      ...(request.expires ? { expires: request.expires } : {}),
    },
    { actor, context: { source: `${SOURCE} (POST /v1/keys)` }, now },
  );
  return {
    key: readOwnKeys(db, actor.name, request.name)[0]!,
    secret: result.secrets[request.name]!,
    version: result.version,
  };
}

/**
 * Revokes a key: the caller's own, or anyone's the role rule lets them revoke. A member who may
 * only revoke their own keys learns nothing about other keys: every other name is "not found".
 */
export function revokeKey(db: Db, actor: Actor, name: string, now: Date): { version: number } {
  const row = db.prepare('SELECT owner FROM keys WHERE name = ?').get(name) as { owner: string | null } | undefined;
  if (!row || (!isPrivileged(actor.role) && row.owner !== actor.name)) {
    throw new StoreError(
      'not-found',
      isPrivileged(actor.role) ? `no key is named ${name}` : `you have no key named ${name}`,
    );
  }
  const result = applyOne(
    db,
    { kind: 'key.revoke', name },
    {
      actor,
      context: { source: `${SOURCE} (DELETE /v1/keys/${name})` },
      now,
    },
  );
  return { version: result.version };
}

export function readOwnAccess(db: Db, email: string, today: string): OwnAccess {
  const member = db.prepare('SELECT email, name, role, expires FROM members WHERE email = ?').get(email) as {
    email: string;
    name: string | null;
    role: Role;
    expires: string | null;
  };
  const role = member.role;
  const base = {
    member: {
      email: member.email,
      ...(member.name ? { name: member.name } : {}),
      role,
      ...(member.expires ? { expires: member.expires } : {}),
    },
    keys: readOwnKeys(db, email),
  };
  // A member past their last day never gets here: the server refuses them first.
  if (isGuest(role)) return { ...base, integrations: [], pipes: [] };
  if (isPrivileged(role)) {
    const ids = (table: 'integrations' | 'pipes') =>
      (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((row) => row.id);
    return {
      ...base,
      integrations: ids('integrations').map((integration) => ({
        integration,
        profile: 'full',
        disabledTools: [],
        source: 'role',
      })),
      pipes: ids('pipes').map((pipe) => ({ pipe, level: 'admin', source: 'role' })),
    };
  }
  const grants = db
    .prepare('SELECT integration, profile, disabled_tools, expires FROM grants WHERE email = ? ORDER BY integration')
    .all(email) as { integration: string; profile: Profile; disabled_tools: string; expires: string | null }[];
  const pipes = db
    .prepare('SELECT pipe, level, expires FROM pipe_members WHERE email = ? ORDER BY pipe')
    .all(email) as { pipe: string; level: PipeLevel; expires: string | null }[];
  const live = <T extends { expires: string | null }>(rows: T[]) =>
    rows.filter((row) => !isExpired(row.expires ?? undefined, today));
  return {
    ...base,
    integrations: live(grants).map((grant) => ({
      integration: grant.integration,
      profile: grant.profile,
      disabledTools: JSON.parse(grant.disabled_tools),
      source: 'grant',
      ...(grant.expires ? { expires: grant.expires } : {}),
    })),
    pipes: live(pipes).map((row) => ({
      pipe: row.pipe,
      level: row.level,
      source: 'membership',
      ...(row.expires ? { expires: row.expires } : {}),
    })),
  };
}

/**
 * One change as its own batch. A refusal by the role rule answers as forbidden (403), like any
 * other self-service refusal; the rest (a taken name, a scope beyond the owner's access) as a
 * rejected change (422) with its reason.
 */
function applyOne(db: Db, change: Change, options: BatchOptions): BatchResult {
  try {
    return applyBatch(db, [change], options);
  } catch (error) {
    const refused = error instanceof StoreError ? error.changeErrors[0] : undefined;
    if (refused?.code === 'forbidden') throw new StoreError('forbidden', refused.message);
    // The cap's reason is the whole answer: it says what to do next.
    if (refused?.code === 'too-many-own-keys') throw new StoreError('rejected', refused.message, [refused]);
    throw error;
  }
}

/** The personal keys of `owner` (one, when `name` is given), oldest name first. */
function readOwnKeys(db: Db, owner: string, name?: string): OwnKey[] {
  const rows = db
    .prepare(
      `SELECT name, scope, expires, managed, created_at, rotated_at, last_used_at FROM keys
       WHERE owner = ? AND type = 'personal' ${name === undefined ? '' : 'AND name = ?'} ORDER BY name`,
    )
    .all(owner, ...(name === undefined ? [] : [name])) as {
    name: string;
    scope: string;
    expires: string | null;
    managed: number;
    created_at: string;
    rotated_at: string;
    last_used_at: string | null;
  }[];
  return rows.map((row) => ({
    name: row.name,
    type: 'personal',
    scope: JSON.parse(row.scope),
    ...(row.expires ? { expires: row.expires } : {}),
    managed: row.managed === 1,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
    ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}),
  }));
}
