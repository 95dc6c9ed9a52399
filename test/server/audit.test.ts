// GET /v1/audit: who changed what, when, and from which commit; filters and paging; records that
// outlive the members they name.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { memberWithKey, STRIPE, startServer } from '../helpers/server.js';

describe('audit log', () => {
  it('records who, what, when and the git context of every change', async () => {
    const server = await startServer({ clock: () => new Date('2026-11-22T09:30:00Z') });
    const keys = await server.seed(memberWithKey('admin@x.io', 'admin'));
    const changes: Change[] = [
      { kind: 'member.invite', email: 'new@x.io', role: 'member' },
      STRIPE,
      { kind: 'grant.set', email: 'new@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
      { kind: 'pipe.create', id: 'hiring' },
      { kind: 'pipe_member.set', pipe: 'hiring', email: 'new@x.io', level: 'member' },
      {
        kind: 'key.create',
        name: 'bot',
        type: 'workspace',
        scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
        users: [],
      },
      { kind: 'member.update', email: 'new@x.io', name: 'New Person' },
    ];
    const response = await server.call(keys['admin-key'], 'POST', '/v1/changes', {
      changes,
      context: { commit: 'a1b2c3d4e5', pullRequest: 42, approvers: ['ana-gh', 'bo-gh'], source: 'roster apply' },
    });
    expect(response.status).toBe(200);
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?key=admin-key');
    // The admin's first request accepted their invitation; then one record per change, in order,
    // each with the whole change and the same who, when and why.
    const [accepted, ...records] = audit.body.items;
    expect(accepted).toMatchObject({ action: 'member.accept', subject: 'admin@x.io' });
    expect(records).toEqual(
      changes.map((change) => ({
        id: expect.any(Number),
        at: '2026-11-22T09:30:00.000Z',
        actor: 'admin@x.io',
        actorRole: 'admin',
        keyName: 'admin-key',
        action: change.kind,
        subject: expect.any(String),
        detail: change,
        commit: 'a1b2c3d4e5',
        pullRequest: 42,
        approvers: ['ana-gh', 'bo-gh'],
        stateVersion: response.body.version,
      })),
    );
    // A change about a member is filed under that member (what ?member= finds).
    changes.forEach((change, index) => {
      if ('email' in change) expect(records[index].subject).toBe(change.email);
    });
  });

  it('keeps the records of a member after they are removed', async () => {
    const server = await startServer();
    const keys = await server.seed([STRIPE, ...memberWithKey('leaver@x.io', 'member')]);
    await server.call(keys['leaver-key'], 'POST', '/v1/authorize', { integration: 'stripe', tool: 'find_customer' });
    await server.seed([{ kind: 'member.remove', email: 'leaver@x.io' }]);
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?member=leaver@x.io');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'member.invite',
      'key.create',
      'member.accept', // their first request
      'tool.denied',
      'member.remove',
    ]);
  });

  it('filters by time and pages with opaque cursors', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const server = await startServer({ clock: () => now });
    now = new Date('2026-06-01T00:00:00Z');
    await server.seed(
      Array.from({ length: 5 }, (_, i) => ({ kind: 'member.invite', email: `m${i}@x.io`, role: 'member' }) as const),
    );
    const since = await server.call(server.ownerKey, 'GET', '/v1/audit?since=2026-03-01');
    expect(since.body.items).toHaveLength(5);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await server.call(server.ownerKey, 'GET', `/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((e: { subject: string }) => e.subject));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual(['owner@x.io', 'owner@x.io', 'm0@x.io', 'm1@x.io', 'm2@x.io', 'm3@x.io', 'm4@x.io']);
  });

  it('reads since as a time, with or without a zone offset', async () => {
    const server = await startServer({ clock: () => new Date('2026-11-22T09:30:00Z') });
    const count = async (since: string) =>
      (await server.call(server.ownerKey, 'GET', `/v1/audit?since=${encodeURIComponent(since)}`)).body.items.length;
    expect(await count('2026-11-22')).toBe(2);
    expect(await count('2026-11-22T11:00:00+02:00')).toBe(2); // 09:00 UTC
    expect(await count('2026-11-22T10:00+00:30')).toBe(2); // 09:30 UTC: compared as times, not as text
    expect(await count('2026-11-22T09:30:00.001Z')).toBe(0);
  });

  it('refuses a bad query parameter with 400, naming it, instead of answering as if it were absent', async () => {
    const server = await startServer();
    const refusals: [string, RegExp][] = [
      ['/v1/audit?since=garbage', /^since must be an ISO date \(2026-11-22\) or date and time with a zone/],
      ['/v1/audit?since=2026-02-30', /^since must be an ISO date/],
      ['/v1/audit?since=2026-11-22T09:30:00', /^since must be an ISO date/], // no zone: which time is it?
      [
        '/v1/audit?sinse=2026-01-01',
        /^unknown query parameter "sinse"; this route takes member, key, since, limit, cursor/,
      ],
      ['/v1/audit?member=a@x.io&member=b@x.io', /^query parameter "member" is given more than once/],
      ['/v1/audit?key=', /^query parameter "key" is empty/],
      ['/v1/members?since=2026-01-01', /^unknown query parameter "since"; this route takes limit, cursor/],
    ];
    for (const [path, message] of refusals) {
      const response = await server.call(server.ownerKey, 'GET', path);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code, path).toBe('invalid-request');
      expect(response.body.error.message, path).toMatch(message);
    }
  });
});
