// What PostgreSQL adds to the store: several instances on one database. Each WorkspaceStore here
// is one instance (its own connections); they share a database on a throwaway cluster.
import { describe, expect, it as plainIt } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { dialect } from '../../src/store/postgres/postgres-db.js';
import type { WorkspaceStore } from '../../src/store/store.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { BACKENDS, itOn, useBackend } from '../helpers/backends.js';

const OWNER = { name: 'owner@x.io', role: 'owner' } as const;
const postgres = BACKENDS.find((backend) => backend.name === 'PostgreSQL')!;
const CONNECT: Change = { kind: 'integration.connect', id: 'crm', tools: { lookup: 'read' } };

plainIt('has one PostgreSQL migration for each SQLite migration', () => {
  expect(PG_MIGRATIONS.length).toBe(MIGRATIONS.length);
});

plainIt('reads the store SQL in the PostgreSQL dialect', () => {
  expect(
    dialect(
      `INSERT INTO grant_use (email, at) VALUES (?, ?) ON CONFLICT (email) DO UPDATE SET at = MAX(at, excluded.at) WHERE x = '?'`,
    ),
  ).toBe(
    `INSERT INTO grant_use (email, at) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET at = GREATEST(grant_use.at, excluded.at) WHERE x = '?'`,
  );
  expect(dialect('SELECT created_at AS joinedAt FROM members')).toBe('SELECT created_at AS "joinedAt" FROM members');
});

/** On an empty workspace: its owner, the crm integration and a workspace key `bot` for it. */
function seedBot(store: WorkspaceStore): Record<string, string> {
  store.bootstrapOwner('owner@x.io');
  const BOT: Change = {
    kind: 'key.create',
    name: 'bot',
    type: 'workspace',
    scope: [{ integration: 'crm', profile: 'read-only', disabledTools: [] }],
    users: [],
  };
  return store.apply([CONNECT, BOT], { actor: OWNER }).secrets;
}

describe(`two instances on one database (${postgres.label})`, () => {
  useBackend(postgres);
  const it = itOn(postgres);

  it('serialize applies: the second with the same expected version is refused as stale', async () => {
    const url = await postgres.location();
    const [one, two] = [openPostgresStore(url), openPostgresStore(url)];
    one.bootstrapOwner('owner@x.io');
    const expectedVersion = two.version();
    two.apply([CONNECT], { actor: OWNER, expectedVersion });
    expect(() => one.apply([{ ...CONNECT, id: 'billing' }], { actor: OWNER, expectedVersion })).toThrow(
      `the workspace is at version ${expectedVersion + 1}, not ${expectedVersion}`,
    );
    expect(one.snapshot().state.integrations.map((i) => i.id)).toEqual(['crm']);
    one.close();
    two.close();
  });

  it('deny on one instance a key revoked through the other, once notified', async () => {
    const url = await postgres.location();
    const [one, two] = [openPostgresStore(url), openPostgresStore(url)];
    const secrets = seedBot(one);
    const bot = two.authenticate(secrets.bot!)!;
    expect((await two.authorize(bot, 'crm', 'lookup')).allowed).toBe(true);
    one.apply([{ kind: 'key.revoke', name: 'bot' }], { actor: OWNER });
    await expect.poll(async () => (await two.authorize(bot, 'crm', 'lookup')).allowed, { timeout: 2_000 }).toBe(false);
    one.close();
    two.close();
  });

  it('answer a decision only once its audit record is committed, for every instance to read', async () => {
    const url = await postgres.location();
    const [one, two] = [openPostgresStore(url), openPostgresStore(url)];
    const secrets = seedBot(one);
    const bot = one.authenticate(secrets.bot!)!;
    await Promise.all([one.authorize(bot, 'crm', 'lookup'), one.authorize(bot, 'crm', 'nope')]);
    // Read through another connection the moment the decisions are answered: nothing to flush there.
    const logged = await postgres.query(url, `SELECT action FROM audit WHERE action LIKE 'tool.%' ORDER BY id`);
    expect(logged).toEqual([{ action: 'tool.allowed' }, { action: 'tool.denied' }]);
    expect(two.audit({ key: 'bot' }, 10).items.map((entry) => entry.action)).toEqual(['tool.allowed', 'tool.denied']);
    one.close();
    two.close();
  });

  it('in strict mode, read the version before every decision', async () => {
    const url = await postgres.location();
    const one = openPostgresStore(url);
    const strict = openPostgresStore(url, { strict: true });
    const secrets = seedBot(one);
    const bot = strict.authenticate(secrets.bot!)!;
    expect((await strict.authorize(bot, 'crm', 'lookup')).allowed).toBe(true);
    one.apply([{ kind: 'key.revoke', name: 'bot' }], { actor: OWNER });
    // No waiting: the very next decision knows.
    expect((await strict.authorize(bot, 'crm', 'lookup')).allowed).toBe(false);
    one.close();
    strict.close();
  });
});
