// Protecting the server: rate limits, body size limits, paged lists, JSON errors.
import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.js';

describe('server limits', () => {
  it('answers 429 with Retry-After once a key exceeds its rate, and serves it again after the wait', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const server = await startServer({ rateLimit: { perSecond: 1, burst: 3 }, clock: () => now });
    const whoami = async () => {
      const response = await server.call(server.ownerKey, 'GET', '/v1/whoami');
      return [response.status, response.headers.get('retry-after')];
    };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await whoami());
    expect(statuses).toEqual([
      [200, null],
      [200, null],
      [200, null],
      [429, '1'],
      [429, '1'],
    ]);
    now = new Date(now.getTime() + 1000);
    expect(await whoami()).toEqual([200, null]);
    expect(await whoami()).toEqual([429, '1']);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const server = await startServer({ maxBatchBytes: 1024 });
    const changes = Array.from({ length: 50 }, (_, i) => ({
      kind: 'member.invite',
      email: `m${i}@x.io`,
      role: 'member',
    }));
    const response = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('too-large');
    expect(server.store.version()).toBe(1);
  });

  it('pages every list with opaque cursors', async () => {
    const server = await startServer();
    await server.seed(
      Array.from({ length: 7 }, (_, i) => ({ kind: 'member.invite', email: `m${i}@x.io`, role: 'member' }) as const),
    );
    const emails: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await server.call(server.ownerKey, 'GET', `/v1/members?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      emails.push(...page.body.items.map((m: { email: string }) => m.email));
      cursor = page.body.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(emails).toEqual(['m0@x.io', 'm1@x.io', 'm2@x.io', 'm3@x.io', 'm4@x.io', 'm5@x.io', 'm6@x.io', 'owner@x.io']);
    expect((await server.call(server.ownerKey, 'GET', '/v1/members?limit=0')).status).toBe(400);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const server = await startServer();
    const response = await server.call(server.ownerKey, 'GET', '/v1/nothing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not-found');
  });
});
