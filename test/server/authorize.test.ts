// POST /v1/authorize: decisions from the key's scope, its owner's role and grants, profiles,
// disabled tools and expiry. Every decision lands in the audit log.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import type { Profile } from '../../src/model/vocabulary.js';
import { memberWithKey, STRIPE, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let keys: Record<string, string>;

const grant = (email: string, profile: Profile, extra: Partial<Change & { kind: 'grant.set' }> = {}): Change => ({
  kind: 'grant.set',
  email,
  integration: 'stripe',
  profile,
  disabledTools: [],
  ...extra,
});

beforeAll(async () => {
  server = await startServer({ clock: () => new Date('2026-11-22T12:00:00Z') });
  keys = await server.seed([
    STRIPE,
    { kind: 'integration.connect', id: 'email', tools: { search_mail: 'read', send_mail: 'write' } },
    ...memberWithKey('reader@x.io', 'member'),
    grant('reader@x.io', 'read-only'),
    ...memberWithKey('writer@x.io', 'member'),
    grant('writer@x.io', 'no-delete', { disabledTools: ['create_refund'] }),
    ...memberWithKey('full@x.io', 'member'),
    grant('full@x.io', 'full'),
    ...memberWithKey('expired@x.io', 'member'),
    grant('expired@x.io', 'full', { expires: '2026-11-21' }),
    ...memberWithKey('lastday@x.io', 'member'),
    grant('lastday@x.io', 'full', { expires: '2026-11-22' }),
    ...memberWithKey('admin@x.io', 'admin'),
    ...memberWithKey('none@x.io', 'member'),
    {
      kind: 'key.create',
      name: 'narrow',
      type: 'personal',
      owner: 'full@x.io',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
      users: [],
    },
    {
      kind: 'key.create',
      name: 'bot',
      type: 'workspace',
      scope: [{ integration: 'stripe', profile: 'no-delete', disabledTools: ['create_invoice'] }],
      users: [],
    },
  ]);
});

const auditCount = async (key: string): Promise<number> => {
  const response = await server.call(server.ownerKey, 'GET', `/v1/audit?key=${key}&limit=1000`);
  return response.body.items.length;
};

const decide = async (key: string, tool: string, integration = 'stripe') => {
  const response = await server.call(keys[key], 'POST', '/v1/authorize', { integration, tool });
  expect(response.status).toBe(200);
  return response.body as { allowed: boolean; reason: string };
};

describe('tool authorization', () => {
  const table: [string, string, boolean][] = [
    ['reader-key', 'find_customer', true],
    ['reader-key', 'create_invoice', false],
    ['reader-key', 'delete_customer', false],
    ['writer-key', 'find_customer', true],
    ['writer-key', 'create_invoice', true],
    ['writer-key', 'create_refund', false], // disabled tool
    ['writer-key', 'delete_customer', false],
    ['full-key', 'delete_customer', true],
    ['narrow', 'find_customer', true], // personal key narrowed by its scope
    ['narrow', 'create_invoice', false],
    ['expired-key', 'find_customer', false],
    ['lastday-key', 'find_customer', true], // expires is the last day of access
    ['admin-key', 'delete_customer', true], // admins use every tool
    ['admin-key', 'send_mail', true],
    ['none-key', 'find_customer', false], // not assigned
    ['bot', 'find_customer', true],
    ['bot', 'create_refund', true],
    ['bot', 'create_invoice', false], // disabled in the key's scope
    ['bot', 'delete_customer', false],
    ['bot', 'search_mail', false], // outside the workspace key's scope
  ];
  for (const [key, tool, allowed] of table) {
    it(`${key} ${allowed ? 'may' : 'may not'} use ${tool}`, async () => {
      const integration = tool.endsWith('_mail') ? 'email' : 'stripe';
      expect((await decide(key, tool, integration)).allowed).toBe(allowed);
    });
  }

  it('says why it refuses', async () => {
    expect((await decide('writer-key', 'create_refund')).reason).toBe(
      "create_refund is disabled in writer@x.io's profile",
    );
    expect((await decide('reader-key', 'create_invoice')).reason).toBe(
      "reader@x.io's profile is read-only, which does not allow write tools",
    );
    expect((await decide('expired-key', 'find_customer')).reason).toBe(
      "expired@x.io's access to stripe expired on 2026-11-21",
    );
    expect((await decide('full-key', 'nope')).reason).toBe('integration stripe has no tool nope');
    expect((await decide('admin-key', 'x', 'salesforce')).reason).toBe('integration salesforce is not connected');
  });

  it('tells a member the same about an integration that is not connected and one they were not given', async () => {
    const answers = await Promise.all([
      decide('none-key', 'find_customer', 'stripe'), // connected, not assigned
      decide('none-key', 'nope', 'stripe'), // not even a tool
      decide('none-key', 'find_customer', 'salesforce'), // not connected
    ]);
    expect(answers.every((a) => !a.allowed)).toBe(true);
    expect(answers.map((a) => a.reason)).toEqual([
      'none@x.io is not assigned to stripe',
      'none@x.io is not assigned to stripe',
      'none@x.io is not assigned to salesforce',
    ]);
    // A workspace key likewise: not scoped is not scoped, connected or not.
    expect((await decide('bot', 'x', 'salesforce')).reason).toBe('key bot is not scoped to salesforce');
  });

  it('allows no tool named after an object property, for any key', async () => {
    for (const key of ['full-key', 'admin-key', 'bot', 'narrow']) {
      const answer = await decide(key, 'constructor');
      expect(answer).toEqual({ allowed: false, reason: 'integration stripe has no tool constructor' });
    }
    const owner = await server.call(server.ownerKey, 'POST', '/v1/authorize', {
      integration: 'stripe',
      tool: 'constructor',
    });
    expect(owner.body.allowed).toBe(false);
    for (const tool of ['toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      const response = await server.call(keys['full-key'], 'POST', '/v1/authorize', { integration: 'stripe', tool });
      expect(response.status).toBe(400);
    }
  });

  it('answers 400 to bodies that are not {integration, tool} objects, never 500', async () => {
    for (const body of [
      'null',
      '[]',
      '"stripe"',
      '7',
      '{"integration": "stripe"}',
      '{"integration": 1, "tool": "x"}',
    ]) {
      const response = await server.call(keys['full-key'], 'POST', '/v1/authorize', body);
      expect([body, response.status, response.body.error.code]).toEqual([body, 400, 'invalid-request']);
    }
  });

  it('refuses names that cannot exist with 400 and keeps them out of the audit log', async () => {
    const before = await auditCount('full-key');
    const huge = 'a'.repeat(60_000); // just under the 64 KiB body limit
    for (const body of [
      { integration: huge, tool: 'find_customer' },
      { integration: 'stripe', tool: huge },
      { integration: 'Stripe', tool: 'find_customer' },
      { integration: 'stripe', tool: 'find customer' },
    ]) {
      const response = await server.call(keys['full-key'], 'POST', '/v1/authorize', body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body).length).toBeLessThan(300);
    }
    expect(await auditCount('full-key')).toBe(before);
    await decide('full-key', 'find_customer');
    expect(await auditCount('full-key')).toBe(before + 1);
  });

  it('audits every decision with the key and the member behind it', async () => {
    const lastId = async () => {
      const items = (await server.call(server.ownerKey, 'GET', '/v1/audit?limit=1000')).body.items;
      return (items.at(-1)?.id ?? 0) as number;
    };
    const before = await lastId();
    const answers: unknown[][] = [];
    for (const [key, tool] of table) {
      const integration = tool.endsWith('_mail') ? 'email' : 'stripe';
      answers.push([key, integration, tool, (await decide(key, tool, integration)).allowed]);
    }
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?limit=1000');
    const recorded = audit.body.items.filter((entry: { id: number }) => entry.id > before);
    expect(
      recorded.map((e: any) => [e.keyName, e.detail.integration, e.detail.tool, e.action === 'tool.allowed']),
    ).toEqual(answers);
    expect(new Set(recorded.map((e: { at: string }) => e.at))).toEqual(new Set(['2026-11-22T12:00:00.000Z']));
    expect(recorded.find((e: { keyName: string }) => e.keyName === 'writer-key')).toMatchObject({
      actor: 'writer@x.io',
      subject: 'writer@x.io',
      detail: { reason: expect.stringContaining('writer@x.io') },
    });
    expect(recorded.find((e: { keyName: string }) => e.keyName === 'bot')).toMatchObject({
      actor: 'bot',
      subject: 'bot',
    });
  });
});
