// Pipe powers over loopback: POST /v1/authorize {pipe, action, card_owner} across the four pipe
// levels, company roles, workspace keys, visibility and settings; pipe people managed by a pipe
// admin's key; pipes created by members and guests; invitations pending until first use.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { memberWithKey, STRIPE, startServer, type TestServer } from '../helpers/server.js';

const ACTIONS = [
  'view_cards',
  'comment',
  'create_card',
  'edit_card',
  'move_card',
  'view_reports',
  'export_reports',
  'edit_settings',
  'manage_members',
];
// The Pipefy document's levels, one letter per action above: y allowed, o only on one's own
// cards (card_owner: self), n never.
const EXPECTED: Record<string, string> = {
  'read-only': 'yynnnnnnn',
  'restricted-view': 'ooyonnnnn',
  member: 'yyyyyyynn',
  admin: 'yyyyyyyyy',
};
const LEVELS = Object.keys(EXPECTED) as ('read-only' | 'restricted-view' | 'member' | 'admin')[];

let server: TestServer;
let keys: Record<string, string>;

const ask = async (key: string, pipe: string, action: string, cardOwner?: string) => {
  const response = await server.call(key, 'POST', '/v1/authorize', {
    pipe,
    action,
    ...(cardOwner ? { card_owner: cardOwner } : {}),
  });
  expect(response.status).toBe(200);
  return response.body as { allowed: boolean; reason: string };
};

beforeAll(async () => {
  server = await startServer({ rateLimit: { perSecond: 10_000, burst: 10_000 } });
  keys = await server.seed([
    STRIPE,
    { kind: 'pipe.create', id: 'hiring' },
    { kind: 'pipe.create', id: 'requests', visibility: 'public' },
    ...memberWithKey('admin@x.io', 'admin'),
    ...memberWithKey('outsider@x.io', 'member'),
    ...LEVELS.flatMap((level): Change[] => [
      ...memberWithKey(`lvl-${level}@x.io`, 'member'),
      { kind: 'pipe_member.set', pipe: 'hiring', email: `lvl-${level}@x.io`, level },
    ]),
    {
      kind: 'key.create',
      name: 'bot',
      type: 'workspace',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
      users: [],
    },
  ]);
});

describe('pipe decisions', () => {
  it('follow the four documented levels, action by action and card by card', async () => {
    const wrong: string[] = [];
    for (const level of LEVELS) {
      for (const [index, action] of ACTIONS.entries()) {
        for (const cardOwner of [undefined, 'self', 'other']) {
          const power = EXPECTED[level]![index];
          const want = power === 'y' || (power === 'o' && cardOwner === 'self');
          const got = await ask(keys[`lvl-${level}-key`]!, 'hiring', action, cardOwner);
          if (got.allowed !== want) wrong.push(`${level} ${action} ${cardOwner ?? '-'}: ${got.reason}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('let company owners and admins do everything in every pipe, and workspace keys nothing', async () => {
    for (const action of ACTIONS) {
      expect((await ask(server.ownerKey, 'hiring', action)).allowed).toBe(true);
      expect((await ask(keys['admin-key']!, 'requests', action, 'other')).allowed).toBe(true);
      expect((await ask(keys.bot!, 'requests', action)).allowed).toBe(false);
    }
    expect((await ask(server.ownerKey, 'nope', 'view_cards')).reason).toBe('pipe nope does not exist');
  });

  it('let a member who was not invited view the cards of a public pipe, and nothing of a private one', async () => {
    const outsider = keys['outsider-key']!;
    expect(await ask(outsider, 'requests', 'view_cards')).toEqual({
      allowed: true,
      reason: 'outsider@x.io is company member in public pipe requests, which may view_cards',
    });
    for (const action of ACTIONS.slice(1)) expect((await ask(outsider, 'requests', action)).allowed).toBe(false);
    // A private pipe and a missing one answer alike.
    const hidden = await ask(outsider, 'hiring', 'view_cards');
    const missing = await ask(outsider, 'nope', 'view_cards');
    expect(hidden.allowed).toBe(false);
    expect(hidden.reason.replace('hiring', 'X')).toBe(missing.reason.replace('nope', 'X'));
  });

  it('refuse what is not a pipe question, with 400', async () => {
    const bad = [
      { pipe: 'hiring', action: 'delete_pipe' },
      { pipe: 'hiring', action: 'comment', card_owner: 'mine' },
      { pipe: 'Hiring!', action: 'comment' },
      { pipe: 'hiring', action: 'comment', tool: 'x' },
    ];
    for (const body of bad)
      expect((await server.call(server.ownerKey, 'POST', '/v1/authorize', body)).status).toBe(400);
  });

  it('are audited', async () => {
    await ask(keys['lvl-member-key']!, 'hiring', 'export_reports');
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?key=lvl-member-key&limit=1000');
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'pipe.allowed',
      detail: { pipe: 'hiring', action: 'export_reports' },
    });
  });
});

describe("a pipe's people", () => {
  const setLevel = (key: string, email: string, level = 'read-only') =>
    server.call(key, 'POST', '/v1/changes', { changes: [{ kind: 'pipe_member.set', pipe: 'hiring', email, level }] });
  const settings = (value: boolean) =>
    server.seed([{ kind: 'workspace.update', settings: { onlyAdminsManagePipeMembers: value } }]);

  it('are managed by its admins (for people below company admin) unless the settings reserve it', async () => {
    const pipeAdmin = keys['lvl-admin-key']!;
    const refusal = (response: { body: any }) => response.body.error.changes[0];
    expect(refusal(await setLevel(keys['lvl-member-key']!, 'outsider@x.io')).message).toBe(
      "only pipe hiring's admins (or company owners and admins) manage its people; you are member",
    );
    expect((await setLevel(pipeAdmin, 'outsider@x.io')).status).toBe(200);
    expect(refusal(await setLevel(pipeAdmin, 'admin@x.io')).code).toBe('forbidden'); // a company admin
    expect((await ask(pipeAdmin, 'hiring', 'manage_members')).allowed).toBe(true);

    await settings(true);
    const reserved = await setLevel(pipeAdmin, 'outsider@x.io', 'member');
    expect(reserved.status).toBe(422);
    expect(refusal(reserved).message).toMatch(/only_admins_manage_pipe_members reserves/);
    expect((await ask(pipeAdmin, 'hiring', 'manage_members')).allowed).toBe(false);
    expect((await ask(pipeAdmin, 'hiring', 'edit_settings')).allowed).toBe(true);
    expect((await setLevel(keys['admin-key']!, 'outsider@x.io', 'member')).status).toBe(200);
    await settings(false);
    expect(server.store.snapshot().state.settings).toEqual({
      onlyAdminsManagePipeMembers: false,
      guestsCanCreatePipes: true,
    });
  });
});

describe('creating pipes', () => {
  it('makes a member who creates one its admin', async () => {
    const created = await server.call(keys['outsider-key']!, 'POST', '/v1/changes', {
      changes: [{ kind: 'pipe.create', id: 'ideas', visibility: 'public' }],
    });
    expect(created.status).toBe(200);
    const { state } = server.store.snapshot();
    expect(state.pipes.find((pipe) => pipe.id === 'ideas')?.visibility).toBe('public');
    expect(state.pipeMemberships).toContainEqual({
      pipe: 'ideas',
      email: 'outsider@x.io',
      level: 'admin',
      managed: false,
    });
    expect((await ask(keys['outsider-key']!, 'ideas', 'edit_settings')).allowed).toBe(true);
  });

  it("answers a member's taken pipe id alike for a private pipe they are not in and one they can see", async () => {
    const create = (id: string) =>
      server.call(keys['outsider-key']!, 'POST', '/v1/changes', { changes: [{ kind: 'pipe.create', id }] });
    const hidden = await create('hiring');
    const visible = await create('requests');
    expect([hidden.status, hidden.body.error.changes[0]]).toEqual([
      422,
      { index: 0, code: 'conflict', message: 'pipe id hiring is not available; choose another id' },
    ]);
    expect(visible.body.error.changes[0].message).toBe(
      hidden.body.error.changes[0].message.replace('hiring', 'requests'),
    );
  });

  it("refuses a member's batch that carries audit context or managed: true, applying nothing", async () => {
    const version = server.store.version();
    const forged = [
      { context: { commit: 'a1b2c3d4e5', approvers: ['ceo-gh'], source: 'roster apply' } },
      { managed: true },
    ];
    for (const extra of forged) {
      const response = await server.call(keys['outsider-key']!, 'POST', '/v1/changes', {
        changes: [{ kind: 'pipe.create', id: 'forged' }],
        ...extra,
      });
      expect([response.status, response.body.error.code], JSON.stringify(extra)).toEqual([422, 'rejected']);
      expect(response.body.error.message).toMatch(/below admin, a batch carries no context and no managed: true/);
    }
    expect(server.store.version()).toBe(version);
    expect(server.store.snapshot().state.pipes.map((pipe) => pipe.id)).not.toContain('forged');
  });

  it('turns a company guest who creates a pipe into a billable member, unless the settings say no; never an external guest', async () => {
    await server.seed([
      { kind: 'member.invite', email: 'guest@x.io', role: 'guest' },
      { kind: 'member.invite', email: 'supplier@x.io', role: 'external-guest' },
    ]);
    const create = (id: string, createdBy: string) =>
      server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [{ kind: 'pipe.create', id, createdBy }] });
    const roleOf = (email: string) => server.store.snapshot().state.members.find((m) => m.email === email)?.role;

    await server.seed([{ kind: 'workspace.update', settings: { guestsCanCreatePipes: false } }]);
    const off = await create('guest-pipe', 'guest@x.io');
    expect(off.body.error.changes[0].message).toBe(
      'guest@x.io: settings.guests_can_create_pipes is false: guests cannot create pipes',
    );
    expect(roleOf('guest@x.io')).toBe('guest');

    await server.seed([{ kind: 'workspace.update', settings: { guestsCanCreatePipes: true } }]);
    expect((await create('guest-pipe', 'guest@x.io')).status).toBe(200);
    expect(roleOf('guest@x.io')).toBe('member');
    expect(server.store.snapshot().state.pipeMemberships).toContainEqual(
      expect.objectContaining({ pipe: 'guest-pipe', email: 'guest@x.io', level: 'admin' }),
    );

    const external = await create('supplier-pipe', 'supplier@x.io');
    expect(external.body.error.changes[0].message).toBe('supplier@x.io: an external guest cannot create pipes');
    expect(roleOf('supplier@x.io')).toBe('external-guest');
  });
});

describe('invitations', () => {
  it('stay pending until the member first uses their key', async () => {
    await server.seed(memberWithKey('late@x.io', 'member'));
    const secrets = await server.seed([
      { kind: 'key.create', name: 'late-2', type: 'personal', owner: 'late@x.io', scope: [], users: [] },
    ]);
    const member = () => server.store.snapshot().state.members.find((m) => m.email === 'late@x.io');
    const state = await server.call(server.ownerKey, 'GET', '/v1/state');
    const invited = state.body.state.members.find((m: { email: string }) => m.email === 'late@x.io');
    expect(invited).toMatchObject({ pending: true, invitedAt: expect.stringMatching(/^\d{4}-/) });
    const version = server.store.version();

    expect((await server.call(secrets['late-2'], 'GET', '/v1/whoami')).status).toBe(200);
    expect(member()?.pending).toBeUndefined();
    expect(member()?.invitedAt).toBe(invited.invitedAt);
    expect(server.store.version()).toBe(version + 1);
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?member=late@x.io&limit=1000');
    expect(audit.body.items.at(-1)).toMatchObject({ action: 'member.accept', subject: 'late@x.io' });
    // Accepted once: the next request changes nothing.
    await server.call(secrets['late-2'], 'GET', '/v1/whoami');
    expect(server.store.version()).toBe(version + 1);
  });
});

describe('the starter plan', () => {
  it('has no pipe levels: the server refuses any but member, and a pipe creator is a plain member', async () => {
    const starter = await startServer();
    const secrets = await starter.seed([
      { kind: 'workspace.update', plan: 'starter' },
      ...memberWithKey('m@x.io', 'member'),
      { kind: 'pipe.create', id: 'hiring' },
    ]);
    const refused = await starter.call(starter.ownerKey, 'POST', '/v1/changes', {
      changes: [{ kind: 'pipe_member.set', pipe: 'hiring', email: 'm@x.io', level: 'read-only' }],
    });
    expect(refused.body.error.changes).toEqual([
      {
        index: 0,
        code: 'starter-pipe-level',
        message: 'm@x.io would be read-only of pipe hiring; the starter plan has no pipe levels, only member',
      },
    ]);
    const created = await starter.call(secrets['m-key']!, 'POST', '/v1/changes', {
      changes: [{ kind: 'pipe.create', id: 'ideas' }],
    });
    expect(created.status).toBe(200);
    expect(starter.store.snapshot().state.pipeMemberships).toEqual([
      { pipe: 'ideas', email: 'm@x.io', level: 'member', managed: false },
    ]);
  });
});
