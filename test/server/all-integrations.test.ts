// Workspace keys scoped to all integrations (`integrations: all`): every tool of every connected
// integration, including one connected after the key was made; only owners and admins make them.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { memberWithKey, STRIPE, startServer } from '../helpers/server.js';

const ALL_BOT: Change = {
  kind: 'key.create',
  name: 'all-bot',
  type: 'workspace',
  scope: [],
  allIntegrations: true,
  users: [],
};

describe('a workspace key scoped to all integrations', () => {
  it('may use every tool of every connected integration, present and future, and nothing else', async () => {
    const server = await startServer();
    const { 'all-bot': key } = await server.seed([STRIPE, ALL_BOT]);
    const decide = async (integration: string, tool: string) =>
      (await server.call(key, 'POST', '/v1/authorize', { integration, tool })).body;
    expect(await decide('stripe', 'delete_customer')).toEqual({
      allowed: true,
      reason: 'key all-bot may use delete_customer (delete) on every integration',
    });
    expect((await decide('email', 'send_mail')).allowed).toBe(false); // not connected yet
    await server.seed([{ kind: 'integration.connect', id: 'email', tools: { send_mail: 'write' } }]);
    expect((await decide('email', 'send_mail')).allowed).toBe(true);
    expect(await decide('email', 'constructor')).toEqual({
      allowed: false,
      reason: 'integration email has no tool constructor',
    });
    await server.seed([{ kind: 'integration.disconnect', id: 'email' }]);
    expect(await decide('email', 'send_mail')).toEqual({
      allowed: false,
      reason: 'integration email is not connected',
    });

    const state = server.store.snapshot().state.keys.find((k) => k.name === 'all-bot');
    expect(state).toMatchObject({ type: 'workspace', scope: [], allIntegrations: true });
    const listed = await server.call(server.ownerKey, 'GET', '/v1/keys');
    expect(listed.body.items.find((k: { name: string }) => k.name === 'all-bot').allIntegrations).toBe(true);
  });

  it('is made by owners and admins only, and only as a workspace key with no scope of its own', async () => {
    const server = await startServer();
    const keys = await server.seed([
      STRIPE,
      ...memberWithKey('ada@x.io', 'admin'),
      ...memberWithKey('m@x.io', 'member'),
    ]);
    const post = (key: string | undefined, change: Change) =>
      server.call(key, 'POST', '/v1/changes', { changes: [change] });
    // A member's batch is read (they may create pipes) and this change refused by the role rule.
    const byMember = await post(keys['m-key'], ALL_BOT);
    expect(byMember.status).toBe(422);
    expect(JSON.stringify(byMember.body)).toContain('forbidden');
    expect((await post(keys['ada-key'], ALL_BOT)).status).toBe(200);

    const personal = await post(server.ownerKey, {
      kind: 'key.create',
      name: 'mine',
      type: 'personal',
      owner: 'owner@x.io',
      scope: [],
      allIntegrations: true,
      users: [],
    });
    const scoped = await post(server.ownerKey, {
      ...ALL_BOT,
      name: 'both',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
    });
    for (const refused of [personal, scoped]) {
      expect(refused.status).toBe(422);
      expect(refused.body.error.changes[0].message).toMatch(/only a workspace key may be scoped to all integrations/);
    }
    // Narrowing it back to a scope is an ordinary update.
    const narrowed = await post(server.ownerKey, {
      kind: 'key.update',
      name: 'all-bot',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
      users: [],
    });
    expect(narrowed.status).toBe(200);
    expect(server.store.snapshot().state.keys.find((k) => k.name === 'all-bot')?.allIntegrations).toBeUndefined();
  });
});
