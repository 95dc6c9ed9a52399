// Odd and abusive requests to the workspace API: paging parameters in other notations, forged
// cursors, empty batches, If-Match edge cases, keys born expired, guessed secrets and huge batches.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { HttpProvider } from '../../src/providers/http/http-provider.js';
import { MAX_BATCH_CHANGES } from '../../src/model/api-limits.js';
import { memberWithKey, STRIPE, startServer } from '../helpers/server.js';

const invites = (count: number): Change[] =>
  Array.from({ length: count }, (_, i) => ({ kind: 'member.invite', email: `m${i}@x.io`, role: 'member' }));

describe('paging parameters', () => {
  it('takes limit in plain decimal only', async () => {
    const server = await startServer();
    for (const limit of ['0x10', '1e3', '010', '+5', ' 5', '5.0', '', '1001', '0']) {
      const response = await server.call(server.ownerKey, 'GET', `/v1/members?limit=${encodeURIComponent(limit)}`);
      expect([limit, response.status, response.body.error.code]).toEqual([limit, 400, 'invalid-request']);
    }
    expect((await server.call(server.ownerKey, 'GET', '/v1/members?limit=1000')).status).toBe(200);
  });

  it('refuses a cursor it did not give out, on lists and on the audit log', async () => {
    const server = await startServer();
    await server.seed(invites(3));
    const page = await server.call(server.ownerKey, 'GET', '/v1/members?limit=1');
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?limit=1');
    // "%%" and "!" decode to nothing (the first page); "bTBAeC5pbx" is a non-canonical spelling.
    for (const cursor of ['%%', '!', `${page.body.next}=`, 'bTBAeC5pbx', 'a b']) {
      for (const path of ['/v1/members', '/v1/audit']) {
        const response = await server.call(server.ownerKey, 'GET', `${path}?cursor=${encodeURIComponent(cursor)}`);
        expect([path, cursor, response.status]).toEqual([path, cursor, 400]);
      }
    }
    // A members cursor is not an audit position.
    expect((await server.call(server.ownerKey, 'GET', `/v1/audit?cursor=${page.body.next}`)).status).toBe(400);
    const next = await server.call(server.ownerKey, 'GET', `/v1/audit?limit=1&cursor=${audit.body.next}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).toBeGreaterThan(audit.body.items[0].id);
  });
});

describe('batches', () => {
  it('an empty batch changes nothing: no new version, no audit record', async () => {
    const server = await startServer();
    const auditBefore = (await server.call(server.ownerKey, 'GET', '/v1/audit')).body.items.length;
    const response = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [] }, { 'if-match': '"1"' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ version: 1, applied: 0, secrets: {} });
    expect(server.store.version()).toBe(1);
    expect((await server.call(server.ownerKey, 'GET', '/v1/audit')).body.items).toHaveLength(auditBefore);
    // Still refused as stale when the caller expected another version.
    expect(
      (await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [] }, { 'if-match': '"0"' })).status,
    ).toBe(412);
  });

  it('reads If-Match strictly: "*" is any version, an empty or unquoted tag is an error', async () => {
    const server = await startServer();
    const post = (ifMatch: string, email: string) =>
      server.call(
        server.ownerKey,
        'POST',
        '/v1/changes',
        { changes: [{ kind: 'member.invite', email, role: 'member' }] },
        { 'if-match': ifMatch },
      );
    for (const bad of ['""', '', '1', 'W/"1"', '"1", "2"', '"01"', '"0x1"']) {
      const response = await post(bad, 'bad@x.io');
      expect([bad, response.status, response.body.error.code]).toEqual([bad, 400, 'invalid-request']);
    }
    expect(server.store.version()).toBe(1);
    const any = await post('*', 'any@x.io');
    expect(any.status).toBe(200);
    expect(any.body.version).toBe(2);
    expect((await post('"2"', 'exact@x.io')).status).toBe(200);
  });

  it(`caps a batch at ${MAX_BATCH_CHANGES} changes (413), and the http provider splits at the same size`, async () => {
    const server = await startServer();
    const huge = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: invites(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('too-many-changes');
    expect(huge.body.error.message).toContain(`at most ${MAX_BATCH_CHANGES} changes`);
    const over = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: invites(MAX_BATCH_CHANGES + 1) });
    expect(over.status).toBe(413);
    expect(server.store.version()).toBe(1);
    expect(new HttpProvider(server.url, server.ownerKey).capabilities.maxBatchChanges).toBe(MAX_BATCH_CHANGES);
    const full = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: invites(MAX_BATCH_CHANGES) });
    expect(full.status).toBe(200);
  });
});

describe('keys born expired', () => {
  it('refuses to create or update a key whose last day is already past', async () => {
    const server = await startServer({ clock: () => new Date('2026-06-15T12:00:00Z') });
    await server.seed([STRIPE, ...memberWithKey('m@x.io', 'member')]);
    const scope = [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }];
    const attempt = (change: Change) => server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [change] });
    const created = await attempt({
      kind: 'key.create',
      name: 'bot',
      type: 'workspace',
      scope,
      users: [],
      expires: '2026-06-14',
    } as Change);
    expect(created.status).toBe(422);
    expect(created.body.error.changes).toEqual([
      {
        index: 0,
        code: 'expired',
        message: 'key bot would expire on 2026-06-14, before today; give a date from today on, or none',
      },
    ]);
    expect(created.body.secrets).toBeUndefined();
    const updated = await attempt({ kind: 'key.update', name: 'm-key', scope: [], users: [], expires: '2020-01-01' });
    expect(updated.body.error.changes[0].code).toBe('expired');
    // The expiry date is the last day of access: today is fine.
    expect(
      (
        await attempt({
          kind: 'key.create',
          name: 'bot',
          type: 'workspace',
          scope,
          users: [],
          expires: '2026-06-15',
        } as Change)
      ).status,
    ).toBe(200);
  });
});

describe('guessed secrets', () => {
  it('limits failed authentications per key id named and address, answers 429 with Retry-After, and logs the id, never the secret', async () => {
    const server = await startServer({ authFailureLimit: { perSecond: 0.01, burst: 3 } });
    const keys = await server.seed(memberWithKey('m@x.io', 'member'));
    const real = keys['m-key']!;
    const id = real.slice(4, 20);
    const guess = `${real.slice(0, 21)}${'A'.repeat(43)}`;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await server.call(guess, 'GET', '/v1/whoami');
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Over the limit, even the right secret waits: the limit holds before any secret is checked.
    expect((await server.call(real, 'GET', '/v1/whoami')).status).toBe(429);
    // Other keys are not held up by it, and neither is this key from another address: a guesser
    // cannot lock a key out.
    expect((await server.call(server.ownerKey, 'GET', '/v1/whoami')).status).toBe(200);
    expect(await statusFrom('127.0.0.2', `${server.url}/v1/whoami`, real)).toBe(200);

    const failed = server.logs.filter((line) => line.startsWith('auth failed'));
    expect(failed).toHaveLength(3);
    expect(failed[0]).toBe(`auth failed key=${id} from=127.0.0.1`);
    expect(server.logs.join('\n')).not.toContain(guess.slice(21));
    expect(server.logs.join('\n')).not.toContain(real.slice(21));
  });

  it('limits secrets that name no key by remote address', async () => {
    const server = await startServer({ authFailureLimit: { perSecond: 0.01, burst: 2 } });
    const statuses: number[] = [];
    for (const secret of ['nonsense', `rst_${'0'.repeat(16)}_${'B'.repeat(43)}`, undefined, 'more-nonsense']) {
      statuses.push((await server.call(secret, 'GET', '/v1/whoami')).status);
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
    expect(server.logs.filter((line) => line.startsWith('auth failed'))).toEqual([
      'auth failed key=- from=127.0.0.1',
      `auth failed key=${'0'.repeat(16)} from=127.0.0.1`,
    ]);
    // A real key is counted by its own id, so it still gets in.
    expect((await server.call(server.ownerKey, 'GET', '/v1/whoami')).status).toBe(200);
  });
});

/** The status of a GET sent from another loopback address (Linux routes all of 127.0.0.0/8 locally). */
function statusFrom(localAddress: string, url: string, key: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { localAddress, headers: { authorization: `Bearer ${key}` } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', reject).end();
  });
}
