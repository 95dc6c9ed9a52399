// docs/operations.md, "Several instances on PostgreSQL": its backup and restore commands, and its
// move of a SQLite workspace into PostgreSQL, run as written on a throwaway cluster.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { roster } from '../helpers/cli.js';
import { NO_POSTGRES, titled, useCluster } from '../helpers/postgres.js';
import { tmpDir } from '../helpers/tmp.js';

const OPERATIONS = readFileSync(join(import.meta.dirname, '../../docs/operations.md'), 'utf8');
const OWNER = { name: 'owner@x.io', role: 'owner' } as const;

/** The documented command line starting with `program`, split into words ("$VAR" kept as a word). */
function documented(program: string): string[] {
  const line = new RegExp(`^${program} .*$`, 'm').exec(OPERATIONS)?.[0];
  expect(line, `a ${program} command in docs/operations.md`).toBeDefined();
  return line!.split(' ').slice(1);
}

/** Runs a documented command line with ROSTER_DATABASE_URL set and its paths moved into `dir`. */
function run(program: string, args: string[], url: string, dir: string): string {
  const words = args.map((word) =>
    word === '"$ROSTER_DATABASE_URL"' ? url : word.replace(/^(--file=)?\/(backups|var\/lib\/roster)\//, `$1${dir}/`),
  );
  return execFileSync(program, words, { encoding: 'utf8', env: { ...process.env, ROSTER_DATABASE_URL: url } });
}

describe.skipIf(NO_POSTGRES !== undefined)(titled('docs/operations.md on PostgreSQL'), () => {
  const cluster = useCluster();

  it('backs up with pg_dump and restores with pg_restore as documented: the whole workspace', async () => {
    const dir = tmpDir();
    const url = await cluster().createDatabase();
    const store = openPostgresStore(url);
    const ownerKey = store.bootstrapOwner('owner@x.io')!;
    store.apply([{ kind: 'member.invite', email: 'm@x.io', role: 'member' }], { actor: OWNER });
    const before = { ...store.snapshot(), audit: store.audit({}, 100).items };
    store.close();

    run('pg_dump', documented('pg_dump'), url, dir);
    // Restored into an empty database, as the docs say.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('CREATE DATABASE restored');
    await admin.end();
    const restoredUrl = url.replace('/postgres?', '/restored?');
    const restore = /`pg_restore --dbname=URL (\S+)`/.exec(OPERATIONS)?.[1];
    expect(restore, 'the pg_restore command').toBeDefined();
    execFileSync('pg_restore', [`--dbname=${restoredUrl}`, restore!.replace('/backups/', `${dir}/`)]);

    const restored = openPostgresStore(restoredUrl);
    expect({ ...restored.snapshot(), audit: restored.audit({}, 100).items }).toEqual(before);
    expect(restored.authenticate(ownerKey)?.owner?.email).toBe('owner@x.io');
    restored.close();
  });

  it('moves a SQLite workspace into PostgreSQL with the documented command', async () => {
    const dir = tmpDir();
    const sqlite = WorkspaceStore.open(join(dir, 'state.db'));
    sqlite.bootstrapOwner('owner@x.io');
    const before = sqlite.snapshot();
    sqlite.close();
    const url = await cluster().createDatabase();
    const [command, ...args] = documented('roster migrate-store');
    expect(command).toBe('migrate-store');
    const words = args.map((word) => (word === '"$ROSTER_DATABASE_URL"' ? url : word.replace('/var/lib/roster/', '')));
    const moved = roster([command!, ...words], { cwd: dir });
    expect(moved.code).toBe(0);
    const postgres = openPostgresStore(url);
    expect(postgres.snapshot()).toEqual(before);
    postgres.close();
  });
});
