// A rotation in two steps at the server: a staged new secret works beside the old one, which stops
// working only when key.retire_previous says the new one is delivered. Over the real server on
// loopback and a real SQLite file, including one written before the server knew staged secrets.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { hashSecret, MAX_STAGED } from '../../src/store/secrets.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { memberWithKey, STRIPE, startServer, type TestServer } from '../helpers/server.js';
import { tmpDir } from '../helpers/tmp.js';

const BOT: Change = {
  kind: 'key.create',
  name: 'bot',
  type: 'workspace',
  scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
  users: [],
};
const STAGE: Change = { kind: 'key.rotate', name: 'bot', stage: true };
const RETIRE: Change = { kind: 'key.retire_previous', name: 'bot' };

async function rotate(server: TestServer, change: Change): Promise<string | undefined> {
  const answer = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [change], managed: true });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.secrets.bot as string | undefined;
}

const works = async (server: TestServer, secret: string) =>
  (await server.call(secret, 'GET', '/v1/whoami')).status === 200;

describe('a staged rotation', () => {
  it('keeps the old secret working beside the new one until the previous is retired, and not a request longer', async () => {
    const server = await startServer({ rateLimit: { perSecond: 1000, burst: 1000 } });
    const old = (await server.seed([STRIPE, BOT])).bot!;
    const staged = (await rotate(server, STAGE))!;
    expect(staged).not.toBe(old);
    // Both authenticate, each used again so the access cache holds the key.
    for (let i = 0; i < 2; i++) {
      expect(await works(server, old)).toBe(true);
      expect(await works(server, staged)).toBe(true);
    }
    const state = await server.call(server.ownerKey, 'GET', '/v1/state');
    expect(state.body.state.keys.find((k: { name: string }) => k.name === 'bot').rotationPending).toMatch(/^\d{4}-/);

    expect(await rotate(server, RETIRE)).toBeUndefined(); // no secret in the answer
    expect(await works(server, old)).toBe(false); // the cached key does not keep it alive
    expect(await works(server, staged)).toBe(true);
    const after = await server.call(server.ownerKey, 'GET', '/v1/state');
    expect(after.body.state.keys.find((k: { name: string }) => k.name === 'bot').rotationPending).toBeUndefined();

    // One audit record per step, neither holding a secret.
    const audit = server.store.audit({}, 100).items.filter((r) => r.action.startsWith('key.'));
    expect(audit.map((r) => r.action).slice(-3)).toEqual(['key.create', 'key.rotate', 'key.retire_previous']);
    expect(JSON.stringify(audit)).not.toContain(staged.slice(21));
  });

  it('keeps every earlier staged secret when staged again (one may be the one delivered), and only the newest after', async () => {
    const server = await startServer({ rateLimit: { perSecond: 1000, burst: 1000 } });
    const old = (await server.seed([STRIPE, BOT])).bot!;
    const first = (await rotate(server, STAGE))!;
    const second = (await rotate(server, STAGE))!;
    for (const secret of [old, first, second]) expect(await works(server, secret)).toBe(true);
    await rotate(server, RETIRE);
    expect([await works(server, old), await works(server, first), await works(server, second)]).toEqual([
      false,
      false,
      true,
    ]);
  });

  it(`keeps at most ${MAX_STAGED} staged secrets`, async () => {
    const server = await startServer({ rateLimit: { perSecond: 1000, burst: 1000 } });
    const old = (await server.seed([STRIPE, BOT])).bot!;
    const staged: string[] = [];
    for (let i = 0; i <= MAX_STAGED; i++) staged.push((await rotate(server, STAGE))!);
    expect(await works(server, old)).toBe(true);
    expect(await works(server, staged[0]!)).toBe(false);
    for (const secret of staged.slice(1)) expect(await works(server, secret)).toBe(true);
  });

  it('is refused a retirement with nothing staged, and a plain rotation still retires the old secret at once', async () => {
    const server = await startServer({ rateLimit: { perSecond: 1000, burst: 1000 } });
    const old = (await server.seed([STRIPE, BOT])).bot!;
    const refused = await server.call(server.ownerKey, 'POST', '/v1/changes', { changes: [RETIRE] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.changes[0].code).toBe('conflict');
    expect(await works(server, old)).toBe(true);

    const staged = (await rotate(server, STAGE))!;
    const plain = (await rotate(server, { kind: 'key.rotate', name: 'bot' }))!;
    expect([await works(server, old), await works(server, staged), await works(server, plain)]).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('is for owners and admins only, and an admin cannot stage or retire an owner key', async () => {
    const server = await startServer({ rateLimit: { perSecond: 1000, burst: 1000 } });
    const keys = await server.seed([
      STRIPE,
      BOT,
      ...memberWithKey('adam@x.io', 'admin'),
      ...memberWithKey('m@x.io', 'member'),
    ]);
    await server.seed([{ kind: 'key.rotate', name: 'bootstrap-owner', stage: true }]);
    for (const change of [STAGE, RETIRE]) {
      const member = await server.call(keys['m-key']!, 'POST', '/v1/changes', { changes: [change] });
      expect(member.status, change.kind).not.toBe(200);
      const bot = await server.call(keys.bot!, 'POST', '/v1/changes', { changes: [change] });
      expect(bot.status, change.kind).toBe(403);
    }
    for (const change of [STAGE, RETIRE].map((c) => ({ ...c, name: 'bootstrap-owner' }))) {
      const admin = await server.call(keys['adam-key']!, 'POST', '/v1/changes', { changes: [change] });
      expect(admin.status).toBe(422);
      expect(admin.body.error.changes[0].code).toBe('forbidden');
    }
    expect(await works(server, server.ownerKey)).toBe(true);
  });
});

describe('a workspace written before staged rotations', () => {
  it('is upgraded in place: its keys work, and rotate in two steps', () => {
    const path = join(tmpDir(), 'old.db');
    const raw = new Database(path);
    MIGRATIONS.slice(0, 5).forEach((sql) => raw.exec(sql));
    raw.pragma('user_version = 5');
    const old = `rst_00112233445566aa_${'A'.repeat(43)}`;
    raw
      .prepare(
        `INSERT INTO keys (id, name, type, scope, users, secret_hash, created_at, rotated_at)
         VALUES ('00112233445566aa', 'bot', 'workspace', '[]', '[]', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run(hashSecret(old));
    raw.close();
    const store = WorkspaceStore.open(path);
    try {
      const actor = { name: 'roster', role: 'owner' as const };
      expect(store.authenticate(old)?.name).toBe('bot');
      const staged = store.apply([STAGE], { actor, managed: true }).secrets.bot!;
      expect(store.authenticate(old)?.name).toBe('bot');
      expect(store.authenticate(staged)?.name).toBe('bot');
      store.apply([RETIRE], { actor, managed: true });
      expect(store.authenticate(old)).toBeUndefined();
      expect(store.authenticate(staged)?.name).toBe('bot');
    } finally {
      store.close();
    }
  });
});
