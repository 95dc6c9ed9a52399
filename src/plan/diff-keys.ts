// Keys: creation, scope changes, rotation (age or departed users), replacement, adoption and
// revocation.
import type { Key } from '../model/state.js';
import { profileRank } from '../model/vocabulary.js';
import { type DiffContext, unmanagedAction } from './context.js';
import { canonicalJson } from './digest.js';
import { deliverySummary, keyAgeDays } from './key-facts.js';
import { maxPersonalKeyAgeDays, personalKeyRetirements } from './personal-keys.js';
import { adoption, listOf, planned } from './planned.js';
import type { PlannedChange, PlanWarning } from './types.js';

export function diffKeys(ctx: DiffContext, out: PlannedChange[], warnings: PlanWarning[]): void {
  const actual = new Map(ctx.actual.keys.map((key) => [key.name, key]));
  for (const key of ctx.desired.keys) {
    const current = actual.get(key.name);
    const subject = `key:${key.name}`;
    const source = key.source ? { source: key.source } : {};
    const fields = {
      name: key.name,
      type: key.type,
      ...(key.owner ? { owner: key.owner } : {}),
      scope: key.scope,
      ...(key.allIntegrations ? { allIntegrations: true as const } : {}),
      users: key.users,
      ...(key.expires ? { expires: key.expires } : {}),
    };
    const described = `${key.type} key${key.owner ? ` for ${key.owner}` : ''}, ${describeScope(key)}`;
    if (!current) {
      out.push(
        planned({ kind: 'key.create', ...fields }, subject, `create ${described}; ${deliverySummary(ctx, key)}`, {
          ...source,
          escalation: key.type === 'workspace',
        }),
      );
      continue;
    }
    if (current.type !== key.type || current.owner !== key.owner) {
      // One change: the store revokes the old key and creates the new one under the same name.
      out.push(
        planned(
          { kind: 'key.replace', ...fields },
          subject,
          `replace ${current.type} key${current.owner ? ` of ${current.owner}` : ''} with a new ${described}; ${deliverySummary(ctx, key)}`,
          {
            ...source,
            reason: 'its type or owner changed; a key cannot be moved, so the old secret stops working',
            destructive: true,
            escalation: key.type === 'workspace',
          },
        ),
      );
      continue;
    }
    let touched = false;
    if (
      canonicalJson([current.scope, current.users, current.expires, current.allIntegrations]) !==
      canonicalJson([key.scope, key.users, key.expires, key.allIntegrations])
    ) {
      touched = true;
      out.push(
        planned(
          {
            kind: 'key.update',
            name: key.name,
            scope: key.scope,
            ...(key.allIntegrations ? { allIntegrations: true as const } : {}),
            users: key.users,
            ...(key.expires ? { expires: key.expires } : {}),
          },
          subject,
          describeKeyUpdate(current, key),
          { ...source, escalation: widens(current, key) },
        ),
      );
    }
    // Staged: the old secret keeps working until the new one is delivered (apply then retires
    // it), so a delivery that fails loses nothing. A staged rotation left unfinished is planned
    // again until one is delivered: its new secrets are nowhere anyone can use them.
    const rotation = rotationReason(ctx, current, key);
    const unfinished = current.rotationPending && unfinishedReason(current.rotationPending);
    if (rotation || unfinished) {
      touched = true;
      out.push(
        planned(
          { kind: 'key.rotate', name: key.name, stage: true },
          subject,
          `rotate the secret; ${deliverySummary(ctx, key)}; the old secret works until the new one is delivered`,
          {
            ...source,
            reason: [unfinished, rotation].filter(Boolean).join('; '),
            destructive: true,
            ...(unfinished ? { finishesRotation: true as const } : {}),
          },
        ),
      );
    }
    // An update or rotation in roster's batch marks the key managed; otherwise adopt it.
    if (!touched && !current.managed) out.push(adoption({ kind: 'key.adopt', name: key.name }, subject, source));
  }
  diffUndeclaredKeys(ctx, out, warnings);
}

/** Keys the config does not declare: revoked when managed, by policy.unmanaged, or by policy.personal_keys. */
function diffUndeclaredKeys(ctx: DiffContext, out: PlannedChange[], warnings: PlanWarning[]): void {
  const desiredNames = new Set(ctx.desired.keys.map((key) => key.name));
  // A personal key dies with its owner, or stays with an owner roster leaves alone.
  const undeclared = ctx.actual.keys.filter(
    (key) =>
      !desiredNames.has(key.name) && !(key.owner && (ctx.leaving.has(key.owner) || ctx.untouched.has(key.owner))),
  );
  const kept = undeclared.filter((key) => unmanagedAction(key.managed, ctx.policy.unmanaged.keys) !== 'remove');
  const retiring = personalKeyRetirements(
    ctx,
    kept.filter((key) => key.type === 'personal'),
  ); // self-service personal keys still answer to policy.personal_keys
  for (const key of undeclared) {
    const action = unmanagedAction(key.managed, ctx.policy.unmanaged.keys);
    const retired = retiring.get(key.name);
    if (action === 'warn' && !retired) {
      warnings.push({
        code: 'unmanaged-key',
        subject: `key:${key.name}`,
        message: `${key.type} key ${key.name}${key.owner ? ` of ${key.owner}` : ''} is not in the config; policy unmanaged.keys is warn, so roster leaves it`,
      });
    }
    if (action !== 'remove' && !retired) continue;
    out.push(
      planned({ kind: 'key.revoke', name: key.name }, `key:${key.name}`, 'revoke', {
        unmanaged: !key.managed,
        reason:
          retired ?? (key.managed ? 'removed from the config' : 'not in the config (policy unmanaged.keys: remove)'),
      }),
    );
  }
}

function unfinishedReason(since: string): string {
  return `a rotation begun ${since.slice(0, 16).replace('T', ' ')} UTC was never finished (its new secret was not delivered); the old secret still works`;
}

function rotationReason(ctx: DiffContext, current: Key, desired: Key): string | undefined {
  if (
    current.type === 'workspace' &&
    current.users.length > 0 &&
    current.users.every((email) => !ctx.desiredMembers.has(email))
  ) {
    return `every listed user has left (${listOf(current.users)})`;
  }
  const age = keyAgeDays(ctx, current);
  if (desired.rotateEveryDays && age !== undefined && age >= desired.rotateEveryDays)
    return `the secret is ${age} days old; rotate_every is ${desired.rotateEveryDays} days`;
  const maxAge = maxPersonalKeyAgeDays(ctx);
  if (current.type === 'personal' && maxAge !== undefined && age !== undefined && age > maxAge)
    return `the secret is ${age} days old; policy.personal_keys.max_age is ${maxAge} days`;
  return undefined;
}

/** A key's reach in words; a key scoped to all integrations says so plainly, as the broad key it is. */
export function describeScope({ scope, allIntegrations }: Pick<Key, 'scope' | 'allIntegrations'>): string {
  if (allIntegrations) return 'every tool of every integration, present and future (integrations: all)';
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
  if (canonicalJson([before.scope, before.allIntegrations]) !== canonicalJson([after.scope, after.allIntegrations]))
    parts.push(`scope ${describeScope(before)} -> ${describeScope(after)}`);
  if (canonicalJson(before.users) !== canonicalJson(after.users)) parts.push(`users ${listOf(after.users) || 'none'}`);
  if (before.expires !== after.expires) parts.push(after.expires ? `expires ${after.expires}` : 'no end date');
  return parts.join(', ');
}

/** The new scope allows something the old one did not. */
function widens(before: Key, after: Key): boolean {
  if (after.allIntegrations) return !before.allIntegrations;
  if (before.allIntegrations) return false;
  return after.scope.some((entry) => {
    const old = before.scope.find((b) => b.integration === entry.integration);
    return (
      !old ||
      profileRank(entry.profile) > profileRank(old.profile) ||
      old.disabledTools.some((t) => !entry.disabledTools.includes(t))
    );
  });
}
