// Applies one batch of changes in one transaction: every change is checked (references, the
// actor's powers), then the workspace invariants are checked on the result. Any problem rolls
// the whole batch back and reports every failing change.
import type { Actor, BatchResult, Change, ChangeContext, ChangeError } from '../model/changes.js';
import { changeSubject, describeChange } from '../model/changes.js';
import { isExpired, todayUtc } from '../model/dates.js';
import { creatorLevel, pipeCreationRefusal, roleAfterCreatingPipe } from '../model/pipe-powers.js';
import { roleRefusal } from '../model/powers.js';
import { type BillingPlan, isGuest, isPrivileged, type Role } from '../model/vocabulary.js';
import { writeAudit } from './audit.js';
import type { Db } from './database.js';
import { StoreError } from './errors.js';
import { checkInvariants } from './invariants.js';
import { hashSecret, newKeyId, newSecret } from './secrets.js';
import { rotateKey } from './key-rotation.js';
import { readVersion } from './snapshot.js';
import { adopt, disconnectIntegration } from './managed-changes.js';
import { readSettings, writeSettings } from './settings.js';
import { changeTarget, memberRole } from './change-target.js';
import { Lookalikes } from './lookalikes.js';
import { ownKeyCapProblem } from './own-key-cap.js';

/** On conflict (an update), a row becomes managed in a managed batch and never stops being so. */
const KEEP_MANAGED = 'managed = max(managed, excluded.managed)';

export interface BatchOptions {
  actor: Actor;
  context?: ChangeContext;
  /** Mark what this batch creates as managed by roster (removing it from the config removes it). */
  managed?: boolean;
  /** Refuse with "stale" unless the workspace is still at this version. */
  expectedVersion?: number;
  now: Date;
}

export function applyBatch(db: Db, changes: readonly Change[], options: BatchOptions): BatchResult {
  return db
    .transaction(() => {
      const version = readVersion(db);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new StoreError(
          'stale',
          `the workspace is at version ${version}, not ${options.expectedVersion}: it changed since the plan was made`,
        );
      }
      // Nothing to do is not a new state: no version bump, no audit records.
      if (changes.length === 0) return { version, applied: 0, secrets: {} };
      const errors: ChangeError[] = [];
      const secrets: Record<string, string> = {};
      const run = new ChangeRunner(db, options, secrets);
      changes.forEach((change, index) => {
        const problem = run.apply(change);
        if (problem) errors.push({ index, ...problem });
      });
      if (errors.length === 0) errors.push(...checkInvariants(db, changes));
      if (errors.length > 0) {
        throw new StoreError('rejected', `${errors.length} change(s) were refused; nothing was applied`, errors);
      }
      const next = version + 1;
      db.prepare(`UPDATE meta SET value = ? WHERE key = 'state_version'`).run(String(next));
      changes.forEach((change) =>
        writeAudit(db, {
          at: options.now.toISOString(),
          actor: options.actor,
          action: change.kind,
          subject: changeSubject(change) ?? describeChange(change),
          detail: change,
          context: options.context,
          stateVersion: next,
        }),
      );
      return { version: next, applied: changes.length, secrets };
    })
    .immediate();
}

type Problem = { code: string; message: string } | undefined;

/** Executes single changes inside the batch's transaction. */
class ChangeRunner {
  private readonly lookalikes: Lookalikes;

  constructor(
    private readonly db: Db,
    private readonly options: BatchOptions,
    private readonly secrets: Record<string, string>,
  ) {
    this.lookalikes = new Lookalikes(db);
  }

  private get managed(): number {
    return this.options.managed ? 1 : 0;
  }

  private role(email: string): Role | undefined {
    return memberRole(this.db, email);
  }

  private exists(table: 'integrations' | 'pipes' | 'keys', column: string, value: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(value) !== undefined;
  }

  apply(change: Change): Problem {
    const refusal = roleRefusal(
      this.options.actor.role,
      change,
      changeTarget(this.db, change, this.options.actor, this.options.now),
    );
    if (refusal) return { code: 'forbidden', message: refusal };
    const capped = ownKeyCapProblem(
      this.db,
      change,
      this.options.actor,
      this.options.managed === true,
      this.options.now,
    );
    if (capped) return capped;
    const now = this.options.now.toISOString();
    const db = this.db;
    switch (change.kind) {
      case 'workspace.update': {
        if (change.name !== undefined)
          db.prepare(`UPDATE meta SET value = ? WHERE key = 'workspace_name'`).run(change.name);
        if (change.plan !== undefined)
          db.prepare(`UPDATE meta SET value = ? WHERE key = 'workspace_plan'`).run(change.plan);
        if (change.settings !== undefined) writeSettings(db, change.settings);
        return undefined;
      }
      case 'member.invite': {
        if (this.role(change.email)) return { code: 'conflict', message: `${change.email} is already a member` };
        const unlike = this.lookalikes.problem(change.email);
        if (unlike) return unlike;
        // Pending until the member's first authenticated request (src/store/invitations.ts).
        db.prepare(
          `INSERT INTO members (email, name, role, status, invited_at, expires, managed, created_at)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)`,
        ).run(change.email, change.name ?? null, change.role, now, change.expires ?? null, this.managed, now);
        return undefined;
      }
      case 'member.update': {
        const current = this.role(change.email);
        if (!current) return notFound('member', change.email);
        if (change.role !== undefined && change.role !== current) {
          db.prepare('UPDATE members SET role = ? WHERE email = ?').run(change.role, change.email);
        }
        if (change.name !== undefined)
          db.prepare('UPDATE members SET name = ? WHERE email = ?').run(change.name, change.email);
        if (change.expires !== undefined)
          db.prepare('UPDATE members SET expires = ? WHERE email = ?').run(change.expires, change.email);
        this.markManaged('members', 'email = ?', change.email);
        return undefined;
      }
      case 'member.remove': {
        const current = this.role(change.email);
        if (!current) return notFound('member', change.email);
        // Offboarding is immediate: personal keys die in the same transaction (and by cascade,
        // grants and pipe memberships).
        db.prepare(`DELETE FROM keys WHERE owner = ? AND type = 'personal'`).run(change.email);
        db.prepare('DELETE FROM members WHERE email = ?').run(change.email);
        return undefined;
      }
      case 'integration.connect':
      case 'integration.update': {
        const present = this.exists('integrations', 'id', change.id);
        if (change.kind === 'integration.connect' && present)
          return { code: 'conflict', message: `integration ${change.id} is already connected` };
        if (change.kind === 'integration.update' && !present) return notFound('integration', change.id);
        db.prepare(
          `INSERT INTO integrations (id, name, managed) VALUES (?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, ${KEEP_MANAGED}`,
        ).run(change.id, change.name ?? null, this.managed);
        db.prepare('DELETE FROM tools WHERE integration = ?').run(change.id);
        const insertTool = db.prepare('INSERT INTO tools (integration, name, kind) VALUES (?, ?, ?)');
        for (const [tool, kind] of Object.entries(change.tools)) insertTool.run(change.id, tool, kind);
        return undefined;
      }
      case 'pipe.create':
      case 'pipe.update': {
        const present = this.exists('pipes', 'id', change.id);
        if (change.kind === 'pipe.create' && present) return this.pipeIdTaken(change.id);
        if (change.kind === 'pipe.update' && !present) return notFound('pipe', change.id);
        // An update names what it changes: a name or a visibility left out stays as it is.
        db.prepare(
          `INSERT INTO pipes (id, name, visibility, managed) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = coalesce(excluded.name, name),
             visibility = coalesce(?, visibility), ${KEEP_MANAGED}`,
        ).run(change.id, change.name ?? null, change.visibility ?? 'private', this.managed, change.visibility ?? null);
        if (change.kind === 'pipe.create') return this.becomeCreator(change.id, change.createdBy);
        return undefined;
      }
      case 'grant.set': {
        const role = this.role(change.email);
        if (!role) return notFound('member', change.email);
        if (isGuest(role)) return guestProblem(change.email, role);
        if (!this.exists('integrations', 'id', change.integration)) return notFound('integration', change.integration);
        db.prepare(
          `INSERT INTO grants (email, integration, profile, disabled_tools, expires, managed, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (email, integration) DO UPDATE SET profile = excluded.profile,
             disabled_tools = excluded.disabled_tools, expires = excluded.expires, granted_at = excluded.granted_at, ${KEEP_MANAGED}`,
        ).run(
          change.email,
          change.integration,
          change.profile,
          JSON.stringify(change.disabledTools),
          change.expires ?? null,
          this.managed,
          this.options.now.toISOString(),
        );
        return undefined;
      }
      case 'grant.remove': {
        const removed = db
          .prepare('DELETE FROM grants WHERE email = ? AND integration = ?')
          .run(change.email, change.integration);
        return removed.changes === 0 ? notFound('grant', `${change.email} on ${change.integration}`) : undefined;
      }
      case 'pipe_member.set': {
        const role = this.role(change.email);
        if (!role) return notFound('member', change.email);
        if (isGuest(role)) return guestProblem(change.email, role);
        if (!this.exists('pipes', 'id', change.pipe)) return notFound('pipe', change.pipe);
        db.prepare(
          `INSERT INTO pipe_members (pipe, email, level, expires, managed) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (pipe, email) DO UPDATE SET level = excluded.level, expires = excluded.expires, ${KEEP_MANAGED}`,
        ).run(change.pipe, change.email, change.level, change.expires ?? null, this.managed);
        return undefined;
      }
      case 'pipe_member.remove': {
        const removed = db
          .prepare('DELETE FROM pipe_members WHERE pipe = ? AND email = ?')
          .run(change.pipe, change.email);
        return removed.changes === 0 ? notFound('pipe membership', `${change.email} in ${change.pipe}`) : undefined;
      }
      case 'key.create': {
        if (this.exists('keys', 'name', change.name))
          return { code: 'conflict', message: `key ${change.name} already exists` };
        const problem = this.checkKeyShape(change.type, change.owner, change) ?? this.checkExpiry(change);
        if (problem) return problem;
        const id = newKeyId();
        const secret = newSecret(id);
        db.prepare(
          `INSERT INTO keys (id, name, type, owner, scope, all_integrations, users, secret_hash, expires, managed,
             created_at, rotated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
          now,
        );
        this.secrets[change.name] = secret;
        return undefined;
      }
      case 'key.update': {
        const key = this.db.prepare('SELECT type, owner FROM keys WHERE name = ?').get(change.name) as
          { type: 'personal' | 'workspace'; owner: string | null } | undefined;
        if (!key) return notFound('key', change.name);
        const problem = this.checkKeyShape(key.type, key.owner ?? undefined, change) ?? this.checkExpiry(change);
        if (problem) return problem;
        db.prepare('UPDATE keys SET scope = ?, all_integrations = ?, users = ?, expires = ? WHERE name = ?').run(
          JSON.stringify(change.scope),
          change.allIntegrations ? 1 : 0,
          JSON.stringify(change.users),
          change.expires ?? null,
          change.name,
        );
        this.markManaged('keys', 'name = ?', change.name);
        return undefined;
      }
      case 'key.rotate':
      case 'key.retire_previous': {
        const rotated = rotateKey(db, change, now);
        if ('problem' in rotated) return rotated.problem;
        if (rotated.secret) this.secrets[change.name] = rotated.secret;
        this.markManaged('keys', 'id = ?', rotated.keyId);
        return undefined;
      }
      case 'key.revoke': {
        const removed = db.prepare('DELETE FROM keys WHERE name = ?').run(change.name);
        return removed.changes === 0 ? notFound('key', change.name) : undefined;
      }
      case 'key.replace': {
        // The old key (and its secret) goes; a new key with a new id takes the name. Any
        // refusal of the creation rolls the whole batch back, the revocation included.
        const removed = db.prepare('DELETE FROM keys WHERE name = ?').run(change.name);
        if (removed.changes === 0) return notFound('key', change.name);
        return this.apply({ ...change, kind: 'key.create' });
      }
      case 'integration.disconnect':
        return disconnectIntegration(db, change.id);
      default:
        // Adopting means "roster manages it from now on": only a batch of roster's says that.
        if (!this.options.managed)
          return { code: 'invalid', message: `${change.kind} belongs in a managed batch (managed: true)` };
        return adopt(db, change);
    }
  }

  /**
   * The creator of a pipe (named by createdBy, or the caller when below admin) becomes its admin,
   * and a company guest becomes a billable company member by doing so, as the Pipefy document says.
   */
  private becomeCreator(pipe: string, createdBy: string | undefined): Problem {
    const email = createdBy ?? (isPrivileged(this.options.actor.role) ? undefined : this.options.actor.name);
    if (email === undefined) return undefined;
    const role = this.role(email);
    if (!role) return notFound('member', email);
    const refusal = pipeCreationRefusal(role, readSettings(this.db));
    if (refusal) return { code: 'forbidden', message: `${email}: ${refusal}` };
    if (roleAfterCreatingPipe(role) !== role)
      this.db.prepare('UPDATE members SET role = ? WHERE email = ?').run(roleAfterCreatingPipe(role), email);
    const plan = (
      this.db.prepare(`SELECT value FROM meta WHERE key = 'workspace_plan'`).get() as { value: BillingPlan }
    ).value;
    this.db
      .prepare('INSERT INTO pipe_members (pipe, email, level, managed) VALUES (?, ?, ?, 0)')
      .run(pipe, email, creatorLevel(plan));
    return undefined;
  }

  /**
   * An id in use. Below admin one wording for every pipe, visible or private, which does not say a
   * pipe exists: /v1/authorize tells a member nothing about private pipes they are not in either.
   */
  private pipeIdTaken(id: string): Problem {
    if (isPrivileged(this.options.actor.role)) return { code: 'conflict', message: `pipe ${id} already exists` };
    return { code: 'conflict', message: `pipe id ${id} is not available; choose another id` };
  }

  /** A key's `expires` is its last day: a key dead on arrival is a mistake, and its secret a leak. */
  private checkExpiry(key: { name: string; expires?: string }): Problem {
    if (!isExpired(key.expires, todayUtc(this.options.now))) return undefined;
    return {
      code: 'expired',
      message: `key ${key.name} would expire on ${key.expires}, before today; give a date from today on, or none`,
    };
  }

  /** A set or update in a batch of roster's marks the row managed: roster now owns it. */
  private markManaged(table: 'members' | 'keys', where: string, value: string): void {
    if (this.options.managed) this.db.prepare(`UPDATE ${table} SET managed = 1 WHERE ${where}`).run(value);
  }

  private checkKeyShape(
    type: 'personal' | 'workspace',
    owner: string | undefined,
    { scope, allIntegrations }: { scope: { integration: string }[]; allIntegrations?: true },
  ): Problem {
    for (const entry of scope) {
      if (!this.exists('integrations', 'id', entry.integration)) return notFound('integration', entry.integration);
    }
    if (allIntegrations && (type !== 'workspace' || scope.length > 0)) {
      return {
        code: 'invalid',
        message: 'only a workspace key may be scoped to all integrations, and then with no scope of its own',
      };
    }
    if (type === 'workspace') {
      if (owner) return { code: 'invalid', message: 'a workspace key belongs to nobody; it cannot have an owner' };
      if (scope.length === 0 && !allIntegrations)
        return { code: 'invalid', message: 'a workspace key needs a scope: the integrations it may use, or all' };
      return undefined;
    }
    if (!owner) return { code: 'invalid', message: 'a personal key needs an owner' };
    const role = this.role(owner);
    if (!role) return notFound('member', owner);
    if (isGuest(role)) return guestProblem(owner, role);
    return undefined;
  }
}

function notFound(what: string, name: string): Problem {
  return { code: 'not-found', message: `${what} ${name} does not exist` };
}

function guestProblem(email: string, role: Role): Problem {
  return { code: 'guest-with-access', message: `${email} is a ${role}; guests get no pipes, integrations or keys` };
}
