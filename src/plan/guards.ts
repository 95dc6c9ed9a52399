// Guards run on the whole plan before any write. A failing guard blocks the plan; it is still
// rendered, so reviewers see what would need an override.
import { type Actor, issuesSecret } from '../model/changes.js';
import { isPrivileged } from '../model/vocabulary.js';
import type { ProviderCapabilities } from '../model/capabilities.js';
import type { DiffContext } from './context.js';
import { article, changeAsAction, sentenceList } from './change-sentence.js';
import { removalGuard, updateGuard } from './budgets.js';
import { keysStillScopedTo } from './diff-disconnect.js';
import type { GuardResult, PlannedChange, PlanWarning } from './types.js';

export interface GuardInput {
  ctx: DiffContext;
  changes: readonly PlannedChange[];
  actor: Actor;
  capabilities: ProviderCapabilities;
  allowRemovals: boolean;
  allowMassChanges: boolean;
  delivery: DeliveryMode;
  /**
   * The plan is made for review and another key applies it (a pull request's plan, applied on
   * merge with the apply environment's key): the planning key's own role does not block it.
   */
  review?: boolean;
}

/** Where new secrets can go for the applier: files on its disk, or GitHub repository secrets. */
export type DeliveryMode = 'file' | 'github';

export function checkGuards(input: GuardInput): GuardResult[] {
  return [
    ...ownerGuard(input),
    ...selfLockoutGuard(input),
    ...powerGuard(input),
    ...removalGuard(input.ctx, input.changes, input.allowRemovals),
    ...updateGuard(input.ctx, input.changes, input.allowMassChanges),
    ...capabilityGuard(input),
    ...deliveryGuard(input),
    ...disconnectGuard(input),
  ];
}

function ownerGuard({ ctx }: GuardInput): GuardResult[] {
  const owners = [
    ...ctx.desired.members.filter((m) => m.role === 'owner'),
    ...ctx.actual.members.filter((m) => m.role === 'owner' && ctx.untouched.has(m.email)),
  ].length;
  const minimum = Math.max(1, ctx.policy.minOwners);
  if (owners >= minimum) return [];
  return [
    {
      code: 'min-owners',
      message: `the plan would leave the workspace with ${owners} ${owners === 1 ? 'owner' : 'owners'}, and it needs at least ${minimum} (policy.min_owners); keep or add owners in the config`,
    },
  ];
}

function selfLockoutGuard({ ctx, changes, actor }: GuardInput): GuardResult[] {
  const self = ctx.actualMembers.get(actor.name);
  if (!self) return []; // the local operator, or a credential that is not a member
  const results: GuardResult[] = [];
  const after = ctx.desiredMembers.get(actor.name);
  if (ctx.leaving.has(actor.name)) {
    results.push({
      code: 'self-lockout',
      message: `the plan removes ${actor.name}, the member whose key applies it; apply it with another owner's key`,
    });
  } else if (after && !isPrivileged(after.role)) {
    results.push({
      code: 'self-lockout',
      message: `the plan makes ${actor.name} ${article(after.role)} ${after.role}, so their key could no longer manage the workspace; apply it with another owner's key`,
    });
  }
  const ending = changes.find(
    (c) => (c.change.kind === 'key.revoke' || c.change.kind === 'key.replace') && c.change.name === actor.keyName,
  );
  if (ending) {
    const what = ending.change.kind === 'key.revoke' ? 'revokes' : 'replaces';
    results.push({
      code: 'self-lockout',
      message: `the plan ${what} ${actor.keyName}, the key applying it; apply it with another key`,
    });
  }
  return results;
}

function powerGuard({ ctx, changes, actor, review }: GuardInput): GuardResult[] {
  if (!isPrivileged(actor.role)) {
    return changes.length
      ? [
          {
            code: 'not-allowed',
            message: `${actor.name} cannot change the workspace; use the personal key of an owner or admin`,
          },
        ]
      : [];
  }
  if (actor.role === 'owner') return [];
  const ownerOnly = ownerOnlyActions(ctx, changes);
  if (!ownerOnly || review) return [];
  return [
    {
      code: 'not-allowed',
      message: `${actor.name} is an admin, and only an owner may ${ownerOnly}; apply the plan with an owner's key`,
    },
  ];
}

/** What key applying the plan takes, for a plan made for review (another key applies it). */
export function applyKeyWarning(ctx: DiffContext, changes: readonly PlannedChange[]): PlanWarning | undefined {
  const ownerOnly = ownerOnlyActions(ctx, changes);
  if (!ownerOnly) return undefined;
  return {
    code: 'apply-needs-owner-key',
    message: `applying this plan takes an owner's key (the apply's ROSTER_TOKEN): only an owner may ${ownerOnly}`,
  };
}

/** The changes only an owner may make, as a sentence; undefined when there are none. */
function ownerOnlyActions(ctx: DiffContext, changes: readonly PlannedChange[]): string | undefined {
  const needOwner = changes.filter((c) => c.approval === 'owner');
  return needOwner.length
    ? sentenceList(
        needOwner.map((c) => changeAsAction(ctx, c)),
        3,
      )
    : undefined;
}

function capabilityGuard({ ctx, changes, capabilities }: GuardInput): GuardResult[] {
  const results: GuardResult[] = [];
  for (const planned of changes) {
    const change = planned.change;
    const role = 'role' in change ? change.role : undefined;
    if (role && !capabilities.roles.includes(role)) {
      results.push({
        code: 'unsupported',
        message: `this provider has no role ${role}, so it cannot ${changeAsAction(ctx, planned)}`,
      });
    }
    if (change.kind === 'pipe_member.set' && !capabilities.pipeLevels.includes(change.level)) {
      results.push({
        code: 'unsupported',
        message: `this provider has no pipe level ${change.level}, so it cannot ${changeAsAction(ctx, planned)}`,
      });
    }
    if (change.kind === 'integration.connect' && !capabilities.connectsIntegrations) {
      results.push({
        code: 'unsupported',
        message: `integration ${change.id} must be connected in the workspace first; this provider cannot connect it`,
      });
    }
    if (change.kind === 'integration.disconnect' && !capabilities.connectsIntegrations) {
      results.push({
        code: 'unsupported',
        message: `integration ${change.id} is no longer in the config; this provider cannot disconnect it, so disconnect it in the workspace`,
      });
    }
    if (change.kind === 'integration.update' && !capabilities.connectsIntegrations) {
      results.push({
        code: 'unsupported',
        message: `integration ${change.id} differs from the config (${planned.summary}); this provider cannot change it, so change it in the workspace or in the config`,
      });
    }
  }
  return results;
}

/** A new secret with nowhere to go would be lost the moment it is made. */
function deliveryGuard({ ctx, changes, delivery }: GuardInput): GuardResult[] {
  const results: GuardResult[] = [];
  for (const planned of changes) {
    const change = planned.change;
    if (!issuesSecret(change)) continue;
    const key = ctx.desired.keys.find((k) => k.name === change.name);
    if (!key?.deliver) {
      results.push({
        code: 'no-delivery',
        message: `key ${change.name} needs deliver: { file: ... } to receive its new secret; it is never printed`,
      });
    } else if ('githubSecret' in key.deliver && delivery !== 'github') {
      results.push({
        code: 'unsupported',
        message: `key ${change.name} is delivered to a GitHub secret, which only the GitHub Action does (command: apply); from a terminal, use deliver: { file: ... }`,
      });
    } else if ('file' in key.deliver && delivery !== 'file') {
      results.push({
        code: 'unsupported',
        message: `key ${change.name} is delivered to a file, which the GitHub Action cannot do (the runner's disk is gone after the job, and the secret with it); use deliver: { github_secret: { repo, name } }, or apply this key from a terminal`,
      });
    }
  }
  return results;
}

/**
 * A key whose whole scope is disconnected would be left with none: a workspace key could do
 * nothing, and a personal key's empty scope means all its owner's access. The store refuses
 * it; the plan says so first, with what to do.
 */
function disconnectGuard({ ctx, changes }: GuardInput): GuardResult[] {
  const gone = new Set(changes.flatMap((c) => (c.change.kind === 'integration.disconnect' ? [c.change.id] : [])));
  if (gone.size === 0) return [];
  const emptied = new Map<string, string>();
  for (const id of gone) {
    for (const key of keysStillScopedTo(ctx, id, changes)) {
      if (key.scope.every((entry) => gone.has(entry.integration))) emptied.set(key.name, key.type);
    }
  }
  return [...emptied].map(([name, type]) => ({
    code: 'disconnect-empties-key',
    message: `${type} key ${name} is scoped only to integrations this plan disconnects and would be left with no scope; revoke it or give it another integration first`,
  }));
}
