// A crash at any moment leaves the previous or the next state, never a mix; migrations are
// versioned and a file from a newer roster is refused.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

const STORE_MODULE = join(import.meta.dirname, '../../dist/store/store.js');
const BATCH = 200;

// A child process applies batches of BATCH invites until it is killed with SIGKILL.
const WRITER = `
  const { WorkspaceStore } = await import(process.argv[1]);
  const store = WorkspaceStore.open(process.argv[2]);
  const actor = { name: 'crash-test', role: 'owner' };
  for (let batch = 0; ; batch++) {
    const changes = Array.from({ length: ${BATCH} }, (_, i) => ({ kind: 'member.invite', email: process.argv[3] + '-' + batch + '-' + i + '@x.io', role: 'member' }));
    store.apply(changes, { actor });
    if (batch === 2) process.stdout.write('running\\n');
  }
`;

describe('store durability', () => {
  it('survives SIGKILL in the middle of batches with whole batches only', async () => {
    const dbPath = join(tmpDir(), 'crash.db');
    const seed = WorkspaceStore.open(dbPath);
    seed.bootstrapOwner('owner@x.io');
    seed.close();

    for (let round = 0; round < 3; round++) {
      const args = ['--input-type=module', '-e', WRITER, STORE_MODULE, dbPath, `r${round}`];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve, reject) => {
        child.stdout.once('data', resolve);
        child.once('exit', (code) => reject(new Error(`the writer died on its own (exit ${code})`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 37));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      const store = WorkspaceStore.open(dbPath);
      const { state, version } = store.snapshot();
      store.close();
      // Version 1 is the bootstrap; every later version is one whole batch.
      expect(state.members.length).toBe(1 + (version - 1) * BATCH);
    }
  });

  it('records the schema version and refuses a file from a newer roster', () => {
    const dbPath = join(tmpDir(), 'future.db');
    WorkspaceStore.open(dbPath).close();
    const raw = new Database(dbPath);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => WorkspaceStore.open(dbPath)).toThrow(/written by a newer roster \(schema 99\)/);
  });
});
