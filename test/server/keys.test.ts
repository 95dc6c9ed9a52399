// Key lifecycle: secrets shown once, rotation, and offboarding that kills personal keys at once.
import { describe, expect, it } from 'vitest';
import { memberWithKey, STRIPE, startServer } from '../helpers/server.js';

describe('keys', () => {
  it("kills a member's personal keys in the same transaction that removes them", async () => {
    const server = await startServer();
    const keys = await server.seed([STRIPE, ...memberWithKey('leaver@x.io', 'member')]);
    const leaverKey = keys['leaver-key']!;
    expect((await server.call(leaverKey, 'GET', '/v1/whoami')).status).toBe(200);

    await server.seed([{ kind: 'member.remove', email: 'leaver@x.io' }]);
    expect((await server.call(leaverKey, 'GET', '/v1/whoami')).status).toBe(401);
    expect(
      (await server.call(leaverKey, 'POST', '/v1/authorize', { integration: 'stripe', tool: 'find_customer' })).status,
    ).toBe(401);
    expect(server.store.snapshot().state.keys.map((k) => k.name)).toEqual(['bootstrap-owner']);
  });

  it('shows a secret only in the response that created or rotated it', async () => {
    const server = await startServer();
    const created = await server.seed([
      STRIPE,
      {
        kind: 'key.create',
        name: 'bot',
        type: 'workspace',
        scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
        users: [],
      },
    ]);
    const listed = await server.call(server.ownerKey, 'GET', '/v1/keys');
    const state = await server.call(server.ownerKey, 'GET', '/v1/state');
    expect(JSON.stringify([listed.body, state.body])).not.toContain(created.bot);
    expect(listed.body.items.find((k: { name: string }) => k.name === 'bot')).toMatchObject({
      type: 'workspace',
      managed: false,
    });

    const rotated = await server.seed([{ kind: 'key.rotate', name: 'bot' }]);
    expect(rotated.bot).not.toBe(created.bot);
    expect((await server.call(created.bot, 'GET', '/v1/whoami')).status).toBe(401);
    expect((await server.call(rotated.bot, 'GET', '/v1/whoami')).body.key).toEqual({ name: 'bot', type: 'workspace' });
  });

  it('records when a key was last used', async () => {
    const server = await startServer();
    const keys = await server.seed(memberWithKey('m@x.io', 'member'));
    await server.call(keys['m-key'], 'GET', '/v1/whoami');
    const listed = await server.call(server.ownerKey, 'GET', '/v1/keys');
    expect(listed.body.items.find((k: { name: string }) => k.name === 'm-key').lastUsedAt).toMatch(/^\d{4}-/);
  });
});
