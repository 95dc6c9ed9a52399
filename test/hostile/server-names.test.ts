// What an admin's batch may write into the workspace through the API: names without terminal
// escapes or bidirectional marks, and invited emails by the config's rules. The server holds these
// rules itself, whatever client sent the batch; changes about a member who already exists accept
// any stored email, so one from before the rules can still be changed and removed.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { CONTROL_CHARACTERS } from '../../src/model/control-characters.js';
import type { ScopeEntry, WorkspaceState } from '../../src/model/state.js';
import { STRIPE, startServer, type TestServer } from '../helpers/server.js';

const HOSTILE_NAMES = [
  '\u001b[2J\u001b[HAll clear',
  'Ana\u202eLima',
  'Ana\u2066Lima',
  'line\u2028break',
  'tab\there',
  'c1\u0085',
];
const HOSTILE_EMAILS = [
  'bob@acme.com.',
  '.bob@acme.com',
  'bob.@acme.com',
  'bob@acme..com',
  'bob@acme',
  'bob\u001b[2J@acme.com',
  'bob\u202e@acme.com',
];

/** Posts the change alone and expects a 400 that says which field breaks which rule. */
async function refused(server: TestServer, change: Change, problem: string): Promise<void> {
  const before = server.store.version();
  const response = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [change] });
  expect([change, response.status, response.body.error.code]).toEqual([change, 400, 'invalid-request']);
  expect(response.body.error.message).toContain(problem);
  expect(server.store.version()).toBe(before);
}

const BAD_NAME = '/changes/0/name: must be a name without control characters or bidirectional marks';
const BAD_EMAIL = 'must be an email address: name@domain, without spaces or control characters';

describe('names a batch writes', () => {
  it('refuses control characters and bidirectional marks in every name a change sets', async () => {
    const server = await startServer();
    await server.seed([
      STRIPE,
      { kind: 'pipe.create', id: 'hiring' },
      { kind: 'member.invite', email: 'ana@acme.com', role: 'member' },
    ]);
    for (const name of HOSTILE_NAMES) {
      for (const change of [
        { kind: 'workspace.update', name },
        { kind: 'member.invite', email: 'new@acme.com', role: 'member', name },
        { kind: 'member.update', email: 'ana@acme.com', name },
        { kind: 'integration.connect', id: 'github', tools: {}, name },
        { kind: 'integration.update', id: 'stripe', tools: { find_customer: 'read' }, name },
        { kind: 'pipe.create', id: 'sales', name },
        { kind: 'pipe.update', id: 'hiring', name },
      ] as Change[]) {
        await refused(server, change, BAD_NAME);
      }
    }
    const state: WorkspaceState = (await server.call(server.ownerKey, 'GET', '/v1/state')).body.state;
    const names = [
      state.workspace.name,
      ...[...state.members, ...state.integrations, ...state.pipes].map((x) => x.name),
    ];
    expect(names.filter((name) => name && new RegExp(CONTROL_CHARACTERS.source).test(name))).toEqual([]);
  });

  it('still takes names in any script, with spaces and punctuation', async () => {
    const server = await startServer();
    const response = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [
        { kind: 'member.invite', email: 'lucia@acme.com', role: 'member', name: 'Lúcia O’Brien-Søndergaard' },
        { kind: 'pipe.create', id: 'hiring', name: 'Контрактация (2026)' },
        { kind: 'workspace.update', name: 'شركة أكمي' },
      ],
    });
    expect(response.status).toBe(200);
  });
});

describe('emails a batch brings in', () => {
  it('invites only emails the config would accept', async () => {
    const server = await startServer();
    for (const email of HOSTILE_EMAILS)
      await refused(server, { kind: 'member.invite', email, role: 'member' }, `/changes/0/email: ${BAD_EMAIL}`);
    const members = (await server.call(server.ownerKey, 'GET', '/v1/members')).body.items;
    expect(members.map((m: { email: string }) => m.email)).toEqual(['owner@x.io']);
  });

  it("refuses such emails among a new key's users", async () => {
    const server = await startServer();
    await server.seed([STRIPE]);
    const scope: ScopeEntry[] = [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }];
    for (const email of HOSTILE_EMAILS) {
      await refused(
        server,
        { kind: 'key.create', name: 'ci', type: 'workspace', scope, users: [email] },
        `/changes/0/users/0: ${BAD_EMAIL}`,
      );
    }
  });

  it('still changes and removes a member whose email was stored before the rules', async () => {
    const server = await startServer();
    await server.seed([STRIPE, { kind: 'pipe.create', id: 'hiring' }]);
    // Written to the database directly, as a workspace from before the rules holds it.
    const old = 'bob@acme.com.';
    server.store.apply([{ kind: 'member.invite', email: old, role: 'member' }], {
      actor: { name: 'roster', role: 'owner' },
    });
    const scope: ScopeEntry[] = [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }];
    const changes: Change[] = [
      { kind: 'member.adopt', email: old },
      { kind: 'member.update', email: old, role: 'admin', name: 'Bob' },
      { kind: 'grant.set', email: old, integration: 'stripe', profile: 'read-only', disabledTools: [] },
      { kind: 'pipe_member.set', pipe: 'hiring', email: old, level: 'member' },
      { kind: 'key.create', name: 'bob-key', type: 'personal', owner: old, scope, users: [] },
      { kind: 'grant.adopt', email: old, integration: 'stripe' },
      { kind: 'pipe_member.adopt', pipe: 'hiring', email: old },
      { kind: 'pipe_member.remove', pipe: 'hiring', email: old },
      { kind: 'grant.remove', email: old, integration: 'stripe' },
      { kind: 'member.remove', email: old },
    ];
    for (const change of changes) {
      // As roster sends its batches: managed, so that adoptions are accepted.
      const response = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [change], managed: true });
      expect([change.kind, response.status]).toEqual([change.kind, 200]);
    }
    const members = (await server.call(server.ownerKey, 'GET', '/v1/members')).body.items;
    expect(members.map((m: { email: string }) => m.email)).toEqual(['owner@x.io']);
  });
});
