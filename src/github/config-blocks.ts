// The blocks of a root config that steer roster itself rather than name access: `provider` (which
// workspace a change goes to), `policy` (the guards) and `settings` (the workspace's rules for pipe
// people). A pull request changing one of them may plan to nothing in the workspace today and
// still change what every later plan does, so it needs an owner's approval whatever its plan holds.
import { sameProviderBlock } from '../app/config-provider.js';
import type { ConfigModel } from '../config/model.js';
import { effectiveSettings } from '../model/pipe-powers.js';
import type { ApprovalInput } from './approvals.js';
import type { RawProviderBlock } from './base-config.js';

/** What of a config these checks compare: the provider block as written, policy and settings as read. */
export interface SteeringBlocks {
  provider: RawProviderBlock;
  policy: ConfigModel['policy'];
  settings: ConfigModel['settings'];
}

export function steeringBlocks(model: ConfigModel): SteeringBlocks {
  return {
    provider: (model.root.data as { provider?: RawProviderBlock } | null)?.provider,
    policy: model.policy,
    settings: model.settings,
  };
}

/**
 * One owner-approved entry per block the head changes from the base, for checkApprovals beside the
 * plan's changes. `file` names the root config, as reviewers know it.
 */
export function steeringChanges(base: SteeringBlocks, head: SteeringBlocks, file: string): ApprovalInput['changes'] {
  const changed = [
    ...(sameProviderBlock(base.provider, head.provider) ? [] : ['provider']),
    ...(same(base.policy, head.policy) ? [] : ['policy']),
    ...(same(effectiveSettings(base.settings), effectiveSettings(head.settings)) ? [] : ['settings']),
  ];
  return changed.map((block) => ({
    action: 'update' as const,
    approval: 'owner' as const,
    subject: file,
    summary: `changes the ${block} block`,
  }));
}

/** Equal once read: the loader fills in defaults, so only a change in meaning counts. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
