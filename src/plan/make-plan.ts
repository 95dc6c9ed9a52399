// Builds a plan: diff the desired state against the actual one, order the changes, run the
// guards, summarise and digest. Pure: the caller reads the config and the provider.
import type { Policy } from '../model/policy.js';
import type { Actor } from '../model/changes.js';
import type { WorkspaceState } from '../model/state.js';
import type { ProviderCapabilities } from '../model/capabilities.js';
import { approvalFor, pipeApproversOf } from './approvals.js';
import type { DiffContext } from './context.js';
import { diffGrants, diffPipeMemberships } from './diff-access.js';
import { diffCatalog } from './diff-catalog.js';
import { diffDisconnections } from './diff-disconnect.js';
import { diffKeys } from './diff-keys.js';
import { diffMembers, pendingInvitations } from './diff-members.js';
import { leaveAlone, type UnknownPipeLevel, type UnknownRole } from './left-alone.js';
import { planDigest } from './digest.js';
import { applyKeyWarning, checkGuards, type DeliveryMode } from './guards.js';
import { orderChanges } from './order.js';
import type { Plan, PlannedChange, PlanWarning } from './types.js';

export interface PlanInput {
  desired: WorkspaceState;
  actual: WorkspaceState;
  stateVersion: string;
  policy: Policy;
  actor: Actor;
  capabilities: ProviderCapabilities;
  provider: string;
  today: string;
  now?: Date;
  allowRemovals?: boolean;
  /** Let updates beyond policy.max_updates through. */
  allowMassChanges?: boolean;
  /**
   * Where the applier can put a new secret: a file (`roster apply`), or a GitHub repository secret
   * (the action, whose runner's files are gone after the job). Default: file.
   */
  delivery?: DeliveryMode;
  /**
   * Made for review, applied later with another key (a pull request's plan): the actor's role
   * does not block it, and the plan says when applying it takes an owner's key.
   */
  review?: boolean;
  /** The root config's directory: deliver targets are shown relative to it. */
  configDir?: string;
  /** Pipe memberships at a level roster has no name for, as the provider read them: left alone. */
  unknownPipeLevels?: readonly UnknownPipeLevel[];
  /** Company members whose role roster has no word for (a custom role), as read: left alone. */
  unknownRoles?: readonly UnknownRole[];
}

export function makePlan(input: PlanInput): Plan {
  const {
    desired,
    actual,
    warnings: leftAlone,
    blocked: unnamedRoles,
  } = leaveAlone(input.desired, input.actual, input.capabilities, {
    ...(input.unknownPipeLevels ? { pipeLevels: input.unknownPipeLevels } : {}),
    ...(input.unknownRoles ? { roles: input.unknownRoles } : {}),
  });
  const ctx: DiffContext = {
    desired,
    actual,
    policy: input.policy,
    today: input.today,
    desiredMembers: new Map(input.desired.members.map((m) => [m.email, m])),
    actualMembers: new Map(input.actual.members.map((m) => [m.email, m])),
    leaving: new Set(),
    untouched: new Set(),
    disconnecting: new Set(
      input.actual.integrations
        .filter(
          (integration) => integration.managed && !input.desired.integrations.some((d) => d.id === integration.id),
        )
        .map((integration) => integration.id),
    ),
    ...(input.configDir ? { configDir: input.configDir } : {}),
    ...(input.capabilities.memberExpiry ? { memberExpiry: true } : {}),
  };
  const changes: PlannedChange[] = [];
  const warnings: PlanWarning[] = [...leftAlone];
  diffCatalog(desired, actual, changes, warnings);
  diffMembers(ctx, changes, warnings); // first: decides who leaves and who is left alone
  pendingInvitations(ctx, warnings);
  diffGrants(ctx, changes, warnings);
  diffPipeMemberships(ctx, changes, warnings);
  diffKeys(ctx, changes, warnings);
  diffDisconnections(ctx, changes, warnings); // last: sees which keys the plan already settles
  const pipeApproversFor = pipeApproversOf(ctx);
  for (const planned of changes) {
    planned.approval = approvalFor(ctx, planned.change);
    const pipeAdmins = pipeApproversFor(planned.change, planned.approval);
    if (pipeAdmins.length > 0) planned.pipeAdmins = pipeAdmins;
  }

  const ordered = orderChanges(changes, (email) => ctx.actualMembers.get(email)?.role);
  const batches = Math.ceil(ordered.length / input.capabilities.maxBatchChanges);
  if (batches > 1) {
    warnings.push({
      code: 'several-batches',
      message: `${ordered.length} changes are more than ${input.provider} takes in one batch (${input.capabilities.maxBatchChanges}): they will be applied as ${batches} consecutive batches, each all or nothing. If one fails, the batches before it stay applied`,
    });
  }
  if (ordered.some((c) => c.change.kind === 'key.rotate' && c.change.name === input.actor.keyName)) {
    warnings.push({
      code: 'rotates-applying-key',
      subject: `key:${input.actor.keyName}`,
      message: `the plan rotates ${input.actor.keyName}, the key applying it: its old secret stops working once the new one is delivered, so replace the token with the new secret before the next run`,
    });
  }
  const blocked = [
    ...unnamedRoles,
    ...checkGuards({
      ctx,
      changes: ordered,
      actor: input.actor,
      capabilities: input.capabilities,
      allowRemovals: input.allowRemovals ?? false,
      allowMassChanges: input.allowMassChanges ?? false,
      delivery: input.delivery ?? 'file',
      review: input.review ?? false,
    }),
  ];
  const applyKey = input.review ? applyKeyWarning(ctx, ordered) : undefined;
  if (applyKey) warnings.unshift(applyKey);
  return {
    formatVersion: 1,
    workspace: input.desired.workspace.name,
    provider: input.provider,
    stateVersion: input.stateVersion,
    createdAt: (input.now ?? new Date()).toISOString(),
    changes: ordered,
    warnings,
    blocked,
    summary: {
      add: ordered.filter((c) => c.action === 'create').length,
      change: ordered.filter((c) => c.action === 'update').length,
      remove: ordered.filter((c) => c.action === 'delete').length,
      adopt: ordered.filter((c) => c.action === 'adopt').length,
      billableSeats: ordered.reduce((sum, c) => sum + c.billing, 0),
    },
    digest: planDigest(ordered.map((c) => c.change)),
  };
}
