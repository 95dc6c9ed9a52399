// POST /v1/changes: atomic batches, stale versions, idempotent retries, the workspace rules.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { STRIPE, startServer } from '../helpers/server.js';

describe('change batches', () => {
  it('applies all of a batch or nothing: one bad change rejects it with per-change errors', async () => {
    const server = await startServer();
    const before = server.store.snapshot();
    const response = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [
        { kind: 'member.invite', email: 'a@x.io', role: 'member' },
        STRIPE,
        { kind: 'grant.set', email: 'a@x.io', integration: 'stripe', profile: 'full', disabledTools: [] },
        { kind: 'grant.set', email: 'nobody@x.io', integration: 'stripe', profile: 'full', disabledTools: [] },
        { kind: 'pipe_member.set', pipe: 'missing', email: 'a@x.io', level: 'member' },
      ],
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toEqual({
      code: 'rejected',
      message: '2 change(s) were refused; nothing was applied',
      changes: [
        { index: 3, code: 'not-found', message: 'member nobody@x.io does not exist' },
        { index: 4, code: 'not-found', message: 'pipe missing does not exist' },
      ],
    });
    expect(server.store.snapshot()).toEqual(before);
  });

  it('refuses a malformed batch before touching anything', async () => {
    const server = await startServer();
    const bad = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [{ kind: 'member.invite', email: 'a@x.io', role: 'superuser' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-request');
    expect(bad.body.error.message).toContain('/changes/0/role');
    expect((await server.call(server.ownerKey, 'POST', '/v1/changes', '{"changes": [')).status).toBe(400);
    expect(server.store.version()).toBe(1);
  });

  it('answers 412 when If-Match is not the current version, and applies nothing', async () => {
    const server = await startServer();
    const state = await server.call(server.ownerKey, 'GET', '/v1/state');
    const etag = state.headers.get('etag')!;
    const invite = (email: string) => ({ changes: [{ kind: 'member.invite', email, role: 'member' }] });
    const first = await server.call(server.ownerKey, 'POST', '/v1/changes', invite('a@x.io'), { 'if-match': etag });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${first.body.version}"`);
    const stale = await server.call(server.ownerKey, 'POST', '/v1/changes', invite('b@x.io'), { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('stale');
    expect(server.store.snapshot().state.members.map((m) => m.email)).toEqual(['a@x.io', 'owner@x.io']);
  });

  it('serves the state with an ETag and answers 304 when unchanged', async () => {
    const server = await startServer();
    const first = await server.call(server.ownerKey, 'GET', '/v1/state');
    const again = await fetch(`${server.url}/v1/state`, {
      headers: { authorization: `Bearer ${server.ownerKey}`, 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('returns the first result for a retried Idempotency-Key, secrets included, applying once', async () => {
    const server = await startServer();
    const batch = {
      changes: [
        STRIPE,
        {
          kind: 'key.create',
          name: 'bot',
          type: 'workspace',
          scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
          users: [],
        },
      ],
    };
    const headers = { 'idempotency-key': 'c0ffee-1', 'if-match': '"1"' };
    const first = await server.call(server.ownerKey, 'POST', '/v1/changes', batch, headers);
    const retry = await server.call(server.ownerKey, 'POST', '/v1/changes', batch, headers);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    expect(server.store.version()).toBe(2);
    const other = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [] }, headers);
    expect(other.status).toBe(409);
  });

  it('keeps at least one owner', async () => {
    const server = await startServer();
    const response = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [{ kind: 'member.update', email: 'owner@x.io', role: 'admin' }],
    });
    expect(response.status).toBe(422);
    expect(response.body.error.changes[0]).toMatchObject({ index: 0, code: 'last-owner' });
  });

  it('keeps guests out of pipes and integrations', async () => {
    const server = await startServer();
    await server.seed([
      STRIPE,
      { kind: 'pipe.create', id: 'hiring' },
      { kind: 'member.invite', email: 'g@x.io', role: 'guest' },
    ]);
    const grant = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [
        { kind: 'grant.set', email: 'g@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
        { kind: 'pipe_member.set', pipe: 'hiring', email: 'g@x.io', level: 'read-only' },
      ],
    });
    expect(grant.body.error.changes.map((c: { code: string }) => c.code)).toEqual([
      'guest-with-access',
      'guest-with-access',
    ]);
  });

  it('enforces the starter plan limits', async () => {
    const server = await startServer();
    await server.seed([{ kind: 'workspace.update', plan: 'starter' }]);
    const admins: Change[] = Array.from({ length: 10 }, (_, i) => ({
      kind: 'member.invite',
      email: `a${i}@x.io`,
      role: 'admin',
    }));
    const tooMany = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: admins });
    expect(tooMany.body.error.changes).toEqual([
      {
        index: -1,
        code: 'starter-admin-limit',
        message: 'the starter plan allows at most 10 owners and admins; this batch leaves 11',
      },
    ]);
    const guest = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [{ kind: 'member.invite', email: 'g@x.io', role: 'guest' }],
    });
    expect(guest.body.error.changes[0].code).toBe('starter-guest');
  });

  it("keeps a personal key's scope within its owner's access", async () => {
    const server = await startServer();
    await server.seed([
      STRIPE,
      { kind: 'member.invite', email: 'm@x.io', role: 'member' },
      { kind: 'grant.set', email: 'm@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
    ]);
    const response = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [
        {
          kind: 'key.create',
          name: 'k',
          type: 'personal',
          owner: 'm@x.io',
          scope: [{ integration: 'stripe', profile: 'full', disabledTools: [] }],
          users: [],
        },
      ],
    });
    expect(response.body.error.changes[0]).toMatchObject({ index: 0, code: 'key-scope-exceeds-owner' });
  });
});
