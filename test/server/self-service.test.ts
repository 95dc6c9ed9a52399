// Self-service personal keys (POST /v1/keys, DELETE /v1/keys/{name}) and GET /v1/me: any member
// but a guest makes and revokes their own keys with their own key; the secret is shown once; each
// is audited; owners and admins revoke others' keys by the one role rule; keys do not make keys.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { memberWithKey, STRIPE, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let keys: Record<string, string>;

const BOT: Change = {
  kind: 'key.create',
  name: 'bot',
  type: 'workspace',
  scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
  users: [],
};

beforeEach(async () => {
  server = await startServer({ clock: () => new Date('2026-11-22T12:00:00Z') });
  keys = await server.seed([
    STRIPE,
    { kind: 'pipe.create', id: 'hiring' },
    ...memberWithKey('fin@x.io', 'member'),
    { kind: 'grant.set', email: 'fin@x.io', integration: 'stripe', profile: 'no-delete', disabledTools: [] },
    { kind: 'pipe_member.set', pipe: 'hiring', email: 'fin@x.io', level: 'member' },
    ...memberWithKey('sam@x.io', 'member'),
    ...memberWithKey('ada@x.io', 'admin'),
    { kind: 'member.invite', email: 'gus@x.io', role: 'guest' },
    BOT,
  ]);
});

const decide = (key: string, tool: string) =>
  server.call(key, 'POST', '/v1/authorize', { integration: 'stripe', tool }).then((r) => r.body.allowed);

describe('POST /v1/keys', () => {
  it("gives a member a new key of their own, whose secret is shown once and works with the member's access", async () => {
    const created = await server.call(keys['fin-key'], 'POST', '/v1/keys', {
      name: 'fin-agent',
      expires: '2027-01-31',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'fin-agent', type: 'personal', scope: [], expires: '2027-01-31' });
    expect(created.body.managed).toBe(false);
    const secret = created.body.secret as string;
    expect((await server.call(secret, 'GET', '/v1/whoami')).body.member.email).toBe('fin@x.io');
    expect(await decide(secret, 'create_invoice')).toBe(true);
    expect(await decide(secret, 'delete_customer')).toBe(false); // no-delete, like its owner

    // Never again: not in the state, the key list, the audit log or the server's log.
    const seen = await Promise.all(
      ['/v1/state', '/v1/keys', '/v1/audit', '/v1/me'].map((path) => server.call(server.ownerKey, 'GET', path)),
    );
    expect(JSON.stringify([seen.map((r) => r.body), server.logs])).not.toContain(secret);
    expect(server.store.snapshot().state.keys.find((k) => k.name === 'fin-agent')).toMatchObject({
      owner: 'fin@x.io',
      managed: false,
    });
  });

  it('records each creation and revocation in the audit log as done by the member with their key', async () => {
    await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: 'fin-agent' });
    await server.call(keys['fin-key'], 'DELETE', '/v1/keys/fin-agent');
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?member=fin@x.io');
    const records = audit.body.items.filter((r: { action: string }) => r.action.startsWith('key.'));
    expect(records.slice(-2)).toMatchObject([
      { action: 'key.create', actor: 'fin@x.io', actorRole: 'member', keyName: 'fin-key', subject: 'fin@x.io' },
      { action: 'key.revoke', actor: 'fin@x.io', keyName: 'fin-key' },
    ]);
  });

  it('logs a decision made before a key is created or revoked ahead of that change', async () => {
    // A decision is queued for the log (group commit) while the same moment's key change runs: in
    // process, on the server's own store, to make that moment happen every time.
    const fin = server.store.authenticate(keys['fin-key']!)!;
    const first = server.store.authorize(fin, 'stripe', 'find_customer');
    server.store.createOwnKey(fin, { name: 'fin-agent', scope: [] });
    const second = server.store.authorizePipe(fin, 'hiring', 'view_cards');
    server.store.revokeKey(fin, 'fin-agent');
    await Promise.all([first, second]);
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?key=fin-key');
    expect(audit.body.items.map((r: { action: string }) => r.action).slice(-4)).toEqual([
      'tool.allowed',
      'key.create',
      'pipe.allowed',
      'key.revoke',
    ]);
  });

  it('caps the keys a member makes at 20 live ones of their own, and frees a place when one is revoked', async () => {
    // fin-key, given without a config, is one of fin's own: 19 more fit.
    for (let index = 1; index <= 19; index++) {
      const made = await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: `fin-agent-${index}` });
      expect(made.status).toBe(201);
    }
    const refused = await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: 'fin-agent-20' });
    expect([refused.status, refused.body.error.changes[0].code]).toEqual([422, 'too-many-own-keys']);
    expect(refused.body.error.message).toMatch(/the most a member may make \(20\); revoke one/);
    expect((await server.call(keys['fin-key'], 'DELETE', '/v1/keys/fin-agent-1')).status).toBe(200);
    expect((await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: 'fin-agent-20' })).status).toBe(201);
    // Another member's keys are their own count.
    expect((await server.call(keys['sam-key'], 'POST', '/v1/keys', { name: 'sam-agent' })).status).toBe(201);
  });

  it('narrows the new key to a scope within the member, and refuses a scope beyond them', async () => {
    const narrow = await server.call(keys['fin-key'], 'POST', '/v1/keys', {
      name: 'fin-reader',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
    });
    expect(narrow.status).toBe(201);
    expect(await decide(narrow.body.secret, 'find_customer')).toBe(true);
    expect(await decide(narrow.body.secret, 'create_invoice')).toBe(false);

    const wide = await server.call(keys['fin-key'], 'POST', '/v1/keys', {
      name: 'fin-wide',
      scope: [{ integration: 'stripe', profile: 'full', disabledTools: [] }],
    });
    expect(wide.status).toBe(422);
    expect(wide.body.error.changes[0].code).toBe('key-scope-exceeds-owner');
    const none = await server.call(keys['sam-key'], 'POST', '/v1/keys', {
      name: 'sam-stripe',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
    });
    expect(none.status).toBe(422);
    expect(server.store.snapshot().state.keys.map((k) => k.name)).not.toContain('fin-wide');
  });

  it('refuses a taken name, a past end date, a malformed body and an unreal date', async () => {
    const taken = await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: 'bot' });
    expect([taken.status, taken.body.error.changes[0].code]).toEqual([422, 'conflict']);
    const past = await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: 'old', expires: '2026-11-21' });
    expect([past.status, past.body.error.changes[0].code]).toEqual([422, 'expired']);
    for (const body of [
      {},
      { name: 'Bad Name' },
      { name: 'x', owner: 'owner@x.io' },
      { name: 'x', expires: '2027-02-30' },
    ]) {
      const response = await server.call(keys['fin-key'], 'POST', '/v1/keys', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('is refused to guests and to workspace keys: keys do not make keys', async () => {
    const [bot] = Object.values(await server.seed([{ ...BOT, name: 'bot2' }]));
    const byBot = await server.call(bot, 'POST', '/v1/keys', { name: 'spawn' });
    expect([byBot.status, byBot.body.error.code]).toEqual([403, 'forbidden']);
    expect(byBot.body.error.message).toContain('workspace key');
    // A guest holds no key of their own to call with; the role rule refuses them anyway.
    const asGuest = () =>
      server.store.apply(
        [{ kind: 'key.create', name: 'gus-key', type: 'personal', owner: 'gus@x.io', scope: [], users: [] }],
        { actor: { name: 'gus@x.io', role: 'guest' } },
      );
    expect(asGuest).toThrow(
      expect.objectContaining({ changeErrors: [expect.objectContaining({ code: 'forbidden' })] }),
    );
  });
});

describe('DELETE /v1/keys/{name}', () => {
  it("lets a member revoke their own keys and nobody else's, without saying whether another exists", async () => {
    const mine = await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: 'fin-agent' });
    expect((await server.call(keys['fin-key'], 'DELETE', '/v1/keys/fin-agent')).status).toBe(200);
    expect((await server.call(mine.body.secret, 'GET', '/v1/whoami')).status).toBe(401);

    const others = await server.call(keys['fin-key'], 'DELETE', '/v1/keys/sam-key');
    const nobody = await server.call(keys['fin-key'], 'DELETE', '/v1/keys/no-such-key');
    expect([others.status, others.body.error.code]).toEqual([404, 'not-found']);
    expect(others.body.error.message).toBe(nobody.body.error.message.replace('no-such-key', 'sam-key'));
    expect((await server.call(keys['sam-key'], 'GET', '/v1/whoami')).status).toBe(200);
  });

  it("lets owners and admins revoke others' keys within the role rule", async () => {
    expect((await server.call(keys['ada-key'], 'DELETE', '/v1/keys/sam-key')).status).toBe(200);
    expect((await server.call(keys['ada-key'], 'DELETE', '/v1/keys/bot')).status).toBe(200);
    // Only an owner touches a key that carries an owner's access.
    const owners = await server.call(keys['ada-key'], 'DELETE', '/v1/keys/bootstrap-owner');
    expect([owners.status, owners.body.error.code]).toEqual([403, 'forbidden']);
    expect((await server.call(server.ownerKey, 'DELETE', '/v1/keys/ada-key')).status).toBe(200);
    expect((await server.call(keys['ada-key'], 'GET', '/v1/whoami')).status).toBe(401);
  });

  it('is refused to a workspace key', async () => {
    const [bot] = Object.values(await server.seed([{ ...BOT, name: 'bot2' }]));
    expect((await server.call(bot, 'DELETE', '/v1/keys/bot')).status).toBe(403);
    expect(server.store.snapshot().state.keys.map((k) => k.name)).toContain('bot');
  });
});

describe('self-service keys and the owner', () => {
  it('die with their owner', async () => {
    const mine = await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: 'fin-agent' });
    await server.seed([{ kind: 'member.remove', email: 'fin@x.io' }]);
    expect((await server.call(mine.body.secret, 'GET', '/v1/whoami')).status).toBe(401);
    expect(server.store.snapshot().state.keys.map((k) => k.name)).not.toContain('fin-agent');
  });
});

describe('GET /v1/me', () => {
  it("shows a member their role, effective access and keys, and nothing of anyone else's", async () => {
    await server.call(keys['fin-key'], 'POST', '/v1/keys', { name: 'fin-agent' });
    const me = await server.call(keys['fin-key'], 'GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.member).toEqual({ email: 'fin@x.io', role: 'member' });
    expect(me.body.integrations).toEqual([
      { integration: 'stripe', profile: 'no-delete', disabledTools: [], source: 'grant' },
    ]);
    expect(me.body.pipes).toEqual([{ pipe: 'hiring', level: 'member', source: 'membership' }]);
    expect(me.body.keys.map((k: { name: string }) => k.name)).toEqual(['fin-agent', 'fin-key']);
    expect(JSON.stringify(me.body)).not.toMatch(/sam@|ada@|owner@|rst_|"bot"/);
  });

  it("shows owners and admins their role's access, and guests none", async () => {
    const admin = await server.call(keys['ada-key'], 'GET', '/v1/me');
    expect(admin.body.integrations).toEqual([
      { integration: 'stripe', profile: 'full', disabledTools: [], source: 'role' },
    ]);
    expect(admin.body.pipes).toEqual([{ pipe: 'hiring', level: 'admin', source: 'role' }]);
    const bot = await server.call(Object.values(await server.seed([{ ...BOT, name: 'bot2' }]))[0], 'GET', '/v1/me');
    expect(bot.status).toBe(403);
  });
});
