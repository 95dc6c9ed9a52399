// A member makes keys of their own; the bound on how many holds on every route that makes one, so
// a batch of thousands of key.create cannot fill the store. And whatever a member holds, the
// cleanup the server asks for before a demotion to guest fits the server's own batch limit.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import type { Change } from '../../src/model/changes.js';
import { makePlan } from '../../src/plan/make-plan.js';
import { LocalProvider } from '../../src/providers/local/local-provider.js';
import type { Provider } from '../../src/providers/provider.js';
import { MAX_OWN_KEYS } from '../../src/store/own-key-cap.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { OPERATOR } from '../helpers/plan.js';
import { memberWithKey, startServer, type TestServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';
import { TODAY, validateFiles } from '../helpers/validate.js';

const own = (owner: string, name: string): Change => ({
  kind: 'key.create',
  name,
  type: 'personal',
  owner,
  scope: [],
  users: [],
});

describe('the own-key cap through POST /v1/changes', () => {
  let server: TestServer;
  let key: string;
  const count = () => server.store.snapshot().state.keys.filter((k) => k.owner === 'mem@x.io').length;
  beforeAll(async () => {
    server = await startServer();
    key = (await server.seed(memberWithKey('mem@x.io', 'member')))['mem-key']!;
  });

  it("refuses a batch of 5,000 of a member's own keys, and creates none", async () => {
    const changes = Array.from({ length: 5000 }, (_, index) => own('mem@x.io', `mine-${index}`));
    const refused = await server.call(key, 'POST', '/v1/changes', { changes });
    expect(refused.status).toBe(422);
    expect(refused.body.error.changes[0]).toMatchObject({ index: MAX_OWN_KEYS - 1, code: 'too-many-own-keys' });
    expect(count()).toBe(1);
  });

  it('counts the keys made through POST /v1/keys and through batches together', async () => {
    for (let index = 0; index < MAX_OWN_KEYS - 2; index++) {
      expect((await server.call(key, 'POST', '/v1/keys', { name: `api-${index}` })).status).toBe(201);
    }
    const ok = await server.call(key, 'POST', '/v1/changes', { changes: [own('mem@x.io', 'last')] });
    expect(ok.status).toBe(200);
    expect(count()).toBe(MAX_OWN_KEYS);
    const over = await server.call(key, 'POST', '/v1/changes', { changes: [own('mem@x.io', 'one-more')] });
    expect([over.status, over.body.error.changes[0].code]).toEqual([422, 'too-many-own-keys']);
    const byApi = await server.call(key, 'POST', '/v1/keys', { name: 'one-more' });
    expect([byApi.status, byApi.body.error.changes[0].code]).toEqual([422, 'too-many-own-keys']);
    expect(count()).toBe(MAX_OWN_KEYS);
  });
});

describe('demoting a member who holds more keys than one batch may carry', () => {
  const stores: WorkspaceStore[] = [];
  afterAll(() => stores.forEach((store) => store.close()));

  it('applies in batches that each leave a valid workspace: the revocations go before the demotion', async () => {
    const path = join(tmpDir(), 'state.db');
    const store = WorkspaceStore.open(path);
    stores.push(store);
    const held = 25;
    store.apply(
      [
        { kind: 'member.invite', email: 'owner@x.io', role: 'owner' },
        { kind: 'member.invite', email: 'mem@x.io', role: 'member' },
        ...Array.from({ length: held }, (_, index) => own('mem@x.io', `k-${String(index).padStart(2, '0')}`)),
      ],
      { actor: OPERATOR, managed: true },
    );
    store.close();
    stores.pop();

    const local = new LocalProvider(path);
    const provider: Provider = {
      description: local.description,
      capabilities: { ...FULL_CAPABILITIES, maxBatchChanges: 10 },
      whoami: () => local.whoami(),
      snapshot: () => local.snapshot(),
      apply: (request) => local.apply(request),
      close: () => local.close(),
    };
    const { result } = validateFiles({
      'roster.yaml': rootConfig(
        'policy: { max_removals: { count: 100, ratio: 1 } }\nmembers:\n  - { email: owner@x.io, role: owner }\n  - { email: mem@x.io, role: guest }\n',
      ),
    });
    const snapshot = await provider.snapshot();
    const plan = makePlan({
      desired: result.desired!,
      actual: snapshot.state,
      stateVersion: snapshot.version,
      policy: result.model!.policy,
      actor: OPERATOR,
      capabilities: provider.capabilities,
      provider: provider.description,
      today: TODAY,
    });
    expect(plan.changes.filter((c) => c.change.kind === 'key.revoke')).toHaveLength(held);
    await applyPlan(provider, plan, {});
    const after = (await provider.snapshot()).state;
    expect(after.members.find((m) => m.email === 'mem@x.io')?.role).toBe('guest');
    expect(after.keys).toEqual([]);
    await provider.close();
  });
});
