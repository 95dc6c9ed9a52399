// Integration grants and pipe memberships of the members that stay.
import { PairMap } from '../model/pair-map.js';
import type { Grant, PipeMembership } from '../model/state.js';
import { pipeLevelRank, type Profile, profileRank } from '../model/vocabulary.js';
import { type DiffContext, unmanagedAction } from './context.js';
import { adoption, planned } from './planned.js';
import type { PlannedChange, PlanWarning } from './types.js';

export function diffGrants(ctx: DiffContext, out: PlannedChange[], warnings: PlanWarning[]): void {
  const actual = new PairMap<Grant>();
  for (const grant of ctx.actual.grants) actual.set(grant.email, grant.integration, grant);
  const stillGiven = new Set<Grant>(); // actual grants the config still gives, changed or not
  for (const grant of ctx.desired.grants) {
    const current = actual.get(grant.email, grant.integration);
    if (current) stillGiven.add(current);
    if (current && sameGrant(current, grant)) {
      if (!current.managed)
        out.push(
          adoption({ kind: 'grant.adopt', email: grant.email, integration: grant.integration }, grant.email, {
            summary: `${grant.integration}: adopt: roster manages it from now on`,
            ...(grant.origins ? { origins: grant.origins, source: grant.origins[0]?.source } : {}),
          }),
        );
      continue;
    }
    out.push(
      planned(
        {
          kind: 'grant.set',
          email: grant.email,
          integration: grant.integration,
          profile: grant.profile,
          disabledTools: grant.disabledTools,
          ...(grant.expires ? { expires: grant.expires } : {}),
        },
        grant.email,
        current ? describeGrantChange(current, grant) : describeGrant(grant),
        {
          action: current ? 'update' : 'create',
          ...(grant.origins ? { origins: grant.origins, source: grant.origins[0]?.source } : {}),
          escalation: grant.profile === 'full' && (!current || current.profile !== 'full'),
          destructive: current !== undefined && isNarrower(current, grant),
        },
      ),
    );
  }
  for (const grant of ctx.actual.grants) {
    if (stillGiven.has(grant) || ctx.leaving.has(grant.email) || ctx.untouched.has(grant.email)) continue;
    if (ctx.disconnecting.has(grant.integration)) continue; // goes with the integration
    const action = unmanagedAction(grant.managed, ctx.policy.unmanaged.grants);
    if (action === 'warn')
      warnings.push({
        code: 'unmanaged-grant',
        subject: grant.email,
        message: `${grant.email} has ${grant.profile} on ${grant.integration}, which the config does not give; policy unmanaged.grants is warn`,
      });
    if (action !== 'remove') continue;
    out.push(
      planned(
        { kind: 'grant.remove', email: grant.email, integration: grant.integration },
        grant.email,
        `${grant.profile} on ${grant.integration}`,
        {
          unmanaged: !grant.managed,
          reason: grant.managed ? 'removed from the config' : 'not in the config (policy unmanaged.grants: remove)',
        },
      ),
    );
  }
}

export function diffPipeMemberships(ctx: DiffContext, out: PlannedChange[], warnings: PlanWarning[]): void {
  const actual = new PairMap<PipeMembership>();
  for (const membership of ctx.actual.pipeMemberships) actual.set(membership.pipe, membership.email, membership);
  const stillGiven = new Set<PipeMembership>();
  for (const membership of ctx.desired.pipeMemberships) {
    const current = actual.get(membership.pipe, membership.email);
    if (current) stillGiven.add(current);
    if (current && current.level === membership.level && current.expires === membership.expires) {
      if (!current.managed)
        out.push(
          adoption({ kind: 'pipe_member.adopt', pipe: membership.pipe, email: membership.email }, membership.email, {
            summary: `pipe ${membership.pipe}: adopt: roster manages it from now on`,
            ...(membership.origins ? { origins: membership.origins, source: membership.origins[0]?.source } : {}),
          }),
        );
      continue;
    }
    const until = membership.expires ? ` until ${membership.expires}` : '';
    out.push(
      planned(
        {
          kind: 'pipe_member.set',
          pipe: membership.pipe,
          email: membership.email,
          level: membership.level,
          ...(membership.expires ? { expires: membership.expires } : {}),
        },
        membership.email,
        current
          ? `pipe ${membership.pipe}: ${current.level} -> ${membership.level}${until}`
          : `${membership.level} in pipe ${membership.pipe}${until}`,
        {
          action: current ? 'update' : 'create',
          ...(membership.origins ? { origins: membership.origins, source: membership.origins[0]?.source } : {}),
          escalation: membership.level === 'admin' && current?.level !== 'admin',
          destructive: current !== undefined && pipeLevelRank(membership.level) < pipeLevelRank(current.level),
        },
      ),
    );
  }
  for (const membership of ctx.actual.pipeMemberships) {
    if (stillGiven.has(membership) || ctx.leaving.has(membership.email) || ctx.untouched.has(membership.email))
      continue;
    const action = unmanagedAction(membership.managed, ctx.policy.unmanaged.grants);
    if (action === 'warn')
      warnings.push({
        code: 'unmanaged-grant',
        subject: membership.email,
        message: `${membership.email} is ${membership.level} in pipe ${membership.pipe}, which the config does not give; policy unmanaged.grants is warn`,
      });
    if (action !== 'remove') continue;
    out.push(
      planned(
        { kind: 'pipe_member.remove', pipe: membership.pipe, email: membership.email },
        membership.email,
        `${membership.level} in pipe ${membership.pipe}`,
        {
          unmanaged: !membership.managed,
          reason: membership.managed
            ? 'removed from the config'
            : 'not in the config (policy unmanaged.grants: remove)',
        },
      ),
    );
  }
}

function sameGrant(a: Grant, b: Grant): boolean {
  return (
    a.profile === b.profile &&
    a.expires === b.expires &&
    a.disabledTools.join('\u0000') === b.disabledTools.join('\u0000')
  );
}

function describeGrant(grant: {
  profile: Profile;
  integration: string;
  disabledTools: string[];
  expires?: string;
}): string {
  const disabled = grant.disabledTools.length ? ` without ${grant.disabledTools.join(', ')}` : '';
  return `${grant.profile} on ${grant.integration}${disabled}${grant.expires ? ` until ${grant.expires}` : ''}`;
}

function describeGrantChange(before: Grant, after: Grant): string {
  const parts: string[] = [];
  const added = after.disabledTools.filter((tool) => !before.disabledTools.includes(tool));
  const removed = before.disabledTools.filter((tool) => !after.disabledTools.includes(tool));
  // A new profile alone would read as all of its tools; the ones that stay disabled are said.
  const kept = after.disabledTools.filter((tool) => before.disabledTools.includes(tool));
  if (before.profile !== after.profile)
    parts.push(`${before.profile} -> ${after.profile}${kept.length ? ` (still without ${kept.join(', ')})` : ''}`);
  if (added.length) parts.push(`disable ${added.join(', ')}`);
  if (removed.length) parts.push(`re-enable ${removed.join(', ')}`);
  if (before.expires !== after.expires) parts.push(after.expires ? `until ${after.expires}` : 'no end date');
  return `${after.integration}: ${parts.join(', ')}`;
}

/** Less access than before: a lower profile, more disabled tools or an earlier end. */
function isNarrower(before: Grant, after: Grant): boolean {
  return (
    profileRank(after.profile) < profileRank(before.profile) ||
    after.disabledTools.some((tool) => !before.disabledTools.includes(tool)) ||
    (after.expires !== undefined && (before.expires === undefined || after.expires < before.expires))
  );
}
