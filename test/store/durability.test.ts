// A crash at any moment leaves the previous or the next state, never a mix; migrations are
// versioned and a workspace from a newer roster is refused. On a SQLite file and on PostgreSQL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { BACKENDS, itOn, openAt, useBackend } from '../helpers/backends.js';

const STORE_MODULE = join(import.meta.dirname, '../../dist/store/store.js');
// A child process applies batches of argv[4] invites until it is killed with SIGKILL.
const WRITER = `
  const { WorkspaceStore } = await import(process.argv[1]);
  const { openPostgresStore } = await import(process.argv[1].replace('store.js', 'postgres/open.js'));
  const at = process.argv[2];
  const store = at.startsWith('postgres://') ? openPostgresStore(at) : WorkspaceStore.open(at);
  const actor = { name: 'crash-test', role: 'owner' };
  for (let batch = 0; ; batch++) {
    const changes = Array.from({ length: Number(process.argv[4]) }, (_, i) => ({ kind: 'member.invite', email: process.argv[3] + '-' + batch + '-' + i + '@x.io', role: 'member' }));
    store.apply(changes, { actor });
    if (batch === 2) process.stdout.write('running\\n');
  }
`;

/** Sets the workspace's schema number, as a newer roster would have. */
async function setSchema(location: string, version: number): Promise<void> {
  if (!location.startsWith('postgres://')) {
    const raw = new Database(location);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.pragma(`user_version = ${version}`);
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  expect((await client.query('SELECT version FROM roster_schema')).rows).toEqual([{ version: MIGRATIONS.length }]);
  await client.query('UPDATE roster_schema SET version = $1', [version]);
  await client.end();
}

describe.each(BACKENDS)('store durability ($label)', (backend) => {
  useBackend(backend);
  const it = itOn(backend);

  it('survives SIGKILL in the middle of batches with whole batches only', { timeout: 90_000 }, async () => {
    // A batch takes about as long on either: each statement is a round trip on PostgreSQL.
    const BATCH = backend.name === 'SQLite' ? 200 : 40;
    const dbPath = await backend.location();
    const seed = openAt(dbPath);
    seed.bootstrapOwner('owner@x.io');
    seed.close();

    for (let round = 0; round < 3; round++) {
      const args = ['--input-type=module', '-e', WRITER, STORE_MODULE, dbPath, `r${round}`, String(BATCH)];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve, reject) => {
        child.stdout.once('data', resolve);
        child.once('exit', (code) => reject(new Error(`the writer died on its own (exit ${code})`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 37));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      const store = openAt(dbPath);
      const { state, version } = store.snapshot();
      store.close();
      // Version 1 is the bootstrap; every later version is one whole batch.
      expect(state.members.length).toBe(1 + (version - 1) * BATCH);
    }
  });

  it('records the schema version and refuses a workspace from a newer roster', async () => {
    const dbPath = await backend.location();
    openAt(dbPath).close();
    await setSchema(dbPath, 99);
    expect(() => openAt(dbPath)).toThrow(/written by a newer roster \(schema 99\)/);
  });
});
