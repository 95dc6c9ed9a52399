import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);
import {
  DatabaseOpenError,
  SECRET_PATTERN,
  StoreError,
  creatorLevel,
  decidePipeAction,
  effectiveSettings,
  isExpired,
  lookKey,
  membersConcerned,
  pipeCreationRefusal,
  roleAfterCreatingPipe,
  roleRefusal,
  todayUtc,
  unseenProblem
} from "./chunk-AAG544OT.js";
import {
  STARTER_MAX_ADMINS,
  changeSubject,
  describeChange,
  isGuest,
  isPrivileged,
  maxBy,
  normalizeEmail,
  profileAllows,
  profileRank,
  roleRank
} from "./chunk-L3OR63AK.js";
import {
  FULL_CAPABILITIES
} from "./chunk-ERPQTAKO.js";
import {
  ProviderError
} from "./chunk-3STYS2ZZ.js";

// src/providers/local/local-provider.ts
import { existsSync as existsSync2 } from "node:fs";

// src/model/broad-key.ts
function isBroadKey(key) {
  return key.type === "workspace" && key.allIntegrations === true;
}

// src/model/authorize.ts
function authorize(integration, tool, facts) {
  const deny = (reason) => ({ allowed: false, reason });
  const entry = facts.key.scope.find((scope) => scope.integration === integration);
  const owner = facts.owner;
  if (facts.key.type === "personal") {
    if (!owner) return deny(`key ${facts.key.name} has no active owner`);
    if (isExpired(owner.expires, facts.today)) return deny(`${owner.email}'s membership expired on ${owner.expires}`);
    if (isGuest(owner.role)) return deny(`${owner.email} is a ${owner.role}; guests use shared forms only`);
    if (!isPrivileged(owner.role) && !facts.grant) return deny(`${owner.email} is not assigned to ${integration}`);
  } else if (!entry && !isBroadKey(facts.key)) {
    return deny(`key ${facts.key.name} is not scoped to ${integration}`);
  }
  if (!facts.tools) return deny(`integration ${integration} is not connected`);
  const kind = facts.tools.get(tool);
  if (!kind) return deny(`integration ${integration} has no tool ${tool}`);
  if (owner && facts.key.type === "personal") {
    const grant = facts.grant;
    if (grant && !isPrivileged(owner.role)) {
      if (isExpired(grant.expires, facts.today))
        return deny(`${owner.email}'s access to ${integration} expired on ${grant.expires}`);
      const refused2 = checkProfile(grant, kind, tool, `${owner.email}'s profile`);
      if (refused2) return deny(refused2);
    }
    if (facts.key.scope.length === 0) {
      return { allowed: true, reason: `${owner.role} ${owner.email} may use ${tool} (${kind})` };
    }
  }
  if (!entry) {
    if (isBroadKey(facts.key))
      return { allowed: true, reason: `key ${facts.key.name} may use ${tool} (${kind}) on every integration` };
    return deny(`key ${facts.key.name} is not scoped to ${integration}`);
  }
  const refused = checkProfile(entry, kind, tool, `key ${facts.key.name}'s scope`);
  if (refused) return deny(refused);
  return {
    allowed: true,
    reason: `key ${facts.key.name} may use ${tool} (${kind}) on ${integration} with ${entry.profile}`
  };
}
function checkProfile(grant, kind, tool, whose) {
  if (!profileAllows(grant.profile, kind)) return `${whose} is ${grant.profile}, which does not allow ${kind} tools`;
  if (grant.disabledTools.includes(tool)) return `${tool} is disabled in ${whose}`;
  return void 0;
}

// src/model/change-emails.ts
function normalizeChangeEmails(change) {
  const fields = change;
  return {
    ...change,
    ...typeof fields.email === "string" ? { email: normalizeEmail(fields.email) } : {},
    ...typeof fields.owner === "string" ? { owner: normalizeEmail(fields.owner) } : {},
    ...typeof fields.createdBy === "string" ? { createdBy: normalizeEmail(fields.createdBy) } : {},
    ...Array.isArray(fields.users) ? {
      users: [
        ...new Set(fields.users.map((user) => typeof user === "string" ? normalizeEmail(user) : user))
      ].sort()
    } : {}
  };
}

// src/store/secrets.ts
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual
} from "node:crypto";
function newKeyId() {
  return randomBytes(8).toString("hex");
}
function newSecret(keyId) {
  return `rst_${keyId}_${randomBytes(32).toString("base64url")}`;
}
function hashSecret(secret) {
  return createHash("sha256").update(secret).digest();
}
function keyIdOf(secret) {
  return SECRET_PATTERN.exec(secret)?.[1];
}
function hashMatches(presented, storedHash) {
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}
function secretMatchesAny(secret, storedHash, staged) {
  const presented = hashSecret(secret);
  let matched = hashMatches(presented, storedHash);
  for (const hash of staged) matched = hashMatches(presented, hash) || matched;
  return matched;
}
var MAX_STAGED = 5;
var HASH_BYTES = 32;
function stagedHashes(column) {
  const hashes = [];
  for (let at = 0; column && at + HASH_BYTES <= column.length; at += HASH_BYTES)
    hashes.push(column.subarray(at, at + HASH_BYTES));
  return hashes;
}
function withStaged(column, hash) {
  return Buffer.concat([...stagedHashes(column), hash].slice(-MAX_STAGED));
}
function idempotencyKeys(callerSecret, idempotencyKey) {
  const derive = (purpose) => Buffer.from(hkdfSync("sha256", callerSecret, idempotencyKey, `roster idempotency ${purpose}`, 32));
  return { lookup: derive("lookup"), seal: derive("result") };
}
function requestFingerprint(keys, request) {
  return createHmac("sha256", keys.seal).update(request).digest();
}
function sealResult(keys, plaintext) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.seal, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}
function openResult(keys, sealed) {
  const decipher = createDecipheriv("aes-256-gcm", keys.seal, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString("utf8");
}

// src/store/access-cache.ts
var AccessCache = class {
  version = -1;
  today = "";
  keys = /* @__PURE__ */ new Map();
  /** By "email integration"; null: no grant. */
  grants = /* @__PURE__ */ new Map();
  /** Connected integrations only. */
  catalogs = /* @__PURE__ */ new Map();
  statements;
  constructor(db) {
    this.statements = {
      // No pluck(): the database hands every caller of one SQL text the same statement (database.ts).
      version: db.prepare(`SELECT value FROM meta WHERE key = 'state_version'`),
      key: db.prepare(
        "SELECT id, name, type, owner, scope, all_integrations, secret_hash, pending_secrets, expires FROM keys WHERE id = ?"
      ),
      member: db.prepare("SELECT email, role, status, expires FROM members WHERE email = ?"),
      grant: db.prepare("SELECT profile, disabled_tools, expires FROM grants WHERE email = ? AND integration = ?"),
      connected: db.prepare("SELECT 1 FROM integrations WHERE id = ?"),
      tools: db.prepare("SELECT name, kind FROM tools WHERE integration = ?")
    };
  }
  /**
   * Reads the state version (one indexed row: a change committed by another process on the same
   * file is seen too) and drops everything cached under another version or date. Call it once
   * per request, before any lookup; returns the version the lookups belong to.
   */
  sync(today) {
    const version = Number(this.statements.version.get().value);
    if (version !== this.version || today !== this.today) {
      this.version = version;
      this.today = today;
      this.keys = /* @__PURE__ */ new Map();
      this.grants = /* @__PURE__ */ new Map();
      this.catalogs = /* @__PURE__ */ new Map();
    }
    return version;
  }
  key(id) {
    const cached = this.keys.get(id);
    if (cached) return cached;
    const row = this.statements.key.get(id);
    if (!row) return void 0;
    const member = row.owner ? this.statements.member.get(row.owner) : void 0;
    const owner = member && {
      email: member.email,
      role: member.role,
      ...member.expires ? { expires: member.expires } : {}
    };
    const key = {
      id: row.id,
      name: row.name,
      type: row.type,
      scope: JSON.parse(row.scope),
      secretHash: row.secret_hash,
      staged: stagedHashes(row.pending_secrets),
      expires: row.expires,
      ...row.all_integrations ? { allIntegrations: true } : {},
      ...owner ? { owner } : {},
      ...member?.status === "pending" ? { ownerPending: true } : {}
    };
    this.keys.set(id, key);
    return key;
  }
  grant(email, integration) {
    if (!this.tools(integration)) return void 0;
    const id = `${email} ${integration}`;
    let grant = this.grants.get(id);
    if (grant === void 0) {
      const row = this.statements.grant.get(email, integration);
      grant = row ? {
        email,
        integration,
        profile: row.profile,
        disabledTools: JSON.parse(row.disabled_tools),
        ...row.expires ? { expires: row.expires } : {}
      } : null;
      this.grants.set(id, grant);
    }
    return grant ?? void 0;
  }
  /** The integration's tool catalog, or undefined when it is not connected (not cached). */
  tools(integration) {
    let catalog = this.catalogs.get(integration);
    if (catalog === void 0 && this.statements.connected.get(integration) !== void 0) {
      const rows = this.statements.tools.all(integration);
      catalog = new Map(rows.map((row) => [row.name, row.kind]));
      this.catalogs.set(integration, catalog);
    }
    return catalog;
  }
};

// src/store/paging.ts
function pageOf(rows, limit, keyOf) {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, next: encodeCursor(keyOf(items[items.length - 1])) };
}
function encodeCursor(key) {
  return Buffer.from(key, "utf8").toString("base64url");
}
function decodeCursor(cursor) {
  if (cursor === void 0) return void 0;
  const key = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : void 0;
  if (key === void 0 || encodeCursor(key) !== cursor) throw invalidCursor();
  return key;
}
function invalidCursor() {
  return new StoreError("invalid-request", "cursor must be the `next` of a previous page, unchanged");
}

// src/store/audit.ts
var inserts = /* @__PURE__ */ new WeakMap();
function writeAudit(db, entry) {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO audit (at, actor, actor_role, key_name, action, subject, detail, commit_sha, pull_request, approvers, state_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    );
    inserts.set(db, insert);
  }
  insert.run(
    entry.at,
    entry.actor.name,
    entry.actor.role,
    entry.actor.keyName ?? null,
    entry.action,
    entry.subject ?? null,
    JSON.stringify(entry.detail),
    entry.context?.commit ?? null,
    entry.context?.pullRequest ?? null,
    entry.context?.approvers ? JSON.stringify(entry.context.approvers) : null,
    entry.stateVersion
  );
}
function readAudit(db, filter, limit, cursor) {
  const position = decodeCursor(cursor) ?? "0";
  if (!/^(0|[1-9][0-9]{0,15})$/.test(position)) throw invalidCursor();
  const { sql, params } = auditQuery(filter, Number(position));
  const rows = db.prepare(sql).all(...params, limit + 1);
  return pageOf(rows.map(toEntry), limit, (entry) => String(entry.id));
}
function auditQuery(filter, after) {
  const where = [];
  const params = [];
  if (filter.member) {
    where.push("(subject = ? OR actor = ?)");
    params.push(filter.member, filter.member);
  }
  if (filter.key) {
    where.push("key_name = ?");
    params.push(filter.key);
  }
  if (filter.since) {
    where.push("at >= ?");
    params.push(filter.since);
  }
  where.push("id > ?");
  params.push(after);
  return { sql: `SELECT * FROM audit WHERE ${where.join(" AND ")} ORDER BY id LIMIT ?`, params };
}
function toEntry(row) {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    ...row.actor_role ? { actorRole: row.actor_role } : {},
    ...row.key_name ? { keyName: row.key_name } : {},
    action: row.action,
    ...row.subject ? { subject: row.subject } : {},
    detail: JSON.parse(row.detail),
    ...row.commit_sha ? { commit: row.commit_sha } : {},
    ...row.pull_request !== null ? { pullRequest: row.pull_request } : {},
    ...row.approvers ? { approvers: JSON.parse(row.approvers) } : {},
    stateVersion: row.state_version
  };
}

// src/store/invariants.ts
function checkInvariants(db, changes) {
  const errors = [];
  const blame = (email) => email === void 0 ? -1 : changes.findLastIndex((change) => changeSubject(change) === email);
  const count = (sql) => db.prepare(sql).get().n;
  const lastOwnerChange = changes.findLastIndex((c) => c.kind === "member.remove" || c.kind === "member.update");
  const hasMembers = count("SELECT count(*) AS n FROM members") > 0;
  if (count(`SELECT count(*) AS n FROM members WHERE role = 'owner'`) === 0 && (hasMembers || lastOwnerChange >= 0)) {
    errors.push({ index: lastOwnerChange, code: "last-owner", message: "a workspace always needs at least one owner" });
  }
  const guestsWithAccess = db.prepare(
    `SELECT email, role FROM members m WHERE role IN ('guest', 'external-guest') AND (
         EXISTS (SELECT 1 FROM grants g WHERE g.email = m.email) OR
         EXISTS (SELECT 1 FROM pipe_members p WHERE p.email = m.email) OR
         EXISTS (SELECT 1 FROM keys k WHERE k.owner = m.email))`
  ).all();
  for (const guest of guestsWithAccess) {
    errors.push({
      index: blame(guest.email),
      code: "guest-with-access",
      message: `${guest.email} would be a ${guest.role} with pipes, integrations or keys; remove those in the same batch`
    });
  }
  const plan = db.prepare(`SELECT value FROM meta WHERE key = 'workspace_plan'`).get().value;
  if (plan === "starter") {
    const privileged = count(`SELECT count(*) AS n FROM members WHERE role IN ('owner', 'admin')`);
    if (privileged > STARTER_MAX_ADMINS) {
      errors.push({
        index: -1,
        code: "starter-admin-limit",
        message: `the starter plan allows at most ${STARTER_MAX_ADMINS} owners and admins; this batch leaves ${privileged}`
      });
    }
    if (count(`SELECT count(*) AS n FROM members WHERE role IN ('guest', 'external-guest')`) > 0) {
      errors.push({ index: -1, code: "starter-guest", message: "the starter plan does not support guests" });
    }
    const leveled = db.prepare(`SELECT pipe, email, level FROM pipe_members WHERE level <> 'member'`).all();
    for (const membership of leveled) {
      errors.push({
        index: blame(membership.email),
        code: "starter-pipe-level",
        message: `${membership.email} would be ${membership.level} of pipe ${membership.pipe}; the starter plan has no pipe levels, only member`
      });
    }
  }
  const scopedKeys = db.prepare(
    `SELECT k.name, k.owner, k.scope FROM keys k JOIN members m ON m.email = k.owner
       WHERE k.type = 'personal' AND m.role = 'member' AND k.scope <> '[]'`
  ).all();
  const grantOf = db.prepare("SELECT profile FROM grants WHERE email = ? AND integration = ?");
  for (const key of scopedKeys) {
    for (const entry of JSON.parse(key.scope)) {
      const grant = grantOf.get(key.owner, entry.integration);
      if (!grant || profileRank(grant.profile) < profileRank(entry.profile)) {
        errors.push({
          index: changes.findLastIndex((c) => "name" in c && c.name === key.name),
          code: "key-scope-exceeds-owner",
          message: `key ${key.name} would carry ${entry.profile} on ${entry.integration}, beyond its owner ${key.owner}'s ${grant?.profile ?? "no access"}`
        });
      }
    }
  }
  return errors;
}

// src/store/key-rotation.ts
function rotateKey(db, change, now) {
  const key = db.prepare("SELECT id, pending_secrets FROM keys WHERE name = ?").get(change.name);
  if (!key) return { problem: { code: "not-found", message: `key ${change.name} does not exist` } };
  if (change.kind === "key.rotate" && change.stage) {
    const secret2 = newSecret(key.id);
    db.prepare("UPDATE keys SET pending_secrets = ?, pending_since = coalesce(pending_since, ?) WHERE id = ?").run(
      withStaged(key.pending_secrets, hashSecret(secret2)),
      now,
      key.id
    );
    return { keyId: key.id, secret: secret2 };
  }
  const secret = change.kind === "key.rotate" ? newSecret(key.id) : void 0;
  const hash = secret ? hashSecret(secret) : stagedHashes(key.pending_secrets).at(-1);
  if (!hash) return { problem: { code: "conflict", message: `key ${change.name} has no staged secret to keep` } };
  db.prepare(
    "UPDATE keys SET secret_hash = ?, rotated_at = ?, pending_secrets = NULL, pending_since = NULL WHERE id = ?"
  ).run(hash, now, key.id);
  return secret ? { keyId: key.id, secret } : { keyId: key.id };
}

// src/store/settings.ts
var COLUMNS = {
  onlyAdminsManagePipeMembers: "only_admins_manage_pipe_members",
  guestsCanCreatePipes: "guests_can_create_pipes"
};
function readSettings(db) {
  const stored = {};
  for (const [name, column] of Object.entries(COLUMNS)) {
    const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(column);
    if (row) stored[name] = row.value === "true";
  }
  return effectiveSettings(stored);
}
function writeSettings(db, settings) {
  const write = db.prepare("UPDATE meta SET value = ? WHERE key = ?");
  for (const [name, column] of Object.entries(COLUMNS)) {
    const value = settings[name];
    if (value !== void 0) write.run(String(value), column);
  }
}

// src/store/snapshot.ts
function readVersion(db) {
  return Number(db.prepare(`SELECT value FROM meta WHERE key = 'state_version'`).get().value);
}
function readSnapshot(db) {
  return db.transaction(() => ({ state: readState(db), version: readVersion(db) }))();
}
function readState(db) {
  const meta = Object.fromEntries(
    db.prepare("SELECT key, value FROM meta").all().map((row) => [
      row.key,
      row.value
    ])
  );
  const members = db.prepare("SELECT email, name, role, status, invited_at, expires, managed FROM members ORDER BY email").all().map((row) => ({
    email: row.email,
    ...row.name ? { name: row.name } : {},
    role: row.role,
    ...row.status === "pending" ? { pending: true } : {},
    ...row.invited_at ? { invitedAt: row.invited_at } : {},
    ...row.expires ? { expires: row.expires } : {},
    managed: row.managed === 1
  }));
  const tools = /* @__PURE__ */ new Map();
  for (const row of db.prepare("SELECT integration, name, kind FROM tools").all()) {
    const catalog = tools.get(row.integration) ?? {};
    catalog[row.name] = row.kind;
    tools.set(row.integration, catalog);
  }
  const integrations = db.prepare("SELECT id, name, managed FROM integrations ORDER BY id").all().map(
    (row) => ({
      id: row.id,
      ...row.name ? { name: row.name } : {},
      tools: tools.get(row.id) ?? {},
      managed: row.managed === 1
    })
  );
  const pipes = db.prepare("SELECT id, name, visibility, managed FROM pipes ORDER BY id").all().map((row) => ({
    id: row.id,
    ...row.name ? { name: row.name } : {},
    visibility: row.visibility,
    managed: row.managed === 1
  }));
  const grants = db.prepare(
    "SELECT email, integration, profile, disabled_tools, expires, managed FROM grants ORDER BY email, integration"
  ).all().map((row) => ({
    email: row.email,
    integration: row.integration,
    profile: row.profile,
    disabledTools: JSON.parse(row.disabled_tools),
    ...row.expires ? { expires: row.expires } : {},
    managed: row.managed === 1
  }));
  const pipeMemberships = db.prepare("SELECT pipe, email, level, expires, managed FROM pipe_members ORDER BY pipe, email").all().map((row) => ({
    pipe: row.pipe,
    email: row.email,
    level: row.level,
    ...row.expires ? { expires: row.expires } : {},
    managed: row.managed === 1
  }));
  const keys = db.prepare(
    `SELECT name, type, owner, scope, all_integrations, users, expires, managed, created_at, rotated_at, pending_since
         FROM keys ORDER BY name`
  ).all().map((row) => ({
    name: row.name,
    type: row.type,
    ...row.owner ? { owner: row.owner } : {},
    scope: JSON.parse(row.scope),
    ...row.all_integrations ? { allIntegrations: true } : {},
    users: JSON.parse(row.users),
    ...row.expires ? { expires: row.expires } : {},
    managed: row.managed === 1,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
    ...row.pending_since ? { rotationPending: row.pending_since } : {}
  }));
  return {
    workspace: { name: meta.workspace_name ?? "", plan: meta.workspace_plan ?? "business" },
    settings: readSettings(db),
    members,
    integrations,
    pipes,
    grants,
    pipeMemberships,
    keys
  };
}

// src/store/managed-changes.ts
function adopt(db, change) {
  const [table, where, values, what] = (() => {
    switch (change.kind) {
      case "member.adopt":
        return ["members", "email = ?", [change.email], `member ${change.email}`];
      case "integration.adopt":
        return ["integrations", "id = ?", [change.id], `integration ${change.id}`];
      case "pipe.adopt":
        return ["pipes", "id = ?", [change.id], `pipe ${change.id}`];
      case "grant.adopt":
        return [
          "grants",
          "email = ? AND integration = ?",
          [change.email, change.integration],
          `grant ${change.email} on ${change.integration}`
        ];
      case "pipe_member.adopt":
        return [
          "pipe_members",
          "pipe = ? AND email = ?",
          [change.pipe, change.email],
          `pipe membership ${change.email} in ${change.pipe}`
        ];
      case "key.adopt":
        return ["keys", "name = ?", [change.name], `key ${change.name}`];
    }
  })();
  const updated = db.prepare(`UPDATE ${table} SET managed = 1 WHERE ${where}`).run(...values);
  return updated.changes === 0 ? { code: "not-found", message: `${what} does not exist` } : void 0;
}
function disconnectIntegration(db, id) {
  if (!db.prepare("SELECT 1 FROM integrations WHERE id = ?").get(id))
    return { code: "not-found", message: `integration ${id} does not exist` };
  const keys = db.prepare("SELECT id, name, type, scope FROM keys").all();
  for (const key of keys) {
    const scope = JSON.parse(key.scope);
    const narrowed = scope.filter((entry) => entry.integration !== id);
    if (narrowed.length === scope.length) continue;
    if (narrowed.length === 0) {
      return {
        code: "key-left-without-scope",
        message: `${key.type} key ${key.name} is scoped only to ${id}; revoke it or give it another integration before disconnecting ${id}`
      };
    }
    db.prepare("UPDATE keys SET scope = ? WHERE id = ?").run(JSON.stringify(narrowed), key.id);
  }
  db.prepare("DELETE FROM integrations WHERE id = ?").run(id);
  return void 0;
}

// src/store/change-target.ts
function memberRole(db, email) {
  return db.prepare("SELECT role FROM members WHERE email = ?").get(email)?.role;
}
function keyOwner(db, name) {
  const row = db.prepare("SELECT owner FROM keys WHERE name = ?").get(name);
  return row?.owner ?? void 0;
}
function changeTarget(db, change, actor, now) {
  const emails = membersConcerned(change, (name) => keyOwner(db, name));
  const roles = emails.flatMap((email) => memberRole(db, email) ?? []);
  const ownKey = change.kind === "key.create" && change.type === "personal" && change.owner === actor.name || change.kind === "key.revoke" && keyOwner(db, change.name) === actor.name;
  const target = {
    ...roles.length ? { role: maxBy(roles, roleRank) } : {},
    ...ownKey ? { ownKey } : {}
  };
  if (isPrivileged(actor.role)) return target;
  const membership = "pipe" in change ? db.prepare("SELECT level, expires FROM pipe_members WHERE pipe = ? AND email = ?").get(change.pipe, actor.name) : void 0;
  const level = membership && !isExpired(membership.expires ?? void 0, todayUtc(now)) ? membership.level : void 0;
  return { ...target, settings: readSettings(db), ...level ? { actorPipeLevel: level } : {} };
}

// src/store/lookalikes.ts
var Lookalikes = class {
  constructor(db) {
    this.db = db;
  }
  db;
  /** Members by the look of their email; read once per batch, on the first invitation. */
  byLook;
  /** Why `email` may not be invited, or undefined; a new member's look is remembered. */
  problem(email) {
    const unseen = unseenProblem(email);
    if (unseen) return { code: "invisible-character", message: unseen };
    this.byLook ??= new Map(
      this.db.prepare("SELECT email FROM members").all().map((row) => [
        lookKey(row.email),
        row.email
      ])
    );
    const look = lookKey(email);
    const member = this.byLook.get(look);
    if (member !== void 0) {
      return {
        code: "lookalike-email",
        message: `${email} looks the same as ${member}, who is already a member; a reviewer cannot tell them apart, so they cannot be two people. Check the spelling`
      };
    }
    this.byLook.set(look, email);
    return void 0;
  }
};

// src/store/own-key-cap.ts
var MAX_OWN_KEYS = 20;
function ownKeyCapProblem(db, change, actor, managed, now) {
  if (managed || change.kind !== "key.create") return void 0;
  if (change.type !== "personal" || change.owner !== actor.name) return void 0;
  const { count } = db.prepare(
    `SELECT count(*) AS count FROM keys WHERE owner = ? AND type = 'personal' AND managed = 0
         AND (expires IS NULL OR expires >= ?)`
  ).get(actor.name, todayUtc(now));
  if (count < MAX_OWN_KEYS) return void 0;
  return {
    code: "too-many-own-keys",
    message: `${actor.name} already holds ${count} personal keys of their own, the most a member may make (${MAX_OWN_KEYS}); revoke one no longer used (DELETE /v1/keys/{name}) first`
  };
}

// src/store/apply-batch.ts
var KEEP_MANAGED = "managed = max(managed, excluded.managed)";
function applyBatch(db, changes, options) {
  return db.transaction(() => {
    const version = readVersion(db);
    if (options.expectedVersion !== void 0 && options.expectedVersion !== version) {
      throw new StoreError(
        "stale",
        `the workspace is at version ${version}, not ${options.expectedVersion}: it changed since the plan was made`
      );
    }
    if (changes.length === 0) return { version, applied: 0, secrets: {} };
    const errors = [];
    const secrets = {};
    const run = new ChangeRunner(db, options, secrets);
    changes.forEach((change, index) => {
      const problem = run.apply(change);
      if (problem) errors.push({ index, ...problem });
    });
    if (errors.length === 0) errors.push(...checkInvariants(db, changes));
    if (errors.length > 0) {
      throw new StoreError("rejected", `${errors.length} change(s) were refused; nothing was applied`, errors);
    }
    const next = version + 1;
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'state_version'`).run(String(next));
    changes.forEach(
      (change) => writeAudit(db, {
        at: options.now.toISOString(),
        actor: options.actor,
        action: change.kind,
        subject: changeSubject(change) ?? describeChange(change),
        detail: change,
        context: options.context,
        stateVersion: next
      })
    );
    return { version: next, applied: changes.length, secrets };
  }).immediate();
}
var ChangeRunner = class {
  constructor(db, options, secrets) {
    this.db = db;
    this.options = options;
    this.secrets = secrets;
    this.lookalikes = new Lookalikes(db);
  }
  db;
  options;
  secrets;
  lookalikes;
  get managed() {
    return this.options.managed ? 1 : 0;
  }
  role(email) {
    return memberRole(this.db, email);
  }
  exists(table, column, value) {
    return this.db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(value) !== void 0;
  }
  apply(change) {
    const refusal = roleRefusal(
      this.options.actor.role,
      change,
      changeTarget(this.db, change, this.options.actor, this.options.now)
    );
    if (refusal) return { code: "forbidden", message: refusal };
    const capped = ownKeyCapProblem(
      this.db,
      change,
      this.options.actor,
      this.options.managed === true,
      this.options.now
    );
    if (capped) return capped;
    const now = this.options.now.toISOString();
    const db = this.db;
    switch (change.kind) {
      case "workspace.update": {
        if (change.name !== void 0)
          db.prepare(`UPDATE meta SET value = ? WHERE key = 'workspace_name'`).run(change.name);
        if (change.plan !== void 0)
          db.prepare(`UPDATE meta SET value = ? WHERE key = 'workspace_plan'`).run(change.plan);
        if (change.settings !== void 0) writeSettings(db, change.settings);
        return void 0;
      }
      case "member.invite": {
        if (this.role(change.email)) return { code: "conflict", message: `${change.email} is already a member` };
        const unlike = this.lookalikes.problem(change.email);
        if (unlike) return unlike;
        db.prepare(
          `INSERT INTO members (email, name, role, status, invited_at, expires, managed, created_at)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)`
        ).run(change.email, change.name ?? null, change.role, now, change.expires ?? null, this.managed, now);
        return void 0;
      }
      case "member.update": {
        const current = this.role(change.email);
        if (!current) return notFound("member", change.email);
        if (change.role !== void 0 && change.role !== current) {
          db.prepare("UPDATE members SET role = ? WHERE email = ?").run(change.role, change.email);
        }
        if (change.name !== void 0)
          db.prepare("UPDATE members SET name = ? WHERE email = ?").run(change.name, change.email);
        if (change.expires !== void 0)
          db.prepare("UPDATE members SET expires = ? WHERE email = ?").run(change.expires, change.email);
        this.markManaged("members", "email = ?", change.email);
        return void 0;
      }
      case "member.remove": {
        const current = this.role(change.email);
        if (!current) return notFound("member", change.email);
        db.prepare(`DELETE FROM keys WHERE owner = ? AND type = 'personal'`).run(change.email);
        db.prepare("DELETE FROM members WHERE email = ?").run(change.email);
        return void 0;
      }
      case "integration.connect":
      case "integration.update": {
        const present = this.exists("integrations", "id", change.id);
        if (change.kind === "integration.connect" && present)
          return { code: "conflict", message: `integration ${change.id} is already connected` };
        if (change.kind === "integration.update" && !present) return notFound("integration", change.id);
        db.prepare(
          `INSERT INTO integrations (id, name, managed) VALUES (?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, ${KEEP_MANAGED}`
        ).run(change.id, change.name ?? null, this.managed);
        db.prepare("DELETE FROM tools WHERE integration = ?").run(change.id);
        const insertTool = db.prepare("INSERT INTO tools (integration, name, kind) VALUES (?, ?, ?)");
        for (const [tool, kind] of Object.entries(change.tools)) insertTool.run(change.id, tool, kind);
        return void 0;
      }
      case "pipe.create":
      case "pipe.update": {
        const present = this.exists("pipes", "id", change.id);
        if (change.kind === "pipe.create" && present) return this.pipeIdTaken(change.id);
        if (change.kind === "pipe.update" && !present) return notFound("pipe", change.id);
        db.prepare(
          `INSERT INTO pipes (id, name, visibility, managed) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = coalesce(excluded.name, name),
             visibility = coalesce(?, visibility), ${KEEP_MANAGED}`
        ).run(change.id, change.name ?? null, change.visibility ?? "private", this.managed, change.visibility ?? null);
        if (change.kind === "pipe.create") return this.becomeCreator(change.id, change.createdBy);
        return void 0;
      }
      case "grant.set": {
        const role = this.role(change.email);
        if (!role) return notFound("member", change.email);
        if (isGuest(role)) return guestProblem(change.email, role);
        if (!this.exists("integrations", "id", change.integration)) return notFound("integration", change.integration);
        db.prepare(
          `INSERT INTO grants (email, integration, profile, disabled_tools, expires, managed, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (email, integration) DO UPDATE SET profile = excluded.profile,
             disabled_tools = excluded.disabled_tools, expires = excluded.expires, granted_at = excluded.granted_at, ${KEEP_MANAGED}`
        ).run(
          change.email,
          change.integration,
          change.profile,
          JSON.stringify(change.disabledTools),
          change.expires ?? null,
          this.managed,
          this.options.now.toISOString()
        );
        return void 0;
      }
      case "grant.remove": {
        const removed = db.prepare("DELETE FROM grants WHERE email = ? AND integration = ?").run(change.email, change.integration);
        return removed.changes === 0 ? notFound("grant", `${change.email} on ${change.integration}`) : void 0;
      }
      case "pipe_member.set": {
        const role = this.role(change.email);
        if (!role) return notFound("member", change.email);
        if (isGuest(role)) return guestProblem(change.email, role);
        if (!this.exists("pipes", "id", change.pipe)) return notFound("pipe", change.pipe);
        db.prepare(
          `INSERT INTO pipe_members (pipe, email, level, expires, managed) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (pipe, email) DO UPDATE SET level = excluded.level, expires = excluded.expires, ${KEEP_MANAGED}`
        ).run(change.pipe, change.email, change.level, change.expires ?? null, this.managed);
        return void 0;
      }
      case "pipe_member.remove": {
        const removed = db.prepare("DELETE FROM pipe_members WHERE pipe = ? AND email = ?").run(change.pipe, change.email);
        return removed.changes === 0 ? notFound("pipe membership", `${change.email} in ${change.pipe}`) : void 0;
      }
      case "key.create": {
        if (this.exists("keys", "name", change.name))
          return { code: "conflict", message: `key ${change.name} already exists` };
        const problem = this.checkKeyShape(change.type, change.owner, change) ?? this.checkExpiry(change);
        if (problem) return problem;
        const id = newKeyId();
        const secret = newSecret(id);
        db.prepare(
          `INSERT INTO keys (id, name, type, owner, scope, all_integrations, users, secret_hash, expires, managed,
             created_at, rotated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        ).run(
          id,
          change.name,
          change.type,
          change.owner ?? null,
          JSON.stringify(change.scope),
          change.allIntegrations ? 1 : 0,
          JSON.stringify(change.users),
          hashSecret(secret),
          change.expires ?? null,
          this.managed,
          now,
          now
        );
        this.secrets[change.name] = secret;
        return void 0;
      }
      case "key.update": {
        const key = this.db.prepare("SELECT type, owner FROM keys WHERE name = ?").get(change.name);
        if (!key) return notFound("key", change.name);
        const problem = this.checkKeyShape(key.type, key.owner ?? void 0, change) ?? this.checkExpiry(change);
        if (problem) return problem;
        db.prepare("UPDATE keys SET scope = ?, all_integrations = ?, users = ?, expires = ? WHERE name = ?").run(
          JSON.stringify(change.scope),
          change.allIntegrations ? 1 : 0,
          JSON.stringify(change.users),
          change.expires ?? null,
          change.name
        );
        this.markManaged("keys", "name = ?", change.name);
        return void 0;
      }
      case "key.rotate":
      case "key.retire_previous": {
        const rotated = rotateKey(db, change, now);
        if ("problem" in rotated) return rotated.problem;
        if (rotated.secret) this.secrets[change.name] = rotated.secret;
        this.markManaged("keys", "id = ?", rotated.keyId);
        return void 0;
      }
      case "key.revoke": {
        const removed = db.prepare("DELETE FROM keys WHERE name = ?").run(change.name);
        return removed.changes === 0 ? notFound("key", change.name) : void 0;
      }
      case "key.replace": {
        const removed = db.prepare("DELETE FROM keys WHERE name = ?").run(change.name);
        if (removed.changes === 0) return notFound("key", change.name);
        return this.apply({ ...change, kind: "key.create" });
      }
      case "integration.disconnect":
        return disconnectIntegration(db, change.id);
      default:
        if (!this.options.managed)
          return { code: "invalid", message: `${change.kind} belongs in a managed batch (managed: true)` };
        return adopt(db, change);
    }
  }
  /**
   * The creator of a pipe (named by createdBy, or the caller when below admin) becomes its admin,
   * and a company guest becomes a billable company member by doing so, as the Pipefy document says.
   */
  becomeCreator(pipe, createdBy) {
    const email = createdBy ?? (isPrivileged(this.options.actor.role) ? void 0 : this.options.actor.name);
    if (email === void 0) return void 0;
    const role = this.role(email);
    if (!role) return notFound("member", email);
    const refusal = pipeCreationRefusal(role, readSettings(this.db));
    if (refusal) return { code: "forbidden", message: `${email}: ${refusal}` };
    if (roleAfterCreatingPipe(role) !== role)
      this.db.prepare("UPDATE members SET role = ? WHERE email = ?").run(roleAfterCreatingPipe(role), email);
    const plan = this.db.prepare(`SELECT value FROM meta WHERE key = 'workspace_plan'`).get().value;
    this.db.prepare("INSERT INTO pipe_members (pipe, email, level, managed) VALUES (?, ?, ?, 0)").run(pipe, email, creatorLevel(plan));
    return void 0;
  }
  /**
   * An id in use. Below admin one wording for every pipe, visible or private, which does not say a
   * pipe exists: /v1/authorize tells a member nothing about private pipes they are not in either.
   */
  pipeIdTaken(id) {
    if (isPrivileged(this.options.actor.role)) return { code: "conflict", message: `pipe ${id} already exists` };
    return { code: "conflict", message: `pipe id ${id} is not available; choose another id` };
  }
  /** A key's `expires` is its last day: a key dead on arrival is a mistake, and its secret a leak. */
  checkExpiry(key) {
    if (!isExpired(key.expires, todayUtc(this.options.now))) return void 0;
    return {
      code: "expired",
      message: `key ${key.name} would expire on ${key.expires}, before today; give a date from today on, or none`
    };
  }
  /** A set or update in a batch of roster's marks the row managed: roster now owns it. */
  markManaged(table, where, value) {
    if (this.options.managed) this.db.prepare(`UPDATE ${table} SET managed = 1 WHERE ${where}`).run(value);
  }
  checkKeyShape(type, owner, { scope, allIntegrations }) {
    for (const entry of scope) {
      if (!this.exists("integrations", "id", entry.integration)) return notFound("integration", entry.integration);
    }
    if (allIntegrations && (type !== "workspace" || scope.length > 0)) {
      return {
        code: "invalid",
        message: "only a workspace key may be scoped to all integrations, and then with no scope of its own"
      };
    }
    if (type === "workspace") {
      if (owner) return { code: "invalid", message: "a workspace key belongs to nobody; it cannot have an owner" };
      if (scope.length === 0 && !allIntegrations)
        return { code: "invalid", message: "a workspace key needs a scope: the integrations it may use, or all" };
      return void 0;
    }
    if (!owner) return { code: "invalid", message: "a personal key needs an owner" };
    const role = this.role(owner);
    if (!role) return notFound("member", owner);
    if (isGuest(role)) return guestProblem(owner, role);
    return void 0;
  }
};
function notFound(what, name) {
  return { code: "not-found", message: `${what} ${name} does not exist` };
}
function guestProblem(email, role) {
  return { code: "guest-with-access", message: `${email} is a ${role}; guests get no pipes, integrations or keys` };
}

// src/store/database.ts
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";

// src/store/migrations.ts
var MIGRATIONS = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO meta (key, value) VALUES ('state_version', '0'), ('workspace_name', ''), ('workspace_plan', 'business');

  CREATE TABLE members (
    email TEXT PRIMARY KEY,
    name TEXT,
    role TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    managed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE INDEX members_role ON members (role);

  CREATE TABLE integrations (id TEXT PRIMARY KEY, name TEXT, managed INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE tools (
    integration TEXT NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (integration, name)
  );

  CREATE TABLE grants (
    email TEXT NOT NULL REFERENCES members (email) ON DELETE CASCADE,
    integration TEXT NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
    profile TEXT NOT NULL,
    disabled_tools TEXT NOT NULL DEFAULT '[]',
    expires TEXT,
    managed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (email, integration)
  );

  CREATE TABLE pipes (id TEXT PRIMARY KEY, name TEXT, managed INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE pipe_members (
    pipe TEXT NOT NULL REFERENCES pipes (id) ON DELETE CASCADE,
    email TEXT NOT NULL REFERENCES members (email) ON DELETE CASCADE,
    level TEXT NOT NULL,
    expires TEXT,
    managed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pipe, email)
  );
  CREATE INDEX pipe_members_email ON pipe_members (email);

  -- The secret is never stored: only its SHA-256, looked up by the key id embedded in it.
  CREATE TABLE keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    owner TEXT REFERENCES members (email) ON DELETE CASCADE,
    scope TEXT NOT NULL DEFAULT '[]',
    users TEXT NOT NULL DEFAULT '[]',
    secret_hash BLOB NOT NULL,
    expires TEXT,
    managed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    rotated_at TEXT NOT NULL,
    last_used_at TEXT
  );
  CREATE INDEX keys_owner ON keys (owner);

  -- Audit records name members and keys by value, so they outlive them.
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_role TEXT,
    key_name TEXT,
    action TEXT NOT NULL,
    subject TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    commit_sha TEXT,
    pull_request INTEGER,
    approvers TEXT,
    state_version INTEGER NOT NULL
  );
  CREATE INDEX audit_subject ON audit (subject);
  CREATE INDEX audit_key ON audit (key_name);
  CREATE INDEX audit_at ON audit (at);

  -- A retried batch returns its first result. The lookup key and the encryption key both derive
  -- from the client's Idempotency-Key, which is never stored, so stored results reveal nothing.
  CREATE TABLE idempotency (
    lookup BLOB PRIMARY KEY,
    request_hash BLOB NOT NULL,
    result BLOB NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2: idempotency records are scoped to the caller's secret and expire after a day. Records of
  // the first scheme opened with the Idempotency-Key alone: they are wiped, not kept.
  `
  PRAGMA secure_delete = ON;
  DELETE FROM idempotency;
  CREATE INDEX idempotency_created ON idempotency (created_at);
  `,
  // 3: pipe visibility, the workspace's pipe settings, and invitations: a member invited from
  // now on is pending (members.status) until their first authenticated request; those already
  // here stay active.
  `
  ALTER TABLE pipes ADD COLUMN visibility TEXT NOT NULL DEFAULT 'private';
  ALTER TABLE members ADD COLUMN invited_at TEXT;
  INSERT INTO meta (key, value) VALUES ('only_admins_manage_pipe_members', 'false'), ('guests_can_create_pipes', 'true');
  `,
  // 4: a member's last day (the server refuses them from the day after, whatever plan is still
  // to be applied), and workspace keys scoped to every integration (`integrations: all`).
  `
  ALTER TABLE members ADD COLUMN expires TEXT;
  ALTER TABLE keys ADD COLUMN all_integrations INTEGER NOT NULL DEFAULT 0;
  `,
  // 5: each grant's last use, kept per minute by the authorize path (GroupCommit), so the review's
  // "unused for 90 days" reads one row per grant instead of scanning the audit log; filled here
  // from the log once. Each grant's last grant.set (granted_at), so a grant made yesterday is not
  // "unused for 90 days"; also filled from the log. And the audit log by actor, for \`roster audit --member\` (records about a
  // member use audit_subject, which holds (subject, id): id is the rowid).
  `
  CREATE TABLE grant_use (
    email TEXT NOT NULL,
    integration TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    PRIMARY KEY (email, integration)
  ) WITHOUT ROWID;
  INSERT INTO grant_use (email, integration, last_used_at)
    SELECT subject, json_extract(detail, '$.integration'), MAX(at) FROM audit
    WHERE action = 'tool.allowed' AND subject IS NOT NULL AND json_extract(detail, '$.integration') IS NOT NULL
    GROUP BY subject, json_extract(detail, '$.integration');
  ALTER TABLE grants ADD COLUMN granted_at TEXT;
  UPDATE grants SET granted_at = (
    SELECT MAX(at) FROM audit
    WHERE subject = grants.email AND action = 'grant.set' AND json_extract(detail, '$.integration') = grants.integration
  );
  CREATE INDEX audit_actor ON audit (actor, id);
  `,
  // 6: rotations in two steps. A staged rotation adds its new secret's hash to pending_secrets
  // (SHA-256 hashes end to end, newest last) while secret_hash keeps working; retiring the previous
  // secret moves the newest into secret_hash. pending_since: when the first unfinished one began.
  `
  ALTER TABLE keys ADD COLUMN pending_secrets BLOB;
  ALTER TABLE keys ADD COLUMN pending_since TEXT;
  `
];

// src/store/database.ts
function openDatabase(path) {
  if (path !== ":memory:") {
    createPrivately(path);
    checkRegularFile(path);
    accessSync(path, constants.R_OK | constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
  }
  const db = reusingStatements(new Database(path));
  try {
    refuseForeign(db, path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
  } catch (error) {
    db.close();
    const code = error.code;
    throw code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT" ? notAWorkspace(path, error) : error;
  }
  return db;
}
function reusingStatements(db) {
  const prepare = db.prepare.bind(db);
  const compiled = /* @__PURE__ */ new Map();
  db.prepare = ((sql) => {
    let statement = compiled.get(sql);
    if (!statement) {
      statement = prepare(sql);
      compiled.set(sql, statement);
    }
    return statement;
  });
  return db;
}
function openDatabaseReadOnly(path) {
  if (!existsSync(path)) return void 0;
  checkRegularFile(path);
  accessSync(path, constants.R_OK);
  let db;
  let version;
  try {
    db = reusingStatements(openForReading(path));
    db.pragma("busy_timeout = 5000");
    version = db.pragma("user_version", { simple: true });
  } catch (error) {
    throw notAWorkspace(path, error);
  }
  try {
    checkVersion(version, path);
    if (version < MIGRATIONS.length) {
      throw new DatabaseOpenError(
        version === 0 ? "not-a-workspace" : "workspace-outdated",
        version === 0 ? `${path} is not a roster workspace file` : `${path} was written by an older roster (schema ${version} of ${MIGRATIONS.length}); run roster apply once to upgrade it, then plan again`
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
function openForReading(path) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const before = onDisk(path);
    const folder = mkdtempSync(join(tmpdir(), "roster-read-"));
    const remove = () => rmSync(folder, { recursive: true, force: true });
    try {
      const copy = join(folder, "state.db");
      copyFileSync(path, copy);
      if (before.walHoldsCommits) checkpointInto(copy, `${path}-wal`);
      if (onDisk(path).fingerprint !== before.fingerprint) {
        remove();
        continue;
      }
      return removedOnClose(new Database(copy, { readonly: true, fileMustExist: true }), remove);
    } catch (error) {
      remove();
      throw error;
    }
  }
  return new Database(path, { readonly: true, fileMustExist: true });
}
function checkpointInto(copy, wal) {
  copyFileSync(wal, `${copy}-wal`);
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}
function removedOnClose(db, remove) {
  process.once("exit", remove);
  const close = db.close.bind(db);
  db.close = () => {
    try {
      return close();
    } finally {
      process.off("exit", remove);
      remove();
    }
  };
  return db;
}
function onDisk(path) {
  const stamp = (file) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat ? { size: stat.size, text: `${stat.size}@${stat.mtimeMs}` } : { size: 0, text: "none" };
  };
  const [main, wal] = [stamp(path), stamp(`${path}-wal`)];
  return { walHoldsCommits: wal.size > 0, fingerprint: `${main.text} ${wal.text}` };
}
function createPrivately(path) {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true, mode: 448 });
  closeSync(openSync(path, "a", 384));
  chmodSync(path, 384);
}
function checkRegularFile(path) {
  const stat = statSync(path);
  if (stat.isFile()) return;
  throw new DatabaseOpenError(
    "not-a-workspace",
    `${path} is ${stat.isDirectory() ? "a folder" : "not a regular file"}, not a roster workspace file`
  );
}
function notAWorkspace(path, error) {
  return new DatabaseOpenError(
    "not-a-workspace",
    `${path} is not a roster workspace file (${error.message})`
  );
}
function refuseForeign(db, path) {
  if (db.pragma("user_version", { simple: true }) !== 0) return;
  if (db.prepare("SELECT 1 FROM sqlite_master LIMIT 1").get() === void 0) return;
  throw new DatabaseOpenError("not-a-workspace", `${path} is an SQLite database, but not a roster workspace file`);
}
function checkVersion(current, path) {
  if (current > MIGRATIONS.length) {
    throw new DatabaseOpenError(
      "workspace-newer",
      `this workspace file (${path}) was written by a newer roster (schema ${current}); upgrade roster to open it`
    );
  }
}
function migrate(db) {
  const current = db.pragma("user_version", { simple: true });
  checkVersion(current, db.name);
  MIGRATIONS.slice(current).forEach((sql, offset) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + offset + 1}`);
    })();
  });
}

// src/store/group-commit.ts
var GroupCommit = class {
  constructor(db) {
    this.db = db;
  }
  db;
  records = [];
  waiters = [];
  lastUse = /* @__PURE__ */ new Map();
  grantUse = /* @__PURE__ */ new Map();
  /** The minute each key's (or grant's, as "grant\0email\0integration") last use was last written for (or queued in). */
  writtenMinute = /* @__PURE__ */ new Map();
  scheduled = false;
  /** The minute writtenMinute was last pruned in. */
  prunedMinute = "";
  /** Queues an audit record; resolves once it is committed, rejects if its transaction failed. */
  record(entry) {
    this.records.push(entry);
    this.schedule();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }
  /** Notes that a key was used at `at`; written at most once per key and minute. */
  touch(keyId, at) {
    if (this.firstInMinute(keyId, at)) this.lastUse.set(keyId, at);
  }
  /** Notes that a member's grant on an integration was used at `at`; written at most once per grant and minute. */
  touchGrant(email, integration, at) {
    const id = `grant\0${email}\0${integration}`;
    if (this.firstInMinute(id, at)) this.grantUse.set(id, { email, integration, at });
  }
  firstInMinute(id, at) {
    const minute = at.slice(0, 16);
    if (this.writtenMinute.get(id) === minute) return false;
    this.forgetPastMinutes(minute);
    this.writtenMinute.set(id, minute);
    this.schedule();
    return true;
  }
  /**
   * Writes whatever is queued now, in one transaction. Readers of the log or of last use call it
   * first, so what they read includes every decision answered so far (and those about to be).
   */
  flush() {
    if (this.records.length === 0 && this.lastUse.size === 0 && this.grantUse.size === 0) return;
    const records = this.records;
    const waiters = this.waiters;
    const lastUse = this.lastUse;
    const grantUse = this.grantUse;
    this.records = [];
    this.waiters = [];
    this.lastUse = /* @__PURE__ */ new Map();
    this.grantUse = /* @__PURE__ */ new Map();
    try {
      this.db.transaction(() => {
        for (const entry of records) writeAudit(this.db, entry);
        const update = this.db.prepare("UPDATE keys SET last_used_at = ? WHERE id = ?");
        for (const [id, at] of lastUse) update.run(at, id);
        const use = this.db.prepare(
          `INSERT INTO grant_use (email, integration, last_used_at) VALUES (?, ?, ?)
           ON CONFLICT (email, integration) DO UPDATE SET last_used_at = MAX(last_used_at, excluded.last_used_at)`
        );
        for (const { email, integration, at } of grantUse.values()) use.run(email, integration, at);
      })();
    } catch (error) {
      for (const id of [...lastUse.keys(), ...grantUse.keys()]) this.writtenMinute.delete(id);
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    for (const waiter of waiters) waiter.resolve();
  }
  /**
   * Once a minute, forgets the keys last written for an earlier minute: their next use writes
   * anyway, and otherwise every key ever used (revoked ones too) would stay in the map.
   */
  forgetPastMinutes(minute) {
    if (this.prunedMinute === minute) return;
    this.prunedMinute = minute;
    for (const [id, written] of this.writtenMinute) if (written !== minute) this.writtenMinute.delete(id);
  }
  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }
};

// src/store/lists.ts
var GRANT_USE_SQL = `SELECT g.email AS email, g.integration AS integration, g.granted_at AS grantedAt,
  u.last_used_at AS lastUsedAt
  FROM grants g LEFT JOIN grant_use u ON u.email = g.email AND u.integration = g.integration`;
var RESOURCES = {
  members: { sql: "SELECT email, name, role, expires, managed, created_at AS createdAt FROM members", key: ["email"] },
  integrations: { sql: "SELECT id, name, managed FROM integrations", key: ["id"] },
  pipes: { sql: "SELECT id, name, managed FROM pipes", key: ["id"] },
  grants: {
    sql: `SELECT email, integration, profile, disabled_tools AS disabledTools, expires, managed FROM grants`,
    key: ["email", "integration"]
  },
  "pipe-members": {
    sql: `SELECT pipe, email, level, expires, managed FROM pipe_members`,
    key: ["pipe", "email"]
  },
  keys: {
    sql: `SELECT name, type, owner, scope, all_integrations AS allIntegrations, users, expires, managed, created_at AS createdAt, rotated_at AS rotatedAt,
          last_used_at AS lastUsedAt FROM keys`,
    key: ["name"]
  },
  /** When each grant was last used (the review's "unused for 90 days"); grants never used are absent. */
  "grant-use": { sql: GRANT_USE_SQL, key: ["email", "integration"] }
};
var RESOURCE_NAMES = Object.keys(RESOURCES);
var JSON_COLUMNS = /* @__PURE__ */ new Set(["disabledTools", "scope", "users"]);
function listResource(db, resource, limit, cursor) {
  const { key } = RESOURCES[resource];
  const after = decodeCursor(cursor)?.split("\0");
  if (after !== void 0 && after.length !== key.length) throw invalidCursor();
  const rows = db.prepare(pageSql(resource, after !== void 0)).all(...after ?? [], limit + 1);
  return mapPage(pageOf(rows, limit, (row) => key.map((column) => String(row[column])).join("\0")));
}
function pageSql(resource, afterCursor) {
  const { sql, key } = RESOURCES[resource];
  const columns = key.length === 1 ? key[0] : `(${key.join(", ")})`;
  const placeholders = key.length === 1 ? "?" : `(${key.map(() => "?").join(", ")})`;
  return `SELECT * FROM (${sql}) AS page WHERE ${afterCursor ? `${columns} > ${placeholders}` : "TRUE"} ORDER BY ${key.join(", ")} LIMIT ?`;
}
function mapPage(page) {
  const items = page.items.map((row) => {
    const out = {};
    for (const [column, value] of Object.entries(row)) {
      if (value === null) continue;
      if (column === "managed") out.managed = value === 1;
      else if (column === "allIntegrations") Object.assign(out, value === 1 ? { allIntegrations: true } : {});
      else out[column] = JSON_COLUMNS.has(column) ? JSON.parse(String(value)) : value;
    }
    return out;
  });
  return { items, ...page.next ? { next: page.next } : {} };
}

// src/store/idempotency.ts
var IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1e3;
function onceOnly(db, request, apply) {
  const expired = new Date(request.now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  db.prepare("DELETE FROM idempotency WHERE created_at < ?").run(expired);
  const keys = idempotencyKeys(request.callerSecret ?? "", request.idempotencyKey);
  const fingerprint = requestFingerprint(keys, JSON.stringify(request.request));
  const previous = db.prepare("SELECT request_hash, result FROM idempotency WHERE lookup = ?").get(keys.lookup);
  if (previous) {
    if (!previous.request_hash.equals(fingerprint)) {
      throw new StoreError("idempotency-conflict", "this Idempotency-Key was already used for a different batch");
    }
    return { ...JSON.parse(openResult(keys, previous.result)), replayed: true };
  }
  const result = apply();
  const kept = request.callerSecret ? result : { ...result, secrets: {} };
  db.prepare("INSERT INTO idempotency (lookup, request_hash, result, created_at) VALUES (?, ?, ?, ?)").run(
    keys.lookup,
    fingerprint,
    sealResult(keys, JSON.stringify(kept)),
    request.now.toISOString()
  );
  return result;
}

// src/store/invitations.ts
function acceptInvitation(db, email, keyName, now) {
  return db.transaction(() => {
    const accepted = db.prepare(`UPDATE members SET status = 'active' WHERE email = ? AND status = 'pending' RETURNING role`).get(email);
    if (!accepted) return false;
    const version = readVersion(db) + 1;
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'state_version'`).run(String(version));
    writeAudit(db, {
      at: now.toISOString(),
      actor: { name: email, role: accepted.role, keyName },
      action: "member.accept",
      subject: email,
      detail: { email },
      stateVersion: version
    });
    return true;
  }).immediate();
}

// src/store/pipe-facts.ts
function readPipeFacts(db, pipe, person, now) {
  const row = db.prepare("SELECT visibility FROM pipes WHERE id = ?").get(pipe);
  const membership = person ? db.prepare("SELECT level, expires FROM pipe_members WHERE pipe = ? AND email = ?").get(pipe, person.email) : void 0;
  const today = todayUtc(now);
  const current = membership && !isExpired(membership.expires ?? void 0, today) ? membership : void 0;
  return {
    today,
    ...person ? { person } : {},
    ...row ? { pipe: row } : {},
    ...current ? { level: current.level } : {},
    settings: readSettings(db)
  };
}

// src/store/self-service.ts
var SOURCE = "self-service";
function createOwnKey(db, actor, request, now) {
  const result = applyOne(
    db,
    {
      kind: "key.create",
      name: request.name,
      type: "personal",
      owner: actor.name,
      scope: request.scope,
      users: [],
      ...request.expires ? { expires: request.expires } : {}
    },
    { actor, context: { source: `${SOURCE} (POST /v1/keys)` }, now }
  );
  return {
    key: readOwnKeys(db, actor.name, request.name)[0],
    secret: result.secrets[request.name],
    version: result.version
  };
}
function revokeKey(db, actor, name, now) {
  const row = db.prepare("SELECT owner FROM keys WHERE name = ?").get(name);
  if (!row || !isPrivileged(actor.role) && row.owner !== actor.name) {
    throw new StoreError(
      "not-found",
      isPrivileged(actor.role) ? `no key is named ${name}` : `you have no key named ${name}`
    );
  }
  const result = applyOne(
    db,
    { kind: "key.revoke", name },
    {
      actor,
      context: { source: `${SOURCE} (DELETE /v1/keys/${name})` },
      now
    }
  );
  return { version: result.version };
}
function readOwnAccess(db, email, today) {
  const member = db.prepare("SELECT email, name, role, expires FROM members WHERE email = ?").get(email);
  const role = member.role;
  const base = {
    member: {
      email: member.email,
      ...member.name ? { name: member.name } : {},
      role,
      ...member.expires ? { expires: member.expires } : {}
    },
    keys: readOwnKeys(db, email)
  };
  if (isGuest(role)) return { ...base, integrations: [], pipes: [] };
  if (isPrivileged(role)) {
    const ids = (table) => db.prepare(`SELECT id FROM ${table} ORDER BY id`).all().map((row) => row.id);
    return {
      ...base,
      integrations: ids("integrations").map((integration) => ({
        integration,
        profile: "full",
        disabledTools: [],
        source: "role"
      })),
      pipes: ids("pipes").map((pipe) => ({ pipe, level: "admin", source: "role" }))
    };
  }
  const grants = db.prepare("SELECT integration, profile, disabled_tools, expires FROM grants WHERE email = ? ORDER BY integration").all(email);
  const pipes = db.prepare("SELECT pipe, level, expires FROM pipe_members WHERE email = ? ORDER BY pipe").all(email);
  const live = (rows) => rows.filter((row) => !isExpired(row.expires ?? void 0, today));
  return {
    ...base,
    integrations: live(grants).map((grant) => ({
      integration: grant.integration,
      profile: grant.profile,
      disabledTools: JSON.parse(grant.disabled_tools),
      source: "grant",
      ...grant.expires ? { expires: grant.expires } : {}
    })),
    pipes: live(pipes).map((row) => ({
      pipe: row.pipe,
      level: row.level,
      source: "membership",
      ...row.expires ? { expires: row.expires } : {}
    }))
  };
}
function applyOne(db, change, options) {
  try {
    return applyBatch(db, [change], options);
  } catch (error) {
    const refused = error instanceof StoreError ? error.changeErrors[0] : void 0;
    if (refused?.code === "forbidden") throw new StoreError("forbidden", refused.message);
    if (refused?.code === "too-many-own-keys") throw new StoreError("rejected", refused.message, [refused]);
    throw error;
  }
}
function readOwnKeys(db, owner, name) {
  const rows = db.prepare(
    `SELECT name, scope, expires, managed, created_at, rotated_at, last_used_at FROM keys
       WHERE owner = ? AND type = 'personal' ${name === void 0 ? "" : "AND name = ?"} ORDER BY name`
  ).all(owner, ...name === void 0 ? [] : [name]);
  return rows.map((row) => ({
    name: row.name,
    type: "personal",
    scope: JSON.parse(row.scope),
    ...row.expires ? { expires: row.expires } : {},
    managed: row.managed === 1,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
    ...row.last_used_at ? { lastUsedAt: row.last_used_at } : {}
  }));
}

// src/store/usage.ts
function readUsage(db) {
  return db.transaction(() => ({
    members: db.prepare("SELECT email, created_at AS joinedAt FROM members ORDER BY email").all(),
    keys: db.prepare("SELECT name, last_used_at AS lastUsedAt FROM keys WHERE last_used_at IS NOT NULL ORDER BY name").all(),
    // Through the list's mapping, so the local provider and GET /v1/grant-use agree (nulls left out).
    grants: listResource(db, "grant-use", Number.MAX_SAFE_INTEGER).items
  }))();
}

// src/store/store.ts
var DECOY_HASH = hashSecret("rst_0000000000000000_decoy");
var WorkspaceStore = class _WorkspaceStore {
  constructor(db, clock, isReady = () => true) {
    this.db = db;
    this.clock = clock;
    this.isReady = isReady;
    this.access = new AccessCache(db);
    this.commits = new GroupCommit(db);
  }
  db;
  clock;
  isReady;
  access;
  commits;
  static open(path, options = {}) {
    return new _WorkspaceStore(openDatabase(path), options.clock ?? (() => /* @__PURE__ */ new Date()));
  }
  /**
   * A store over a database opened elsewhere (PostgreSQL: src/store/postgres/open.ts, kept out of
   * this module so that what bundles the local provider does not bundle a PostgreSQL client).
   */
  static over(db, options = {}) {
    return new _WorkspaceStore(db, options.clock ?? (() => /* @__PURE__ */ new Date()), options.ready);
  }
  /** Whether the store can serve: always on SQLite; on PostgreSQL, reachable with its schema current. */
  ready() {
    return this.isReady();
  }
  /** An existing workspace file, for reading only; undefined when there is no file. */
  static openReadOnly(path) {
    const db = openDatabaseReadOnly(path);
    return db && new _WorkspaceStore(db, () => /* @__PURE__ */ new Date());
  }
  close() {
    this.commits.flush();
    this.db.close();
  }
  version() {
    return readVersion(this.db);
  }
  snapshot() {
    this.commits.flush();
    return readSnapshot(this.db);
  }
  isEmpty() {
    return this.db.prepare("SELECT 1 FROM members LIMIT 1").get() === void 0;
  }
  apply(sent, options) {
    const changes = sent.map(normalizeChangeEmails);
    this.commits.flush();
    const { idempotencyKey, callerSecret, ...rest } = options;
    const batch = { ...rest, now: this.clock() };
    if (!idempotencyKey) return applyBatch(this.db, changes, batch);
    const request = { changes, expectedVersion: rest.expectedVersion ?? null, managed: rest.managed ?? false };
    return this.db.transaction(
      () => onceOnly(
        this.db,
        { idempotencyKey, ...callerSecret ? { callerSecret } : {}, request, now: batch.now },
        () => applyBatch(this.db, changes, batch)
      )
    ).immediate();
  }
  /** The key behind a presented secret, or undefined for unknown, revoked or expired keys. */
  authenticate(secret) {
    const now = this.clock();
    this.access.sync(todayUtc(now));
    const id = keyIdOf(secret);
    const cached = id ? this.access.key(id) : void 0;
    if (!secretMatchesAny(secret, cached?.secretHash ?? DECOY_HASH, cached?.staged ?? []) || !cached) return void 0;
    const key = this.live(cached.id, now);
    if (!key) return void 0;
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
  async authorize(authenticated, integration, tool) {
    const now = this.clock();
    const today = todayUtc(now);
    const stateVersion = this.access.sync(today);
    const key = this.live(authenticated.id, now);
    let decision;
    if (!key) {
      decision = { allowed: false, reason: `key ${authenticated.name} was revoked or has expired` };
    } else {
      const grant = key.owner ? this.access.grant(key.owner.email, integration) : void 0;
      const tools = this.access.tools(integration);
      decision = authorize(integration, tool, {
        today,
        key: {
          name: key.name,
          type: key.type,
          scope: key.scope,
          ...key.allIntegrations ? { allIntegrations: true } : {}
        },
        ...key.owner ? { owner: key.owner } : {},
        ...grant ? { grant } : {},
        ...tools ? { tools } : {}
      });
    }
    if (decision.allowed && key?.owner) this.commits.touchGrant(key.owner.email, integration, now.toISOString());
    await this.recordDecision(key ?? authenticated, now, stateVersion, "tool", decision, { integration, tool });
    return decision;
  }
  /**
   * Decides whether a key's owner may take an action in a pipe, and records it in the audit log;
   * answered, like `authorize`, once the record is committed and under the current state version.
   */
  async authorizePipe(authenticated, pipe, action, cardOwner) {
    const now = this.clock();
    const stateVersion = this.access.sync(todayUtc(now));
    const key = this.live(authenticated.id, now);
    const decision = key ? decidePipeAction(pipe, action, cardOwner, readPipeFacts(this.db, pipe, key.owner, now)) : { allowed: false, reason: `key ${authenticated.name} was revoked or has expired` };
    const asked = { pipe, action, ...cardOwner ? { cardOwner } : {} };
    await this.recordDecision(key ?? authenticated, now, stateVersion, "pipe", decision, asked);
    return decision;
  }
  /** Queues a decision's audit record (`tool.allowed`, `pipe.denied`, ...); resolves once committed. */
  recordDecision(who, now, stateVersion, kind, decision, asked) {
    return this.commits.record({
      at: now.toISOString(),
      actor: { name: who.owner?.email ?? who.name, role: who.owner?.role ?? "member", keyName: who.name },
      action: `${kind}.${decision.allowed ? "allowed" : "denied"}`,
      subject: who.owner?.email ?? who.name,
      detail: { ...asked, reason: decision.reason },
      stateVersion
    });
  }
  /** A key as it is now (after `access.sync`): undefined when revoked, expired or its owner is gone. */
  live(id, now) {
    const key = this.access.key(id);
    if (!key || key.expires && key.expires < todayUtc(now)) return void 0;
    if (key.type === "personal" && !key.owner) return void 0;
    return {
      id: key.id,
      name: key.name,
      type: key.type,
      scope: key.scope,
      ...key.allIntegrations ? { allIntegrations: true } : {},
      ...key.owner ? { owner: key.owner } : {}
    };
  }
  /** Today's date (UTC) on the store's clock: the day every `expires` is compared with. */
  today() {
    return todayUtc(this.clock());
  }
  /** A member's own new personal key (self-service); its secret is in the answer only. */
  createOwnKey(key, request) {
    this.commits.flush();
    return createOwnKey(this.db, selfActor(key), request, this.clock());
  }
  /** Revokes a key by name: the caller's own, or any the role rule lets an owner or admin revoke. */
  revokeKey(key, name) {
    this.commits.flush();
    return revokeKey(this.db, selfActor(key), name, this.clock());
  }
  /** The caller's own role, access and keys (GET /v1/me). */
  ownAccess(key) {
    return readOwnAccess(this.db, selfActor(key).name, this.today());
  }
  audit(filter, limit, cursor) {
    this.commits.flush();
    return readAudit(this.db, filter, limit, cursor);
  }
  usage() {
    this.commits.flush();
    return readUsage(this.db);
  }
  list(resource, limit, cursor) {
    this.commits.flush();
    return listResource(this.db, resource, limit, cursor);
  }
  /**
   * On an empty store, makes `email` the owner with a personal key and returns its secret (to be
   * written once to a private file). Returns undefined when the store already has members.
   */
  bootstrapOwner(email) {
    const expectedVersion = this.version();
    if (!this.isEmpty()) return void 0;
    const actor = { name: "bootstrap", role: "owner" };
    let result;
    try {
      result = this.apply(
        [
          { kind: "member.invite", email, role: "owner" },
          { kind: "key.create", name: "bootstrap-owner", type: "personal", owner: email, scope: [], users: [] }
        ],
        { actor, context: { source: "roster serve --bootstrap-owner" }, expectedVersion }
      );
    } catch (error) {
      if (error instanceof StoreError && error.code === "stale") return void 0;
      throw error;
    }
    this.db.prepare(`UPDATE members SET status = 'active' WHERE email = ?`).run(email);
    return result.secrets["bootstrap-owner"];
  }
};
function selfActor(key) {
  if (key.type !== "personal" || !key.owner) {
    throw new StoreError("forbidden", "a workspace key acts for nobody: it cannot make, revoke or list keys");
  }
  return { name: key.owner.email, role: key.owner.role, keyName: key.name };
}

// src/providers/local/local-provider.ts
var AUDIT_PAGE = 1e3;
var OPERATOR = { name: "local operator", role: "owner" };
var LocalProvider = class {
  /** With `write: false` (plan, validate, export) the file is only read, never created or migrated. */
  constructor(path, displayPath = path, options = { write: true }) {
    this.path = path;
    this.options = options;
    this.description = `local ${displayPath}`;
    this.missing = path !== ":memory:" && !existsSync2(path);
    this.store = openStore(
      () => options.write && !this.missing ? WorkspaceStore.open(path) : WorkspaceStore.openReadOnly(path) ?? WorkspaceStore.open(":memory:")
    );
  }
  path;
  options;
  capabilities = FULL_CAPABILITIES;
  description;
  store;
  /**
   * The file does not exist (yet): a mistyped provider.path looks like this. It reads as a new,
   * empty workspace (an in-memory store), and only an apply creates the file, so a plan that is
   * declined or blocked leaves nothing behind.
   */
  missing;
  async whoami() {
    return OPERATOR;
  }
  async snapshot() {
    const { state, version } = this.store.snapshot();
    return { state, version: String(version), ...this.missing ? { isNew: true } : {} };
  }
  async apply(request) {
    if (!this.options.write) throw new Error("this local provider was opened for reading only");
    if (this.missing) {
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
        ...request.context ? { context: request.context } : {}
      });
    } catch (error) {
      if (error instanceof StoreError) throw new ProviderError(error.code, error.message, error.changeErrors);
      throw error;
    }
  }
  async usage() {
    return this.store.usage();
  }
  async auditLog(filter, cursor) {
    if (this.missing) {
      throw new ProviderError(
        "workspace-not-found",
        `${this.description} does not exist: there is no audit log to read`
      );
    }
    try {
      return this.store.audit(filter, AUDIT_PAGE, cursor);
    } catch (error) {
      if (error instanceof StoreError) throw new ProviderError(error.code, error.message);
      throw error;
    }
  }
  async close() {
    this.store.close();
  }
};
function openStore(open) {
  try {
    return open();
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new ProviderError(error.code, error.message);
    throw error;
  }
}
export {
  LocalProvider
};
