// The fake Pipefy itself: the documented operations, Pipefy's rules and each quirk, as the
// provider tests and the apply bench rely on them.
import { afterEach, describe, expect, it } from 'vitest';
import { type FakePipefy, startFakePipefy } from '../../src/bench/fake-pipefy/server.js';
import { PIPEFY_SEED as SEED } from '../helpers/pipefy.js';

let fake: FakePipefy;
afterEach(() => fake?.close());

async function post(query: string, token = 'tok') {
  const response = await fetch(fake.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    correlation: response.headers.get('x-correlation-id'),
    body: (await response.json().catch(() => null)) as any,
  };
}

describe('fake Pipefy server', () => {
  it('lists organization members and pipe members with implicit company admins', async () => {
    fake = await startFakePipefy(SEED);
    const org = await post('{ organization(id: "300") { members { role_name user { email } } } }');
    expect(org.body.data.organization.members).toContainEqual({ role_name: 'normal', user: { email: 'fin@acme.io' } });
    const pipe = await post('{ pipe(id: "10") { members { role_name user { email } } } }');
    expect(pipe.body.data.pipe.members).toContainEqual({ role_name: 'admin', user: { email: 'ana@acme.io' } });
  });

  it("answers PERMISSION_DENIED with 200 for a pipe outside the token user's membership and for an unknown id", async () => {
    fake = await startFakePipefy(SEED);
    for (const id of ['11', '999']) {
      const { status, body, correlation } = await post(`{ pipe(id: "${id}") { id } }`);
      expect(status).toBe(200);
      expect(body.errors[0].extensions).toEqual({ code: 'PERMISSION_DENIED', correlation_id: correlation });
    }
    expect((await post('{ organization(id: "301") { id } }')).body.errors[0].extensions.code).toBe('PERMISSION_DENIED');
  });

  it('invites, and answers success without effect while the quirk lasts; the log shows both', async () => {
    fake = await startFakePipefy({ ...SEED, quirks: { inviteWithoutEffect: 1 } });
    const invite =
      'mutation { inviteMembers(input: {organization_id: "300", emails: [{email: "new@acme.io", role_name: "normal"}]}) { users { email } errors { index message } } }';
    expect((await post(invite)).body.data.inviteMembers).toEqual({ users: [{ email: 'new@acme.io' }], errors: [] });
    expect(fake.state.orgRole('300', 'new@acme.io')).toBeUndefined();
    await post(invite);
    expect(fake.state.orgRole('300', 'new@acme.io')).toBe('normal');
    expect(fake.state.count('inviteMembers')).toBe(2);
    expect(fake.state.operations.filter((op) => op.field === 'inviteMembers').map((op) => op.effect)).toEqual([
      false,
      true,
    ]);
  });

  it('answers a role Pipefy does not know as an error for its row, as the toolkit shows', async () => {
    fake = await startFakePipefy(SEED);
    const invite =
      'mutation { inviteMembers(input: {organization_id: "300", emails: [{email: "new@acme.io", role_name: "member"}]}) { users { email } errors { index message } } }';
    expect((await post(invite)).body.data.inviteMembers).toEqual({
      users: [],
      errors: [{ index: 0, message: 'Invalid role: member' }],
    });
    expect(fake.state.orgRole('300', 'new@acme.io')).toBeUndefined();
  });

  it('refuses writes from a member who is not a company admin, and unknown tokens with 401', async () => {
    fake = await startFakePipefy(SEED);
    const remove =
      'mutation { removeUserFromOrg(input: {organization_id: "300", email: "ana@acme.io"}) { clientMutationId } }';
    expect((await post(remove, 'fin-tok')).body.errors[0].extensions.code).toBe('PERMISSION_DENIED');
    expect((await post(remove, 'nobody')).status).toBe(401);
    expect(fake.state.orgRole('300', 'ana@acme.io')).toBe('super_admin');
  });

  it('sets roles, removes from a pipe and from the company (with its pipes)', async () => {
    fake = await startFakePipefy(SEED);
    const fin = fake.state.findUser('fin@acme.io')!;
    const set = await post(
      `mutation { setRole(input: {pipe_id: "10", member: {user_id: "${fin.id}", role_name: "read_and_comment"}}) { member { role_name user { email } } } }`,
    );
    expect(set.body.data.setRole.member).toEqual({ role_name: 'read_and_comment', user: { email: 'fin@acme.io' } });
    expect(fake.state.pipeRole('10', 'fin@acme.io')).toBe('read_and_comment');
    // ana is listed in the pipe as a company admin, without a membership there to remove.
    const ana = fake.state.findUser('ana@acme.io')!;
    const remove = (uuid: string) =>
      post(
        `mutation { removeMembersFromPipe(input: {pipeUuid: "pipe-10", usersUuids: ["${uuid}"]}) { success removedUsersUuids errors } }`,
      );
    expect((await remove(ana.uuid)).body.data.removeMembersFromPipe).toEqual({
      success: false,
      removedUsersUuids: [],
      errors: [`user ${ana.uuid} is not a member of the pipe`],
    });
    const removed = await remove(fin.uuid);
    expect(removed.body.data.removeMembersFromPipe).toEqual({
      success: true,
      removedUsersUuids: [fin.uuid],
      errors: [],
    });
    expect(fake.state.pipeRole('10', 'fin@acme.io')).toBeUndefined();
    await post(
      'mutation { removeUserFromOrg(input: {organization_id: "300", email: "fin@acme.io"}) { clientMutationId } }',
    );
    expect([fake.state.orgRole('300', 'fin@acme.io'), fake.state.pipeRole('11', 'fin@acme.io')]).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('answers 502, 429 and slowly while told to, and can lose an answer after doing the work', async () => {
    fake = await startFakePipefy({ ...SEED, quirks: { badGateway: 1, rateLimited: 1 } });
    expect((await post('{ me { email } }')).status).toBe(429);
    expect((await post('{ me { email } }')).status).toBe(502);
    fake.state.quirks.latencyMs = 120;
    const started = Date.now();
    expect((await post('{ me { email } }')).body.data.me.email).toBe('bot@acme.io');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    Object.assign(fake.state.quirks, { latencyMs: 0, dropConnections: 1, failAfterEffect: true });
    await expect(
      post(
        'mutation { removeUserFromOrg(input: {organization_id: "300", email: "fin@acme.io"}) { clientMutationId } }',
      ),
    ).rejects.toThrow();
    expect(fake.state.orgRole('300', 'fin@acme.io')).toBeUndefined();
  });
});
