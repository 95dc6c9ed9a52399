// A plan larger than the provider's batch limit: consecutive atomic batches, and when one fails,
// an exact account of what landed. Runs against a real SQLite store.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApplyError, applyPlan } from '../../src/apply/apply-plan.js';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import type { WorkspaceState } from '../../src/model/state.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { LocalProvider } from '../../src/providers/local/local-provider.js';
import type { ApplyRequest, Provider } from '../../src/providers/provider.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { OPERATOR } from '../helpers/plan.js';
import { TODAY, validateFiles } from '../helpers/validate.js';
import { rootConfig } from '../helpers/tmp.js';

const CONFIG = rootConfig(`members:
  - { email: owner@x.io, role: owner }
  - { email: a@x.io, role: member }
  - { email: b@x.io, role: member }
  - { email: c@x.io, role: member }
keys:
  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: bot.key } }
integrations:
  stripe: { tools: { find_customer: read } }
`);

/** A local provider that takes at most `size` changes per batch; `between` runs after each batch. */
function smallBatches(path: string, size: number, between: (batch: number) => void = () => {}): Provider {
  const local = new LocalProvider(path);
  let batch = 0;
  return {
    description: local.description,
    capabilities: { ...FULL_CAPABILITIES, maxBatchChanges: size },
    whoami: () => local.whoami(),
    snapshot: () => local.snapshot(),
    apply: async (request: ApplyRequest) => {
      const result = await local.apply(request);
      between(++batch);
      return result;
    },
    close: () => local.close(),
  };
}

/** Plans CONFIG against the provider's workspace, or against `actual` in its stead. */
async function planWith(provider: Provider, actual?: WorkspaceState) {
  const { result, dir } = validateFiles({ 'roster.yaml': CONFIG });
  const snapshot = await provider.snapshot();
  const plan = makePlan({
    desired: result.desired!,
    actual: actual ?? snapshot.state,
    stateVersion: snapshot.version,
    policy: result.model!.policy,
    actor: OPERATOR,
    capabilities: provider.capabilities,
    provider: provider.description,
    today: TODAY,
  });
  return { plan, dir };
}

describe('applying in several batches', () => {
  it('warns on the plan, applies every batch in order, reports progress, and leaves nothing to do', async () => {
    const { dir } = validateFiles({});
    const provider = smallBatches(join(dir, 'state.db'), 2);
    const { plan } = await planWith(provider);
    expect(plan.changes).toHaveLength(7); // workspace, integration, four members, key
    expect(plan.warnings.map((w) => w.code)).toContain('several-batches');

    const progress: string[] = [];
    const result = await applyPlan(provider, plan, {}, (p) => progress.push(`${p.batch}/${p.batches} ${p.applied}`));
    expect(progress).toEqual(['1/4 2', '2/4 4', '3/4 6', '4/4 7']);
    expect(result.applied).toBe(7);
    expect(Object.keys(result.secrets)).toEqual(['bot']);
    expect((await planWith(provider)).plan.changes).toEqual([]);
    await provider.close();
  });

  it('says exactly which changes landed when a later batch is refused, and hands back their secrets', async () => {
    const { dir } = validateFiles({});
    const path = join(dir, 'state.db');
    const seed = WorkspaceStore.open(path);
    seed.apply(
      [
        { kind: 'member.invite', email: 'owner@x.io', role: 'owner' },
        { kind: 'member.invite', email: 'leaver@x.io', role: 'member' },
      ],
      { actor: OPERATOR, managed: true },
    );
    seed.close();
    // Someone else writes to the workspace right after the first batch: the second is stale.
    const provider = smallBatches(path, 6, (batch) => {
      if (batch !== 1) return;
      const other = WorkspaceStore.open(path);
      other.apply([{ kind: 'member.invite', email: 'someone@x.io', role: 'member' }], { actor: OPERATOR });
      other.close();
    });
    const { plan } = await planWith(provider);
    expect(plan.changes.map((c) => c.change.kind).slice(-2)).toEqual(['key.create', 'member.remove']);
    const failure = await applyPlan(provider, plan, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplyError);
    const error = failure as ApplyError;
    expect(error.code).toBe('apply-partial');
    expect(error.message).toContain('batch 2 of 2 (changes 7-7) was refused');
    expect(error.message).toContain('Changes 1-6 (batches 1-1) were applied');
    expect(error.message).toContain('Changes 7-7 were not applied');
    expect(error.partial?.applied).toBe(6);
    expect(Object.keys(error.partial?.secrets ?? {})).toEqual(['bot']);

    const state = (await provider.snapshot()).state;
    expect(state.keys.map((k) => k.name)).toEqual(['bot']);
    expect(state.members.map((m) => m.email)).toContain('leaver@x.io'); // the refused removal
    await provider.close();
  });

  it('numbers the refused change when the provider has no batch limit (local: Infinity)', async () => {
    const { dir } = validateFiles({});
    const provider = new LocalProvider(join(dir, 'state.db'));
    expect(provider.capabilities.maxBatchChanges).toBe(Number.POSITIVE_INFINITY);
    // Planned against a workspace that has a member it does not have: the store refuses the removal.
    const ghost = { email: 'ghost@x.io', role: 'member' as const, managed: true };
    const { plan } = await planWith(provider, { ...(await provider.snapshot()).state, members: [ghost] });
    const failure = (await applyPlan(provider, plan, {}).catch((error: unknown) => error)) as ApplyError;
    expect(failure).toBeInstanceOf(ApplyError);
    expect(failure.code).toBe('apply-refused');
    expect(failure.message).not.toContain('NaN');
    expect(failure.message).toContain(`change ${plan.changes.length}: member ghost@x.io does not exist`);
    await provider.close();
  });
});
