// The store's two backends, for tests that run once on each (describe.each(BACKENDS)): a real
// SQLite file in a temp dir, and a fresh database on a throwaway PostgreSQL cluster (one cluster
// per test file, started by `useBackend` before the file's tests of that backend).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { type Cluster, NO_POSTGRES, startCluster } from './postgres.js';
import { tmpDir } from './tmp.js';

export interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  /** The name, and why its tests are skipped when they are (for describe.each titles: `$label`). */
  label: string;
  /** Why this backend's tests are skipped here; undefined when they run. */
  skip: string | undefined;
  /** A new, empty workspace: a file path or a postgres:// URL. */
  location(): Promise<string>;
  /** Reads rows straight from the workspace's database, as another program would. */
  query(location: string, sql: string): Promise<Record<string, unknown>[]>;
}

/** Opens a workspace at a location `Backend.location` gave, whichever backend it is. */
export function openAt(location: string, options: { clock?: () => Date } = {}): WorkspaceStore {
  return location.startsWith('postgres://')
    ? openPostgresStore(location, options)
    : WorkspaceStore.open(location, options);
}

const sqlite: Backend = {
  name: 'SQLite',
  label: 'SQLite',
  skip: undefined,
  location: () => Promise.resolve(join(tmpDir(), 'workspace.db')),
  query(location, sql) {
    const db = new Database(location, { readonly: true });
    try {
      return Promise.resolve(db.prepare(sql).all() as Record<string, unknown>[]);
    } finally {
      db.close();
    }
  },
};

let cluster: Promise<Cluster> | undefined;

const postgres: Backend = {
  name: 'PostgreSQL',
  label: NO_POSTGRES ? `PostgreSQL, skipped: ${NO_POSTGRES}` : 'PostgreSQL',
  skip: NO_POSTGRES,
  async location() {
    if (!cluster) throw new Error('call useBackend(backend) in the describe block first');
    return (await cluster).createDatabase();
  },
  async query(location, sql) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];

/** Starts the file's PostgreSQL cluster for a describe block of that backend, and stops it after. */
export function useBackend(backend: Backend): void {
  if (backend !== postgres || backend.skip) return;
  beforeAll(async () => {
    cluster ??= startCluster();
    await cluster;
  }, 60_000);
  afterAll(async () => {
    const started = cluster;
    cluster = undefined;
    (await started)?.stop();
  });
}

/** `it` for a backend's tests: skipped (the reason is in the describe title) where it cannot run. */
export function itOn(backend: Backend) {
  return it.skipIf(backend.skip !== undefined);
}
