// The Pipefy provider against the fake Pipefy: what it reads (mapping, implicit admins, unknown
// levels, fingerprints), the typed error each quirk becomes, and one change at a time with holds.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { applyChangeByChange } from '../../src/apply/change-by-change.js';
import type { FakePipefy } from '../../src/bench/fake-pipefy/server.js';
import type { FakeQuirks } from '../../src/bench/fake-pipefy/state.js';
import type { Change, ChangeContext } from '../../src/model/changes.js';
import { PipefyClient, PipefyError } from '../../src/providers/pipefy/client.js';
import { ME, REMOVE_USER_FROM_ORG } from '../../src/providers/pipefy/operations.js';
import { planOf } from '../helpers/change-by-change-double.js';
import { HIRING, openPipefy, PIPEFY_SEED } from '../helpers/pipefy.js';

let fake: FakePipefy;
afterEach(() => fake?.close());

const at = HIRING.source!;

/** Opens the provider on a fresh fake, which afterEach closes. */
async function open(...args: Parameters<typeof openPipefy>) {
  const opened = await openPipefy(...args);
  fake = opened.fake;
  return opened;
}

async function failure(promise: Promise<unknown>): Promise<PipefyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PipefyError);
  return error as PipefyError;
}

describe('pipefy snapshot', () => {
  it('maps company roles and pipe levels, leaves company admins out of pipes, and reports unknown levels', async () => {
    const { provider } = await open();
    const snapshot = await provider.snapshot();
    const roles = Object.fromEntries(snapshot.state.members.map((m) => [m.email, m.role]));
    expect(roles).toEqual({
      'bot@acme.io': 'admin',
      'ana@acme.io': 'owner',
      'fin@acme.io': 'member',
      'gus@acme.io': 'guest',
      'ext@acme.io': 'external-guest',
      'cre@acme.io': 'member',
    });
    expect(snapshot.state.members.every((m) => m.managed)).toBe(true);
    expect(snapshot.state.pipeMemberships).toEqual([
      { pipe: 'hiring', email: 'fin@acme.io', level: 'restricted-view', managed: true },
    ]);
    expect(snapshot.unknownPipeLevels).toEqual([{ pipe: 'hiring', email: 'cre@acme.io', level: 'creator' }]);
    expect(Object.keys(snapshot.scopes!)).toEqual(['organization', 'pipe:hiring']);
    expect(await provider.whoami()).toEqual({ name: 'bot@acme.io', role: 'admin' });
  });

  it('fingerprints each scope as read now; the version changes when one moves', async () => {
    const { provider, cbc } = await open();
    const before = await provider.snapshot();
    expect(await cbc.fingerprint('pipe:hiring')).toBe(before.scopes!['pipe:hiring']);
    fake.state.pipes.get('10')!.roles.set(fake.state.userFor('gus@acme.io').id, 'member');
    expect(await cbc.fingerprint('pipe:hiring')).not.toBe(before.scopes!['pipe:hiring']);
    expect(await cbc.fingerprint('organization')).toBe(before.scopes!.organization);
    // A promotion to company admin shows in every pipe, and must not read as the pipe moving.
    const pipeNow = await cbc.fingerprint('pipe:hiring');
    fake.state.organizations.get('300')!.roles.set(fake.state.userFor('ext@acme.io').id, 'admin');
    expect(await cbc.fingerprint('pipe:hiring')).toBe(pipeNow);
    fake.state.organizations.get('300')!.roles.set(fake.state.userFor('cre@acme.io').id, 'admin');
    expect(await cbc.fingerprint('pipe:hiring')).not.toBe(pipeNow); // cre's own level left the listing
  });

  it('names the pipe and its config line when the token cannot see a declared pipe', async () => {
    const { provider } = await open(PIPEFY_SEED, [{ id: 'buying', pipefyId: '11', source: at }]);
    const error = await failure(provider.snapshot());
    expect(error.code).toBe('invisible-pipe');
    expect(error.message).toContain('pipe buying (roster.yaml:7:3) has pipefy_id 11');
    expect(error.correlationId).toMatch(/^fake-/);
  });

  it('says which organization is unknown', async () => {
    const { provider } = await open(PIPEFY_SEED, [], '999');
    const error = await failure(provider.snapshot());
    expect([error.code, error.message]).toEqual([
      'unknown-organization',
      expect.stringContaining('no organization 999'),
    ]);
  });
});

describe('pipefy errors', () => {
  it('maps a refused token to unauthenticated', async () => {
    const { provider } = await open(PIPEFY_SEED, [], '300', 'wrong');
    expect((await failure(provider.snapshot())).code).toBe('unauthenticated');
  });

  it('retries reads through 502s and 429s, and gives up with server-error', async () => {
    const { provider, client } = await open({ ...PIPEFY_SEED, quirks: { badGateway: 1, rateLimited: 1 } });
    await provider.snapshot();
    expect(fake.state.requests.map((r) => r.status).slice(0, 3)).toEqual([429, 502, 200]);
    fake.state.quirks.badGateway = 5;
    const before = client.requests;
    const error = await failure(provider.changeByChange!.fingerprint('organization'));
    expect([error.code, error.outcomeUnknown, client.requests - before]).toEqual(['server-error', false, 3]);
  });

  it('sends a write once: a 502 or a lost connection is outcome-unknown, even when the work was done', async () => {
    const { cbc } = await open();
    const invite = { kind: 'member.invite', email: 'new@acme.io', role: 'member' } as const;
    fake.state.quirks.badGateway = 1;
    const lost = await failure(cbc.applyChange(invite, {}));
    expect([lost.code, lost.outcomeUnknown, fake.state.count('inviteMembers')]).toEqual(['server-error', true, 0]);
    Object.assign(fake.state.quirks, { dropConnections: 1, failAfterEffect: true });
    const dropped = await failure(cbc.applyChange(invite, {}));
    expect([dropped.code, dropped.outcomeUnknown, fake.state.count('inviteMembers')]).toEqual(['unreachable', true, 1]);
    expect(await cbc.holds(invite)).toBe(true);
  });

  it('gives up on a slow answer: a read after its retries as unreachable, a write at once as outcome-unknown', async () => {
    const { client } = await open({ ...PIPEFY_SEED, quirks: { latencyMs: 300 } });
    const slow = new PipefyClient(
      client.url,
      'tok',
      { attempts: 2, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 100 },
      async () => {},
    );
    const read = await failure(slow.query(ME));
    expect([read.code, read.outcomeUnknown, slow.requests]).toEqual(['unreachable', false, 2]);
    const write = await failure(slow.mutate(REMOVE_USER_FROM_ORG, { organizationId: '300', email: 'fin@acme.io' }));
    expect([write.code, write.outcomeUnknown, slow.requests]).toEqual(['unreachable', true, 3]);
  });

  it('turns PERMISSION_DENIED on a write into permission-denied, and 429 into rate-limited (not unknown)', async () => {
    const { cbc } = await open(PIPEFY_SEED, [HIRING], '300', 'fin-tok');
    const denied = await failure(cbc.applyChange({ kind: 'member.remove', email: 'ana@acme.io' }, {}));
    expect([denied.code, denied.outcomeUnknown]).toEqual(['permission-denied', false]);
    fake.state.quirks.rateLimited = 1;
    const limited = await failure(cbc.applyChange({ kind: 'member.remove', email: 'ana@acme.io' }, {}));
    expect([limited.code, limited.outcomeUnknown]).toEqual(['rate-limited', false]);
  });

  it('never changes or removes a level roster has no name for', async () => {
    const { cbc } = await open();
    const set = await failure(
      cbc.applyChange({ kind: 'pipe_member.set', pipe: 'hiring', email: 'cre@acme.io', level: 'admin' }, {}),
    );
    const remove = await failure(
      cbc.applyChange({ kind: 'pipe_member.remove', pipe: 'hiring', email: 'cre@acme.io' }, {}),
    );
    expect([set.code, remove.code, set.message]).toEqual([
      'refused',
      'refused',
      expect.stringContaining('"creator" in the pipe'),
    ]);
    expect(fake.state.pipeRole('10', 'cre@acme.io')).toBe('creator');
  });

  it('refuses batches and changes it cannot make, clearly', async () => {
    const { provider, cbc } = await open();
    await expect(provider.apply({ changes: [], expectedVersion: '', idempotencyKey: 'k' })).rejects.toMatchObject({
      code: 'no-batches',
    });
    expect(() => cbc.scopeOf({ kind: 'key.revoke', name: 'k' })).toThrow(/company members and pipe members only/);
  });
});

describe('pipefy changes one at a time', () => {
  it('says which scope each change writes in', async () => {
    const { cbc } = await open();
    expect(cbc.scopeOf({ kind: 'member.update', email: 'fin@acme.io', role: 'admin' })).toBe('organization');
    expect(cbc.scopeOf({ kind: 'pipe_member.set', pipe: 'hiring', email: 'fin@acme.io', level: 'admin' })).toBe(
      'pipe:hiring',
    );
  });

  it('carries out invites, role changes, pipe levels and removals, each holding afterwards', async () => {
    const { cbc } = await open();
    const changes = [
      { kind: 'member.invite', email: 'new@acme.io', role: 'guest' },
      { kind: 'member.update', email: 'cre@acme.io', role: 'admin' },
      { kind: 'pipe_member.set', pipe: 'hiring', email: 'gus@acme.io', level: 'read-only' },
      { kind: 'pipe_member.set', pipe: 'hiring', email: 'fin@acme.io', level: 'read-only' },
      { kind: 'pipe_member.remove', pipe: 'hiring', email: 'gus@acme.io' },
      { kind: 'member.remove', email: 'ext@acme.io' },
    ] as const;
    for (const change of changes) {
      expect(await cbc.holds(change)).toBe(false);
      await cbc.applyChange(change, {});
      expect(await cbc.holds(change)).toBe(true);
    }
    expect(fake.state.orgRole('300', 'new@acme.io')).toBe('company_guest');
    expect(fake.state.orgRole('300', 'cre@acme.io')).toBe('admin');
    expect(fake.state.pipeRole('10', 'fin@acme.io')).toBe('read_and_comment');
    expect(fake.state.orgRole('300', 'ext@acme.io')).toBeUndefined();
  });

  it('paces every HTTP request against the apply budget, the reads a change makes before writing included', async () => {
    const { provider, client } = await open();
    const { scopes } = await provider.snapshot();
    // Each pipe level reads the pipe before it writes; the read-back reads it again.
    const changes: Change[] = ['gus@acme.io', 'fin@acme.io'].map((email) => ({
      kind: 'pipe_member.set',
      pipe: 'hiring',
      email,
      level: 'read-only',
    }));
    const before = client.requests;
    const started = Date.now();
    const result = await applyChangeByChange(
      provider.changeByChange!,
      planOf(changes, { scopes: () => scopes! }),
      {},
      {
        requestsPerSecond: 40,
        concurrency: 2,
      },
    );
    const sent = client.requests - before;
    // 2 for the fingerprint (organization, then the pipe), and per change a read, a write, a read back.
    expect(sent).toBe(2 + 2 * 3);
    expect(result.report!.requests).toBe(sent);
    expect(Date.now() - started).toBeGreaterThanOrEqual((sent - 1) * 25 - 10);
  });

  it('does not hold after an invite that answered success without effect', async () => {
    const { cbc } = await open({ ...PIPEFY_SEED, quirks: { inviteWithoutEffect: 1 } });
    const invite = { kind: 'pipe_member.set', pipe: 'hiring', email: 'new@acme.io', level: 'member' } as const;
    await cbc.applyChange(invite, {});
    expect(await cbc.holds(invite)).toBe(false);
    await cbc.applyChange(invite, {});
    expect(await cbc.holds(invite)).toBe(true);
    expect(fake.state.count('inviteMembers')).toBe(2);
  });

  it('judges each write by what Pipefy answers: an error row, another role, a removal that names no one', async () => {
    const { cbc } = await open({ ...PIPEFY_SEED, quirks: { inviteRefused: 1, setRoleIgnored: 1 } });
    const invite = await failure(cbc.applyChange({ kind: 'member.invite', email: 'new@acme.io', role: 'member' }, {}));
    expect([invite.code, invite.message]).toEqual([
      'refused',
      expect.stringContaining('Pipefy answered: already invited'),
    ]);
    const set = await failure(
      cbc.applyChange({ kind: 'pipe_member.set', pipe: 'hiring', email: 'fin@acme.io', level: 'admin' }, {}),
    );
    expect(set.message).toContain('Pipefy answered that the role is "my_cards_only"');
    // ana is listed in the pipe as a company admin: Pipefy has no membership of hers to remove.
    const remove = await failure(
      cbc.applyChange({ kind: 'pipe_member.remove', pipe: 'hiring', email: 'ana@acme.io' }, {}),
    );
    expect(remove.message).toContain('is not a member of the pipe');
  });

  it('removes from a pipe with removeMembersFromPipe, naming the pipe and the user by their UUIDs', async () => {
    const { cbc } = await open();
    await cbc.applyChange({ kind: 'pipe_member.remove', pipe: 'hiring', email: 'fin@acme.io' }, {});
    const sent = fake.state.operations.filter((op) => op.type === 'mutation');
    expect(sent.map((op) => [op.field, op.args, op.effect])).toEqual([
      [
        'removeMembersFromPipe',
        { input: { pipeUuid: 'pipe-10', usersUuids: [fake.state.findUser('fin@acme.io')!.uuid] } },
        true,
      ],
    ]);
  });
});

describe("pipefy answers that are not Pipefy's", () => {
  it('refuses an answer that does not fit the operation, naming the URL, status, content type and first words', async () => {
    const { client, provider } = await open();
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome to the   login page</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    try {
      const html = await failure(
        new PipefyClient(url, 'tok', { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 2000 }).query(ME),
      );
      expect([html.code, html.outcomeUnknown, html.message]).toEqual([
        'unexpected-answer',
        false,
        `the answer at ${url} to Me is not Pipefy's (HTTP 200, text/html, not JSON): it begins "<html><body>Welcome to the login page</body></html>". Check PIPEFY_URL (or provider.url): it must be Pipefy's GraphQL endpoint`,
      ]);
    } finally {
      server.close();
    }
    // JSON, but without what the operation reads: a member row without its user's email.
    fake.state.users.get(fake.state.findUser('fin@acme.io')!.id)!.email = null as unknown as string;
    const shape = await failure(provider.snapshot());
    expect([shape.code, shape.message]).toEqual([
      'unexpected-answer',
      expect.stringMatching(
        /to OrganizationMembers is not Pipefy's \(HTTP 200, application\/json, data\/organization\/members\/\d+\/user\/email: must be string\)/,
      ),
    ]);
    expect(client.requests).toBeGreaterThan(0);
  });
});

describe('pipefy invites whose answer was lost', () => {
  /** The engine over the provider, the first write's answer lost (after the work, or before it). */
  async function applyLosingFirstAnswer(afterEffect: boolean, quirks: Partial<FakeQuirks>) {
    const { provider, cbc } = await open({ ...PIPEFY_SEED, quirks });
    const { scopes } = await provider.snapshot();
    let first = true;
    const platform = {
      ...cbc,
      applyChange: (change: Change, context: ChangeContext) => {
        if (first) Object.assign(fake.state.quirks, { badGateway: 1, failAfterEffect: afterEffect });
        first = false;
        return cbc.applyChange(change, context);
      },
    };
    const invite: Change = { kind: 'member.invite', email: 'new@acme.io', role: 'member' };
    const result = await applyChangeByChange(
      platform,
      planOf([invite], { scopes: () => scopes! }),
      {},
      { settleMs: 1000 },
    );
    return { outcome: result.report!.outcomes[0]!, invites: fake.state.count('inviteMembers') };
  }

  it('reads again with backoff until the person shows, and sends the invite once', async () => {
    const { outcome, invites } = await applyLosingFirstAnswer(true, { listingLagMs: 400 });
    expect([outcome.status, outcome.reason, invites]).toEqual([
      'applied',
      'its answer was lost; it showed when read again: sent once',
      1,
    ]);
  });

  it('sends it again only when the person has not shown within the bound, and says it sent twice', async () => {
    const started = Date.now();
    const { outcome, invites } = await applyLosingFirstAnswer(false, {});
    expect([outcome.status, outcome.reason, invites]).toEqual([
      'applied',
      'sent 2 times: an answer was lost and the change did not show within 1s of it',
      1, // the first never reached Pipefy's resolver: the gateway answered 502 before it
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700); // read again at 250 and 750 ms
  });
});
