// Odd and abusive requests to the workspace API: paging parameters in other notations, forged
// cursors, empty batches, If-Match edge cases, keys born expired, guessed secrets and huge batches.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { HttpProvider } from '../../src/providers/http/http-provider.js';
import { MAX_BATCH_CHANGES } from '../../src/model/api-limits.js';
import { logFingerprint } from '../../src/server/authenticate.js';
import { RateLimiter } from '../../src/server/rate-limit.js';
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

describe('the authorize body', () => {
  it('refuses a field neither form has, in the tool form as in the pipe form, with 400', async () => {
    const server = await startServer();
    const keys = await server.seed([
      STRIPE,
      { kind: 'pipe.create', id: 'hiring' },
      ...memberWithKey('m@x.io', 'member'),
    ]);
    const bodies = [
      { integration: 'stripe', tool: 'find_customer', pipe_override: true },
      { integration: 'stripe', tool: 'find_customer', as: 'owner@x.io' },
      { pipe: 'hiring', action: 'read', as: 'owner@x.io' },
    ];
    for (const body of bodies) {
      const response = await server.call(keys['m-key'], 'POST', '/v1/authorize', body);
      expect([body, response.status, response.body.error.code]).toEqual([body, 400, 'invalid-request']);
    }
    const plain = await server.call(keys['m-key'], 'POST', '/v1/authorize', {
      integration: 'stripe',
      tool: 'find_customer',
    });
    expect(plain.status).toBe(200);
  });
});

describe('guessed secrets', () => {
  it("refuses a guesser's failures with 429 and Retry-After, never the real key, and logs no reusable id or secret", async () => {
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
    // The guesser's address is over its limit, and the key is named in every guess; the right
    // secret, from that very address (a proxy, a gateway: everyone), still gets in, every time.
    for (let i = 0; i < 3; i++) {
      expect((await server.call(real, 'GET', '/v1/whoami')).status).toBe(200);
      expect((await server.call(guess, 'GET', '/v1/whoami')).status).toBe(429);
    }
    expect((await server.call(server.ownerKey, 'GET', '/v1/whoami')).status).toBe(200);
    expect(await statusFrom('127.0.0.2', `${server.url}/v1/whoami`, guess)).toBe(401); // another address

    const failed = server.logs.filter((line) => line.startsWith('auth '));
    expect(failed[0]).toBe(`auth failed key=${logFingerprint(id)} from=127.0.0.1`);
    expect(failed[3]).toBe(`auth refused key=${logFingerprint(id)} from=127.0.0.1: too many failed attempts`);
    const log = server.logs.join('\n');
    expect(log).not.toContain(id);
    expect(log).not.toContain(guess.slice(21));
    expect(log).not.toContain(real.slice(21));
  });

  it('limits secrets that name no key by remote address, and lets real keys in', async () => {
    const server = await startServer({ authFailureLimit: { perSecond: 0.01, burst: 2 } });
    const statuses: number[] = [];
    for (const secret of ['nonsense', `rst_${'0'.repeat(16)}_${'B'.repeat(43)}`, undefined, 'more-nonsense']) {
      statuses.push((await server.call(secret, 'GET', '/v1/whoami')).status);
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
    expect(server.logs.filter((line) => line.startsWith('auth failed'))).toEqual([
      'auth failed key=- from=127.0.0.1',
      `auth failed key=${logFingerprint('0'.repeat(16))} from=127.0.0.1`,
    ]);
    expect((await server.call(server.ownerKey, 'GET', '/v1/whoami')).status).toBe(200);
  });

  it('remembers a bounded number of callers, however many addresses fail', () => {
    let clock = 0;
    const limiter = new RateLimiter({ perSecond: 1, burst: 2 }, () => clock, 1000);
    for (let i = 0; i < 50_000; i++) {
      limiter.take(`address 10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
      clock += 1;
    }
    expect(limiter.size).toBeLessThanOrEqual(1000);
    // A caller over its limit outlives the callers with nothing to remember (full buckets).
    clock += 10_000;
    limiter.take('address guesser');
    limiter.take('address guesser');
    for (let i = 0; i < 2000; i++) limiter.wait(`address new-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(1000);
    expect(limiter.wait('address guesser')).toBeDefined();
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
