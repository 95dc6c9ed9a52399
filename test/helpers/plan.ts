import { dirname } from 'node:path';
import type { Actor } from '../../src/model/changes.js';
import { FULL_CAPABILITIES, type ProviderCapabilities } from '../../src/model/capabilities.js';
import { emptyState, type WorkspaceState } from '../../src/model/state.js';
import type { DeliveryMode } from '../../src/plan/guards.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { rootConfig } from './tmp.js';
import { TODAY, validateFiles } from './validate.js';

export const OPERATOR: Actor = { name: 'local operator', role: 'owner' };

/** Plans a config (YAML after version/workspace) against an actual state. */
export function planFor(
  yaml: string,
  actual: Partial<WorkspaceState> = {},
  options: {
    actor?: Actor;
    allowRemovals?: boolean;
    allowMassChanges?: boolean;
    plan?: string;
    capabilities?: ProviderCapabilities;
    delivery?: DeliveryMode;
    review?: boolean;
  } = {},
) {
  const { result } = validateFiles({ 'roster.yaml': rootConfig(yaml, options.plan) });
  if (!result.ok) throw new Error(`invalid test config: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const base = emptyState('test', (options.plan ?? 'business') as WorkspaceState['workspace']['plan']);
  return makePlan({
    desired: result.desired!,
    actual: { ...base, ...actual },
    stateVersion: '7',
    policy: result.model!.policy,
    actor: options.actor ?? OPERATOR,
    capabilities: options.capabilities ?? FULL_CAPABILITIES,
    provider: 'test',
    today: TODAY,
    allowRemovals: options.allowRemovals ?? false,
    allowMassChanges: options.allowMassChanges ?? false,
    ...(options.delivery ? { delivery: options.delivery } : {}),
    ...(options.review ? { review: true } : {}),
    configDir: dirname(result.model!.root.absolutePath),
  });
}

/** "kind subject: summary" lines, in plan order. */
export function lines(plan: ReturnType<typeof planFor>): string[] {
  return plan.changes.map((c) => `${c.change.kind} ${c.subject}: ${c.summary}`);
}
