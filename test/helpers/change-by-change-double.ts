// An in-memory platform without batches, versions or idempotency keys, for the change-by-change
// apply: an organization of members with roles and pipes with members, and deterministic quirks
// (success without effect, refusals, unknown outcomes with or without effect, reads that fail,
// scopes moved by someone else, company admins listed in every pipe).
import { createHash } from 'node:crypto';
import { type Change, describeChange } from '../../src/model/changes.js';
import type { PipeLevel, Role } from '../../src/model/vocabulary.js';
import { planDigest } from '../../src/plan/digest.js';
import type { Plan } from '../../src/plan/types.js';
import { type ChangeByChange, ProviderError } from '../../src/providers/provider.js';

export class PlatformDouble implements ChangeByChange {
  readonly org = new Map<string, Role>();
  readonly pipes = new Map<string, Map<string, PipeLevel>>();
  /** Every call in order: "write member.invite a@x.io", "holds ...", "fingerprint organization". */
  readonly calls: string[] = [];
  /** Times each change (by describeChange) answers success without taking effect. */
  readonly noEffect = new Map<string, number>();
  /** Changes the platform refuses, with its message. */
  readonly refuse = new Map<string, string>();
  /** Times each change answers with an unknown outcome; `effect`: whether it was carried out anyway. */
  readonly unknown = new Map<string, { times: number; effect: boolean }>();
  /** After this many writes, every read fails (the platform went away). */
  readsFailAfterWrites = Number.POSITIVE_INFINITY;
  /** Called after a write took effect, before it answers: a test stops the run there (a crash). */
  afterWrite: (change: Change, writes: number) => void = () => {};
  /** Company owners and admins are listed as admins of every pipe (Pipefy does this). */
  implicitAdmins = false;
  latencyMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** The most writes of role changes in flight at once. */
  maxRoleWritesInFlight = 0;
  private roleWrites = 0;
  private writes = 0;

  constructor(org: Record<string, Role>, pipes: Record<string, Record<string, PipeLevel>> = {}) {
    for (const [email, role] of Object.entries(org)) this.org.set(email, role);
    for (const [id, members] of Object.entries(pipes)) this.pipes.set(id, new Map(Object.entries(members)));
  }

  scopeOf(change: Change): string {
    return 'pipe' in change ? `pipe:${change.pipe}` : 'organization';
  }

  /** The fingerprints a snapshot would give now. */
  scopes(): Record<string, string> {
    const all: Record<string, string> = { organization: this.print('organization') };
    for (const id of this.pipes.keys()) all[`pipe:${id}`] = this.print(`pipe:${id}`);
    return all;
  }

  async fingerprint(scope: string): Promise<string> {
    await this.call(`fingerprint ${scope}`, true);
    return this.print(scope);
  }

  async holds(change: Change): Promise<boolean> {
    await this.call(`holds ${describeChange(change)}`, true);
    return this.holdsNow(change);
  }

  async applyChange(change: Change): Promise<void> {
    const what = describeChange(change);
    const role = change.kind === 'member.update';
    if (role) this.maxRoleWritesInFlight = Math.max(this.maxRoleWritesInFlight, ++this.roleWrites);
    try {
      await this.call(`write ${what}`, false);
    } finally {
      if (role) this.roleWrites--;
    }
    this.writes++;
    const refusal = this.refuse.get(what);
    if (refusal) throw new ProviderError('rejected', refusal);
    const unknown = this.unknown.get(what);
    if (unknown && unknown.times > 0) {
      unknown.times--;
      if (unknown.effect) this.carryOut(change);
      throw new ProviderError('unreachable', 'the platform answered 502 Bad Gateway', [], true);
    }
    const skips = this.noEffect.get(what) ?? 0;
    if (skips > 0) {
      this.noEffect.set(what, skips - 1);
      return;
    }
    this.carryOut(change);
    this.afterWrite(change, this.writes);
  }

  /** Someone else changes a scope by hand. */
  move(scope: string): void {
    if (scope === 'organization') this.org.set(`someone-${this.org.size}@x.io`, 'member');
    else this.pipes.get(scope.slice('pipe:'.length))!.set(`someone-${this.calls.length}@x.io`, 'member');
  }

  /** How many times a change was sent. */
  sent(change: Change): number {
    return this.calls.filter((call) => call === `write ${describeChange(change)}`).length;
  }

  holdsNow(change: Change): boolean {
    switch (change.kind) {
      case 'member.invite':
        return this.org.get(change.email) === change.role;
      case 'member.update':
        return this.org.get(change.email) === change.role;
      case 'member.remove':
        return !this.org.has(change.email);
      case 'pipe_member.set':
        return this.pipes.get(change.pipe)?.get(change.email) === change.level;
      case 'pipe_member.remove':
        return !this.pipes.get(change.pipe)?.has(change.email);
      default:
        throw new Error(`the double does not do ${change.kind}`);
    }
  }

  private carryOut(change: Change): void {
    switch (change.kind) {
      case 'member.invite':
      case 'member.update':
        this.org.set(change.email, change.role!);
        return;
      case 'member.remove':
        this.org.delete(change.email);
        for (const members of this.pipes.values()) members.delete(change.email);
        return;
      case 'pipe_member.set':
        this.pipes.get(change.pipe)!.set(change.email, change.level);
        return;
      case 'pipe_member.remove':
        this.pipes.get(change.pipe)!.delete(change.email);
        return;
      default:
        throw new Error(`the double does not do ${change.kind}`);
    }
  }

  private print(scope: string): string {
    const entries =
      scope === 'organization'
        ? [...this.org]
        : [
            ...(this.pipes.get(scope.slice('pipe:'.length)) ?? []),
            ...(this.implicitAdmins
              ? [...this.org]
                  .filter(([, role]) => role === 'owner' || role === 'admin')
                  .map(([email]) => [email, 'admin'])
              : []),
          ];
    const text = JSON.stringify(entries.map(([email, value]) => `${email}=${value}`).sort());
    return createHash('sha256').update(text).digest('hex').slice(0, 12);
  }

  private async call(what: string, read: boolean): Promise<void> {
    this.calls.push(what);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      if (read && this.writes >= this.readsFailAfterWrites) {
        throw new ProviderError('unreachable', 'the platform did not answer');
      }
    } finally {
      this.inFlight--;
    }
  }
}

/** A plan of exactly these changes, made against the double as it is now. */
/** A plan of `changes`, made against the scopes `platform` reads now (the double, or a real provider's snapshot). */
export function planOf(changes: Change[], platform: { scopes(): Record<string, string> }): Plan {
  return {
    formatVersion: 1,
    workspace: 'test',
    provider: 'double',
    stateVersion: '0',
    createdAt: '2026-11-26T00:00:00.000Z',
    changes: changes.map((change) => ({
      change,
      action: 'create',
      subject: 'email' in change ? change.email : 'workspace',
      summary: describeChange(change),
      approval: 'admin',
      billing: 0,
      destructive: false,
      escalation: false,
      unmanaged: false,
    })),
    warnings: [],
    blocked: [],
    summary: { add: changes.length, change: 0, remove: 0, adopt: 0, billableSeats: 0 },
    digest: planDigest(changes),
    scopes: platform.scopes(),
  };
}
