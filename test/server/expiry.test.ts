// Time-bound access enforced by the server itself, on its own clock: an expired member, grant or
// key is refused from the day after its `expires` date (UTC), though no plan has removed it yet;
// a pipe membership past its last day no longer counts in the member's own view.
import { beforeEach, describe, expect, it } from 'vitest';
import { memberWithKey, STRIPE, startServer, type TestServer } from '../helpers/server.js';

let now: Date;
let server: TestServer;
let keys: Record<string, string>;

const at = (instant: string) => {
  now = new Date(instant);
};

beforeEach(async () => {
  at('2026-12-31T12:00:00Z');
  server = await startServer({ clock: () => now });
  keys = await server.seed([
    STRIPE,
    { kind: 'pipe.create', id: 'hiring' },
    { kind: 'member.invite', email: 'temp@x.io', role: 'member', expires: '2026-12-31' },
    { kind: 'key.create', name: 'temp-key', type: 'personal', owner: 'temp@x.io', scope: [], users: [] },
    { kind: 'grant.set', email: 'temp@x.io', integration: 'stripe', profile: 'full', disabledTools: [] },
    { kind: 'pipe_member.set', pipe: 'hiring', email: 'temp@x.io', level: 'admin' },
    { kind: 'member.invite', email: 'contractor@x.io', role: 'admin', expires: '2026-12-31' },
    { kind: 'key.create', name: 'contractor-key', type: 'personal', owner: 'contractor@x.io', scope: [], users: [] },
    ...memberWithKey('fin@x.io', 'member'),
    {
      kind: 'grant.set',
      email: 'fin@x.io',
      integration: 'stripe',
      profile: 'full',
      disabledTools: [],
      expires: '2026-12-31',
    },
    { kind: 'pipe_member.set', pipe: 'hiring', email: 'fin@x.io', level: 'member', expires: '2026-12-31' },
    {
      kind: 'key.create',
      name: 'season-bot',
      type: 'workspace',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
      users: [],
      expires: '2026-12-31',
    },
  ]);
});

const decidePipe = async (key: string, action = 'view_cards') =>
  (await server.call(key, 'POST', '/v1/authorize', { pipe: 'hiring', action })).body;
const setLevel = (key: string, email: string, level = 'read-only') =>
  server.call(key, 'POST', '/v1/changes', { changes: [{ kind: 'pipe_member.set', pipe: 'hiring', email, level }] });

const decide = async (key: string, tool = 'find_customer') =>
  (await server.call(key, 'POST', '/v1/authorize', { integration: 'stripe', tool })).body;

describe('expiry at the server', () => {
  it('allows a member through their last day and refuses them from the next, with the reason, before any plan', async () => {
    expect((await decide(keys['temp-key']!)).allowed).toBe(true);
    at('2027-01-01T00:00:01Z');
    expect(await decide(keys['temp-key']!)).toEqual({
      allowed: false,
      reason: "temp@x.io's membership expired on 2026-12-31",
    });
    // Still in the workspace: only the date changed.
    expect(server.store.snapshot().state.members.find((m) => m.email === 'temp@x.io')?.expires).toBe('2026-12-31');
  });

  it('refuses an expired owner or admin too: their role gives no time beyond their last day', async () => {
    expect((await decide(keys['contractor-key']!, 'delete_customer')).allowed).toBe(true);
    expect((await server.call(keys['contractor-key'], 'GET', '/v1/state')).status).toBe(200);
    at('2027-01-01T08:00:00Z');
    expect((await decide(keys['contractor-key']!, 'delete_customer')).allowed).toBe(false);
    const manage = await server.call(keys['contractor-key'], 'POST', '/v1/changes', {
      changes: [{ kind: 'pipe.create', id: 'late' }],
    });
    expect([manage.status, manage.body.error.message]).toEqual([
      403,
      "contractor@x.io's membership expired on 2026-12-31",
    ]);
    expect((await server.call(keys['contractor-key'], 'POST', '/v1/keys', { name: 'escape' })).status).toBe(403);
    expect((await server.call(keys['contractor-key'], 'GET', '/v1/me')).status).toBe(403);
  });

  it("refuses a grant from the day after its end, and drops it and the pipe membership from the member's view", async () => {
    const before = await server.call(keys['fin-key'], 'GET', '/v1/me');
    expect(before.body.integrations).toHaveLength(1);
    expect(before.body.pipes).toEqual([
      { pipe: 'hiring', level: 'member', source: 'membership', expires: '2026-12-31' },
    ]);
    at('2027-01-01T00:00:00Z');
    expect(await decide(keys['fin-key']!)).toEqual({
      allowed: false,
      reason: "fin@x.io's access to stripe expired on 2026-12-31",
    });
    const after = await server.call(keys['fin-key'], 'GET', '/v1/me');
    expect([after.body.integrations, after.body.pipes]).toEqual([[], []]);
  });

  it('refuses a key from the day after its end', async () => {
    expect((await decide(keys['season-bot']!)).allowed).toBe(true);
    at('2027-01-01T00:00:00Z');
    const refused = await server.call(keys['season-bot'], 'POST', '/v1/authorize', {
      integration: 'stripe',
      tool: 'find_customer',
    });
    expect(refused.status).toBe(401);
  });

  it("moves a member's last day with member.update, and takes it away with null", async () => {
    await server.seed([{ kind: 'member.update', email: 'temp@x.io', expires: '2027-01-31' }]);
    at('2027-01-15T00:00:00Z');
    expect((await decide(keys['temp-key']!)).allowed).toBe(true);
    await server.seed([{ kind: 'member.update', email: 'temp@x.io', expires: null }]);
    at('2030-01-01T00:00:00Z');
    expect((await decide(keys['temp-key']!)).allowed).toBe(true);
    expect(server.store.snapshot().state.members.find((m) => m.email === 'temp@x.io')?.expires).toBeUndefined();
  });
});

describe('expiry in pipes', () => {
  it('refuses pipe actions to a member past their last day, whatever their level in the pipe', async () => {
    expect((await decidePipe(keys['temp-key']!, 'edit_settings')).allowed).toBe(true);
    at('2027-01-01T00:00:01Z');
    for (const action of ['view_cards', 'edit_settings']) {
      expect(await decidePipe(keys['temp-key']!, action)).toEqual({
        allowed: false,
        reason: "temp@x.io's membership expired on 2026-12-31",
      });
    }
  });

  it('refuses an expired company admin, who may otherwise do everything in every pipe', async () => {
    expect((await decidePipe(keys['contractor-key']!, 'manage_members')).allowed).toBe(true);
    at('2027-01-01T00:00:00Z');
    expect(await decidePipe(keys['contractor-key']!, 'manage_members')).toEqual({
      allowed: false,
      reason: "contractor@x.io's membership expired on 2026-12-31",
    });
  });

  it("stops a pipe admin managing the pipe's people from the day after their pipe membership ends", async () => {
    keys = { ...keys, ...(await server.seed(memberWithKey('lead@x.io', 'member'))) };
    await server.seed([
      { kind: 'pipe_member.set', pipe: 'hiring', email: 'lead@x.io', level: 'admin', expires: '2026-12-31' },
    ]);
    expect((await setLevel(keys['lead-key']!, 'fin@x.io')).status).toBe(200);
    at('2027-01-01T00:00:00Z');
    const refused = await setLevel(keys['lead-key']!, 'fin@x.io', 'member');
    expect([refused.status, refused.body.error.changes[0].code]).toEqual([422, 'forbidden']);
    expect((await decidePipe(keys['lead-key']!, 'manage_members')).allowed).toBe(false);
  });

  it("stops a pipe admin managing the pipe's people from the day after their own membership ends", async () => {
    expect((await setLevel(keys['temp-key']!, 'fin@x.io')).status).toBe(200);
    at('2027-01-01T00:00:00Z');
    const refused = await setLevel(keys['temp-key']!, 'fin@x.io', 'member');
    expect([refused.status, refused.body.error.message]).toEqual([403, "temp@x.io's membership expired on 2026-12-31"]);
    const fin = server.store.snapshot().state.pipeMemberships.find((m) => m.email === 'fin@x.io');
    expect(fin?.level).toBe('read-only');
  });
});
