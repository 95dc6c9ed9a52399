// Findings about keys and use: workspace keys with a broad scope, keys past their rotation period,
// and keys and grants nobody used for 90 days (from the last use the provider records).
import { daysBetween } from '../../model/dates.js';
import { isPrivileged } from '../../model/vocabulary.js';
import { type ReviewInput, THRESHOLDS } from './input.js';
import type { Finding } from './types.js';

export function broadKeyFindings({ actual }: ReviewInput): Finding[] {
  return actual.keys.flatMap((key): Finding[] => {
    if (key.type !== 'workspace') return [];
    if (key.allIntegrations) {
      return [
        {
          code: 'key-scope-all',
          severity: 'high',
          subject: key.name,
          message: 'workspace key scoped to all integrations, present and future',
        },
      ];
    }
    if (key.scope.length > THRESHOLDS.keyMaxIntegrations) {
      return [
        {
          code: 'key-scope-broad',
          severity: 'medium',
          subject: key.name,
          message: `workspace key scoped to ${key.scope.length} integrations (more than ${THRESHOLDS.keyMaxIntegrations}): ${key.scope.map((s) => s.integration).join(', ')}`,
        },
      ];
    }
    return [];
  });
}

/** A key whose secret is older than the config's rotate_every for it. */
export function rotationFindings({ actual, desired, asOf }: ReviewInput): Finding[] {
  const periods = new Map(desired.keys.map((k) => [k.name, k.rotateEveryDays]));
  return actual.keys.flatMap((key): Finding[] => {
    const period = periods.get(key.name);
    const since = key.rotatedAt ?? key.createdAt;
    if (period === undefined || since === undefined) return [];
    const age = daysBetween(since, asOf);
    if (age <= period) return [];
    return [
      {
        code: 'key-rotation-overdue',
        severity: 'high',
        subject: key.name,
        message: `secret is ${age} days old (since ${since.slice(0, 10)}); the config rotates it every ${period} days: roster apply rotates it`,
      },
    ];
  });
}

export function unusedKeyFindings({ actual, usage, asOf }: ReviewInput): Finding[] {
  if (!usage) return [];
  const lastUse = new Map(usage.keys.map((k) => [k.name, k.lastUsedAt]));
  return actual.keys.flatMap((key): Finding[] => {
    const last = lastUse.get(key.name);
    const idle = last ? daysBetween(last, asOf) : key.createdAt ? daysBetween(key.createdAt, asOf) : undefined;
    if (idle === undefined || idle < THRESHOLDS.unusedDays) return [];
    return [
      {
        code: 'key-unused',
        severity: 'medium',
        subject: key.name,
        message: last
          ? `${key.type} key last used ${last.slice(0, 10)}, ${idle} days ago: revoke it if nobody needs it`
          : `${key.type} key never used since it was made ${key.createdAt!.slice(0, 10)}: revoke it if nobody needs it`,
      },
    ];
  });
}

/**
 * Grants of members who have been here 90 days, set 90 days ago or more (when the provider knows),
 * and used none of the integration's tools in 90 days.
 */
export function unusedGrantFindings({ actual, usage, asOf }: ReviewInput): Finding[] {
  if (!usage) return [];
  const joined = new Map(usage.members.map((m) => [m.email, m.joinedAt]));
  const use = new Map(usage.grants.map((g) => [`${g.email}\0${g.integration}`, g]));
  const roles = new Map(actual.members.map((m) => [m.email, m.role]));
  return actual.grants.flatMap((grant): Finding[] => {
    // An owner's or admin's grant changes nothing: their role gives every tool.
    if (isPrivileged(roles.get(grant.email) ?? 'member')) return [];
    const since = joined.get(grant.email);
    if (since === undefined || daysBetween(since, asOf) < THRESHOLDS.unusedDays) return [];
    const { grantedAt, lastUsedAt: last } = use.get(`${grant.email}\0${grant.integration}`) ?? {};
    if (grantedAt && daysBetween(grantedAt, asOf) < THRESHOLDS.unusedDays) return [];
    if (last && daysBetween(last, asOf) < THRESHOLDS.unusedDays) return [];
    return [
      {
        code: 'grant-unused',
        severity: 'low',
        subject: grant.email,
        message: `${grant.profile} on ${grant.integration}: ${last ? `last used ${last.slice(0, 10)}` : 'never used'}, nothing in ${THRESHOLDS.unusedDays} days`,
      },
    ];
  });
}
