// Each role and key type against each management endpoint, on the real server.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { memberWithKey, STRIPE, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let keys: Record<string, string>;

beforeEach(async () => {
  server = await startServer();
  keys = await server.seed([
    STRIPE,
    ...memberWithKey('admin@x.io', 'admin'),
    ...memberWithKey('member@x.io', 'member'),
    { kind: 'member.invite', email: 'guest@x.io', role: 'guest' },
    {
      kind: 'key.create',
      name: 'bot',
      type: 'workspace',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
      users: [],
    },
  ]);
  keys.owner = server.ownerKey;
  keys.member = keys['member-key']!;
  keys.admin = keys['admin-key']!;
  keys.workspace = keys.bot!;
});

const invite = (email: string, role: string): { changes: Change[] } => ({
  changes: [{ kind: 'member.invite', email, role } as Change],
});

describe('who may call what', () => {
  const matrix: [string, number, number, number, number, number][] = [
    // caller, GET state, GET members, invite member, invite admin, GET audit
    ['owner', 200, 200, 200, 200, 200],
    ['admin', 200, 200, 200, 422, 200],
    // A member's batch reaches the role rule (they may create pipes), which refuses these.
    ['member', 403, 403, 422, 422, 403],
    ['workspace', 403, 403, 403, 403, 403],
  ];
  for (const [caller, state, members, inviteMember, inviteAdmin, audit] of matrix) {
    it(`${caller} key`, async () => {
      const key = keys[caller];
      expect((await server.call(key, 'GET', '/v1/state')).status).toBe(state);
      expect((await server.call(key, 'GET', '/v1/members')).status).toBe(members);
      expect((await server.call(key, 'POST', '/v1/changes', invite(`new-${caller}@x.io`, 'member'))).status).toBe(
        inviteMember,
      );
      expect((await server.call(key, 'POST', '/v1/changes', invite(`adm-${caller}@x.io`, 'admin'))).status).toBe(
        inviteAdmin,
      );
      expect((await server.call(key, 'GET', '/v1/audit')).status).toBe(audit);
      // Every valid key may ask for a tool decision.
      expect(
        (await server.call(key, 'POST', '/v1/authorize', { integration: 'stripe', tool: 'find_customer' })).status,
      ).toBe(200);
    });
  }

  it('an admin may not promote, demote or remove owners and admins, but may manage members', async () => {
    const asAdmin = (change: Change) => server.call(keys.admin, 'POST', '/v1/changes', { changes: [change] });
    const refused = await asAdmin({ kind: 'member.update', email: 'member@x.io', role: 'admin' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.changes).toEqual([
      { index: 0, code: 'forbidden', message: 'only an owner may grant or take away owner or admin (you are admin)' },
    ]);
    expect((await asAdmin({ kind: 'member.remove', email: 'owner@x.io' })).status).toBe(422);
    expect((await asAdmin({ kind: 'member.update', email: 'owner@x.io', role: 'member' })).status).toBe(422);
    expect((await asAdmin({ kind: 'member.update', email: 'member@x.io', role: 'guest' })).status).toBe(422); // has a key
    expect(
      (
        await asAdmin({
          kind: 'grant.set',
          email: 'member@x.io',
          integration: 'stripe',
          profile: 'full',
          disabledTools: [],
        })
      ).status,
    ).toBe(200);
    expect((await asAdmin({ kind: 'member.remove', email: 'member@x.io' })).status).toBe(200);
  });

  it('an owner may make and unmake admins and owners', async () => {
    const asOwner = (change: Change) => server.call(keys.owner, 'POST', '/v1/changes', { changes: [change] });
    expect((await asOwner({ kind: 'member.update', email: 'member@x.io', role: 'owner' })).status).toBe(200);
    expect((await asOwner({ kind: 'member.update', email: 'admin@x.io', role: 'member' })).status).toBe(200);
    expect(server.store.snapshot().state.members.map((m) => `${m.email}:${m.role}`)).toEqual([
      'admin@x.io:member',
      'guest@x.io:guest',
      'member@x.io:owner',
      'owner@x.io:owner',
    ]);
  });

  it('refuses unknown, malformed, revoked and expired keys with 401', async () => {
    expect((await server.call(undefined, 'GET', '/v1/whoami')).status).toBe(401);
    expect((await server.call('not-a-key', 'GET', '/v1/whoami')).status).toBe(401);
    const forged = `${keys.member!.slice(0, -4)}AAAA`;
    expect((await server.call(forged, 'GET', '/v1/whoami')).status).toBe(401);

    await server.seed([{ kind: 'key.revoke', name: 'member-key' }]);
    expect((await server.call(keys.member, 'GET', '/v1/whoami')).status).toBe(401);

    // A key expires after its last day (one cannot be created already expired).
    let now = new Date('2026-03-01T12:00:00Z');
    const later = await startServer({ clock: () => now });
    const expiring = await later.seed([
      STRIPE,
      {
        kind: 'key.create',
        name: 'old',
        type: 'workspace',
        scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
        users: [],
        expires: '2026-03-01',
      },
    ]);
    expect((await later.call(expiring.old, 'GET', '/v1/whoami')).status).toBe(200);
    now = new Date('2026-03-02T00:00:00Z');
    const response = await later.call(expiring.old, 'POST', '/v1/authorize', {
      integration: 'stripe',
      tool: 'find_customer',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});
