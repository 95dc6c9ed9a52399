// docs/operations.md: a backup taken as it says, while the server answers, is the whole workspace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../src/store/store.js';
import { memberWithKey, startServer } from '../helpers/server.js';
import { tmpDir } from '../helpers/tmp.js';

const OPERATIONS = readFileSync(join(import.meta.dirname, '../../docs/operations.md'), 'utf8');

describe('docs/operations.md', () => {
  it('backs up a running workspace with the SQL it documents, keys and audit log included', async () => {
    const documented = /sqlite3 (\S+) "(VACUUM INTO '\S+')"/.exec(OPERATIONS);
    expect(documented, 'the backup command').not.toBeNull();
    const server = await startServer();
    const keys = await server.seed(memberWithKey('fin@x.io', 'member'));
    const backup = join(tmpDir(), 'backup.db');
    // The sqlite3 shell runs the statement as given; better-sqlite3 is the same SQLite.
    const live = new Database(server.dbPath);
    live.exec(documented![2]!.replace(/'\S+'/, `'${backup}'`));
    live.close();
    const atBackup = server.store.snapshot();
    // The server goes on answering (fin's first request accepts the invitation: a write).
    expect((await server.call(keys['fin-key'], 'GET', '/v1/me')).status).toBe(200);

    const restored = WorkspaceStore.open(backup);
    expect(restored.snapshot()).toEqual(atBackup);
    const audit = (store: WorkspaceStore) => store.audit({}, 1000).items.map((entry) => entry.action);
    expect(audit(restored)).toEqual(audit(server.store).slice(0, audit(restored).length));
    expect(audit(restored)).toContain('key.create');
    restored.close();
  });
});
