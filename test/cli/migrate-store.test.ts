// Moving a SQLite workspace into PostgreSQL with `roster migrate-store`, as docs/operations.md
// says: every member, grant, key hash and audit record arrives, the keys keep working, and a
// second copy into the now non-empty database is refused without writing anything.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { roster } from '../helpers/cli.js';
import { NO_POSTGRES, titled, useCluster } from '../helpers/postgres.js';
import { tmpDir } from '../helpers/tmp.js';

const OWNER = { name: 'owner@x.io', role: 'owner' } as const;

describe.skipIf(NO_POSTGRES !== undefined)(titled('roster migrate-store'), () => {
  const cluster = useCluster();

  it('copies every member, grant, key hash and audit record, and the keys still work', async () => {
    const dir = tmpDir();
    const file = join(dir, 'state.db');
    const sqlite = WorkspaceStore.open(file);
    const ownerKey = sqlite.bootstrapOwner('owner@x.io')!;
    const { secrets } = sqlite.apply(
      [
        { kind: 'integration.connect', id: 'crm', tools: { lookup: 'read', wipe: 'write' } },
        { kind: 'member.invite', email: 'm@x.io', role: 'member' },
        { kind: 'grant.set', email: 'm@x.io', integration: 'crm', profile: 'read-only', disabledTools: [] },
        { kind: 'key.create', name: 'm-key', type: 'personal', owner: 'm@x.io', scope: [], users: [] },
      ],
      { actor: OWNER },
    );
    const member = sqlite.authenticate(secrets['m-key']!)!;
    await sqlite.authorize(member, 'crm', 'lookup');
    await sqlite.authorize(member, 'crm', 'wipe');
    const before = { ...sqlite.snapshot(), audit: sqlite.audit({}, 1000).items, usage: sqlite.usage() };
    sqlite.close();

    const url = await cluster().createDatabase();
    const run = roster(['migrate-store', '--from', 'state.db'], { cwd: dir, env: { ROSTER_DATABASE_URL: url } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/checked every row: meta \d+, members 2, .*grants 1, .*keys 2, audit \d+/);
    expect(run.stdout).not.toContain(url); // no credentials in output

    const postgres = openPostgresStore(url);
    expect({ ...postgres.snapshot(), audit: postgres.audit({}, 1000).items, usage: postgres.usage() }).toEqual(before);
    // Key hashes came along: the same secrets authenticate, and decisions go on being logged.
    expect(postgres.authenticate(ownerKey)?.owner?.email).toBe('owner@x.io');
    expect((await postgres.authorize(postgres.authenticate(secrets['m-key']!)!, 'crm', 'lookup')).allowed).toBe(true);
    expect(postgres.audit({}, 1000).items).toHaveLength(before.audit.length + 1);
    postgres.close();

    const again = roster(['migrate-store', '--from', 'state.db', '--to', url], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('the PostgreSQL workspace is not empty');
  });
});
