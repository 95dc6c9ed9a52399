// Each grant's last use is kept in grant_use (per minute, with the group commit) and its last
// grant.set in grants.granted_at, so GET /v1/grant-use pages over the grants' primary key with one
// grant_use lookup a row instead of scanning the audit log, and an upgraded store starts from what
// its audit log already knows.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { pageSql } from '../../src/store/lists.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { memberWithKey, STRIPE, startServer, itOnSqliteFile } from '../helpers/server.js';
import { tmpDir } from '../helpers/tmp.js';

const GITHUB: Change = { kind: 'integration.connect', id: 'github', tools: { list_issues: 'read' } };
const grant = (email: string, integration: string): Change => ({
  kind: 'grant.set',
  email,
  integration,
  profile: 'full',
  disabledTools: [],
});

const SEEDED = '2026-11-22T12:00:10.000Z';

describe('GET /v1/grant-use', () => {
  itOnSqliteFile('answers last use per grant, written once a minute, paged over the grant_use key', async () => {
    let now = new Date('2026-11-22T12:00:10Z');
    const server = await startServer({ clock: () => now });
    const keys = await server.seed([
      STRIPE,
      GITHUB,
      ...memberWithKey('m@x.io', 'member'),
      grant('m@x.io', 'stripe'),
      grant('m@x.io', 'github'),
    ]);
    const ask = (integration: string) =>
      server.call(keys['m-key']!, 'POST', '/v1/authorize', {
        integration,
        tool: integration === 'stripe' ? 'find_customer' : 'list_issues',
      });
    await ask('stripe');
    now = new Date('2026-11-22T12:00:50Z');
    await ask('stripe'); // same minute: not written again
    now = new Date('2026-11-22T12:03:00Z');
    await ask('github');
    const first = await server.call(server.ownerKey, 'GET', '/v1/grant-use?limit=1');
    expect(first.body.items).toEqual([
      { email: 'm@x.io', integration: 'github', grantedAt: SEEDED, lastUsedAt: '2026-11-22T12:03:00.000Z' },
    ]);
    const second = await server.call(server.ownerKey, 'GET', `/v1/grant-use?limit=1&cursor=${first.body.next}`);
    expect(second.body).toEqual({
      items: [{ email: 'm@x.io', integration: 'stripe', grantedAt: SEEDED, lastUsedAt: '2026-11-22T12:00:10.000Z' }],
    });
    expect(server.store.usage().grants).toEqual([...first.body.items, ...second.body.items]);

    const db = new Database(server.dbPath, { readonly: true });
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${pageSql('grant-use', true)}`).all('m@x.io', 'github', 2) as {
      detail: string;
    }[];
    db.close();
    const steps = plan.map((step) => step.detail).join('\n');
    expect(steps).not.toMatch(/audit/);
    expect(steps).toMatch(/SEARCH g USING INDEX sqlite_autoindex_grants_1 \(\(email,integration\)>\(\?,\?\)\)/);
    expect(steps).toMatch(/SEARCH u USING PRIMARY KEY \(email=\? AND integration=\?\)/);
    expect(steps).not.toMatch(/TEMP B-TREE/);
  });

  it('is filled from the audit log when an older store is upgraded', () => {
    const path = join(tmpDir(), 'old.db');
    const raw = new Database(path);
    MIGRATIONS.slice(0, 4).forEach((sql) => raw.exec(sql));
    raw.pragma('user_version = 4');
    raw.exec(`
      INSERT INTO members (email, role, created_at) VALUES ('m@x.io', 'member', '2026-01-01T00:00:00Z');
      INSERT INTO integrations (id) VALUES ('stripe');
      INSERT INTO grants (email, integration, profile) VALUES ('m@x.io', 'stripe', 'full');
      INSERT INTO audit (at, actor, action, subject, detail, state_version) VALUES
        ('2026-02-01T00:00:00Z', 'ana@x.io', 'grant.set', 'm@x.io', '{"integration":"stripe"}', 1),
        ('2026-03-01T00:00:00Z', 'm@x.io', 'tool.allowed', 'm@x.io', '{"integration":"stripe","tool":"a"}', 1),
        ('2026-04-01T00:00:00Z', 'm@x.io', 'tool.allowed', 'm@x.io', '{"integration":"stripe","tool":"a"}', 1),
        ('2026-05-01T00:00:00Z', 'm@x.io', 'tool.denied', 'm@x.io', '{"integration":"stripe","tool":"a"}', 1);
    `);
    raw.close();
    const store = WorkspaceStore.open(path);
    try {
      expect(store.usage().grants).toEqual([
        {
          email: 'm@x.io',
          integration: 'stripe',
          grantedAt: '2026-02-01T00:00:00Z',
          lastUsedAt: '2026-04-01T00:00:00Z',
        },
      ]);
    } finally {
      store.close();
    }
  });
});
