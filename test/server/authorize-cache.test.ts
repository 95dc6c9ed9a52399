// The authorize path caches keys and access per state version and UTC date and writes last use per
// minute: no cache outlives a change or midnight, and coarse last use is still last use.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { memberWithKey, STRIPE, startServer, type TestServer, itOnSqliteFile } from '../helpers/server.js';

const fullGrant = (email: string, expires?: string): Change => ({
  kind: 'grant.set',
  email,
  integration: 'stripe',
  profile: 'full',
  disabledTools: [],
  ...(expires ? { expires } : {}),
});

async function serverWithMember(clock?: () => Date, expires?: string) {
  const server = await startServer(clock ? { clock } : {});
  const keys = await server.seed([STRIPE, ...memberWithKey('m@x.io', 'member'), fullGrant('m@x.io', expires)]);
  return { server, key: keys['m-key']! };
}

const ask = (server: TestServer, key: string) =>
  server.call(key, 'POST', '/v1/authorize', { integration: 'stripe', tool: 'delete_customer' });

/** Two decisions first, so that whatever is cached about the key and its access is cached. */
async function expectAllowedTwice(server: TestServer, key: string): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const response = await ask(server, key);
    expect(response.status).toBe(200);
    expect(response.body.allowed).toBe(true);
  }
}

describe('authorize after a change', () => {
  it('refuses a key in the very next request after it is revoked', async () => {
    const { server, key } = await serverWithMember();
    await expectAllowedTwice(server, key);
    await server.seed([{ kind: 'key.revoke', name: 'm-key' }]);
    expect((await ask(server, key)).status).toBe(401);
  });

  it("refuses a removed member's key in the very next request", async () => {
    const { server, key } = await serverWithMember();
    await expectAllowedTwice(server, key);
    await server.seed([{ kind: 'member.remove', email: 'm@x.io' }]);
    expect((await ask(server, key)).status).toBe(401);
  });

  it('denies the very next decision once the grant is removed or narrowed', async () => {
    const { server, key } = await serverWithMember();
    await expectAllowedTwice(server, key);
    await server.seed([
      { kind: 'grant.set', email: 'm@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
    ]);
    expect((await ask(server, key)).body).toMatchObject({ allowed: false, reason: expect.stringMatching(/read-only/) });
    await server.seed([{ kind: 'grant.remove', email: 'm@x.io', integration: 'stripe' }]);
    expect((await ask(server, key)).body).toMatchObject({ allowed: false, reason: 'm@x.io is not assigned to stripe' });
  });

  itOnSqliteFile('sees a change committed by another process on the same workspace file', async () => {
    const { server, key } = await serverWithMember();
    await expectAllowedTwice(server, key);
    // As `roster apply` with the local provider on the server's file would.
    const other = WorkspaceStore.open(server.dbPath);
    other.apply([{ kind: 'key.revoke', name: 'm-key' }], { actor: { name: 'owner@x.io', role: 'owner' } });
    other.close();
    expect((await ask(server, key)).status).toBe(401);
  });

  it('ends access that expires on the last day at midnight UTC by the server clock', async () => {
    let now = new Date('2026-11-22T23:59:59Z');
    const { server, key } = await serverWithMember(() => now, '2026-11-22');
    await expectAllowedTwice(server, key);
    now = new Date('2026-11-23T00:00:01Z');
    expect((await ask(server, key)).body).toMatchObject({
      allowed: false,
      reason: "m@x.io's access to stripe expired on 2026-11-22",
    });
  });

  it('stops taking a key that expires on the last day at midnight UTC', async () => {
    let now = new Date('2026-11-22T23:59:59Z');
    const server = await startServer({ clock: () => now });
    const keys = await server.seed([
      STRIPE,
      { kind: 'member.invite', email: 'm@x.io', role: 'member' },
      fullGrant('m@x.io'),
      {
        kind: 'key.create',
        name: 'short',
        type: 'personal',
        owner: 'm@x.io',
        scope: [],
        users: [],
        expires: '2026-11-22',
      },
    ]);
    await expectAllowedTwice(server, keys.short!);
    now = new Date('2026-11-23T00:00:01Z');
    expect((await ask(server, keys.short!)).status).toBe(401);
  });
});

describe('last use of a key', () => {
  const lastUsed = async (server: TestServer) => {
    const listed = await server.call(server.ownerKey, 'GET', '/v1/keys');
    return listed.body.items.find((item: { name: string }) => item.name === 'm-key').lastUsedAt as string | undefined;
  };

  it('is written once a minute per key, and read back at once', async () => {
    let now = new Date('2026-11-22T12:00:10Z');
    const { server, key } = await serverWithMember(() => now);
    await ask(server, key);
    expect(await lastUsed(server)).toBe('2026-11-22T12:00:10.000Z');
    now = new Date('2026-11-22T12:00:50Z');
    await ask(server, key);
    expect(await lastUsed(server)).toBe('2026-11-22T12:00:10.000Z'); // same minute: not written again
    now = new Date('2026-11-22T12:01:05Z');
    await ask(server, key);
    expect(await lastUsed(server)).toBe('2026-11-22T12:01:05.000Z');
  });
});
