// Keys: creation, scope changes, rotation (age or departed users), replacement and revocation.
import { daysBetween } from '../model/dates.js';
import type { Key, ScopeEntry } from '../model/state.js';
import { profileRank } from '../model/vocabulary.js';
import { type DiffContext, unmanagedAction } from './context.js';
import { canonicalJson } from './digest.js';
import { listOf, planned } from './planned.js';
import type { PlannedChange, PlanWarning } from './types.js';

export function diffKeys(ctx: DiffContext, out: PlannedChange[], warnings: PlanWarning[]): void {
  const actual = new Map(ctx.actual.keys.map((key) => [key.name, key]));
  for (const key of ctx.desired.keys) {
    const current = actual.get(key.name);
    const subject = `key:${key.name}`;
    const source = key.source ? { source: key.source } : {};
    const create = () =>
      planned(
        {
          kind: 'key.create',
          name: key.name,
          type: key.type,
          ...(key.owner ? { owner: key.owner } : {}),
          scope: key.scope,
          users: key.users,
          ...(key.expires ? { expires: key.expires } : {}),
        },
        subject,
        `create ${key.type} key${key.owner ? ` for ${key.owner}` : ''}, ${describeScope(key.scope)}`,
        { ...source, escalation: key.type === 'workspace' },
      );
    if (!current) {
      out.push(create());
      continue;
    }
    if (current.type !== key.type || current.owner !== key.owner) {
      out.push(
        planned({ kind: 'key.revoke', name: key.name }, subject, 'revoke, to replace it', {
          ...source,
          reason: 'its type or owner changed; a key cannot be moved',
        }),
      );
      out.push(create());
      continue;
    }
    if (
      canonicalJson([current.scope, current.users, current.expires]) !==
      canonicalJson([key.scope, key.users, key.expires])
    ) {
      out.push(
        planned(
          {
            kind: 'key.update',
            name: key.name,
            scope: key.scope,
            users: key.users,
            ...(key.expires ? { expires: key.expires } : {}),
          },
          subject,
          describeKeyUpdate(current, key),
          { ...source, escalation: widens(current.scope, key.scope) },
        ),
      );
    }
    const rotation = rotationReason(ctx, current, key);
    if (rotation)
      out.push(
        planned({ kind: 'key.rotate', name: key.name }, subject, 'rotate the secret', {
          ...source,
          reason: rotation,
          destructive: true,
        }),
      );
  }

  const desiredNames = new Set(ctx.desired.keys.map((key) => key.name));
  for (const key of ctx.actual.keys) {
    if (desiredNames.has(key.name)) continue;
    // A personal key dies with its owner, or stays with an owner roster leaves alone.
    if (key.owner && (ctx.leaving.has(key.owner) || ctx.untouched.has(key.owner))) continue;
    const action = unmanagedAction(key.managed, ctx.policy.unmanaged.keys);
    if (action === 'warn') {
      warnings.push({
        code: 'unmanaged-key',
        subject: `key:${key.name}`,
        message: `${key.type} key ${key.name}${key.owner ? ` of ${key.owner}` : ''} is not in the config; policy unmanaged.keys is warn, so roster leaves it`,
      });
    }
    if (action !== 'remove') continue;
    out.push(
      planned({ kind: 'key.revoke', name: key.name }, `key:${key.name}`, 'revoke', {
        unmanaged: !key.managed,
        reason: key.managed ? 'removed from the config' : 'not in the config (policy unmanaged.keys: remove)',
      }),
    );
  }
}

function rotationReason(ctx: DiffContext, current: Key, desired: Key): string | undefined {
  if (
    current.type === 'workspace' &&
    current.users.length > 0 &&
    current.users.every((email) => !ctx.desiredMembers.has(email))
  ) {
    return `every listed user has left (${listOf(current.users)})`;
  }
  if (desired.rotateEveryDays && current.rotatedAt) {
    const age = daysBetween(current.rotatedAt.slice(0, 10), ctx.today);
    if (age >= desired.rotateEveryDays)
      return `the secret is ${age} days old; rotate_every is ${desired.rotateEveryDays} days`;
  }
  return undefined;
}

export function describeScope(scope: readonly ScopeEntry[]): string {
  if (scope.length === 0) return "its owner's access";
  return scope
    .map(
      (entry) =>
        `${entry.profile} on ${entry.integration}${entry.disabledTools.length ? ` without ${entry.disabledTools.join(', ')}` : ''}`,
    )
    .join('; ');
}

function describeKeyUpdate(before: Key, after: Key): string {
  const parts: string[] = [];
  if (canonicalJson(before.scope) !== canonicalJson(after.scope))
    parts.push(`scope ${describeScope(before.scope)} -> ${describeScope(after.scope)}`);
  if (canonicalJson(before.users) !== canonicalJson(after.users)) parts.push(`users ${listOf(after.users) || 'none'}`);
  if (before.expires !== after.expires) parts.push(after.expires ? `expires ${after.expires}` : 'no end date');
  return parts.join(', ');
}

/** The new scope allows something the old one did not. */
function widens(before: readonly ScopeEntry[], after: readonly ScopeEntry[]): boolean {
  return after.some((entry) => {
    const old = before.find((b) => b.integration === entry.integration);
    return (
      !old ||
      profileRank(entry.profile) > profileRank(old.profile) ||
      old.disabledTools.some((t) => !entry.disabledTools.includes(t))
    );
  });
}
