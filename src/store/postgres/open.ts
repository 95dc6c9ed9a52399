// Opening a workspace held in PostgreSQL: the connection, the schema brought up to date, and the
// watch on the state version (unless every decision is to read it: strict consistency).
import { DatabaseOpenError } from '../errors.js';
import { PostgresError } from './blocking-connection.js';
import { migratePostgres, schemaIsCurrent } from './migrations.js';
import { PostgresDb } from './postgres-db.js';
import { VersionWatch } from './version-watch.js';
import { WorkspaceStore } from '../store.js';

export interface PostgresOptions {
  /** Connections each instance may open for its queries (default 4). */
  poolSize?: number;
  /** Read the state version before every decision instead of waiting to be notified of changes. */
  strict?: boolean;
}

/** A URL's place, for messages: never its password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the PostgreSQL URL given';
  }
}

export function openPostgres(url: string, options: PostgresOptions = {}): PostgresDb {
  const watch = options.strict ? undefined : new VersionWatch(url);
  const db = new PostgresDb({ url, poolSize: options.poolSize ?? 4 }, watch);
  try {
    migratePostgres(db.connection, describeUrl(url));
  } catch (error) {
    db.close();
    if (error instanceof PostgresError) {
      throw new DatabaseOpenError('database-unreachable', `could not open ${describeUrl(url)}: ${error.message}`);
    }
    throw error;
  }
  return db;
}

/** A workspace in PostgreSQL (postgres://...), its schema brought up to date; shared by instances. */
export function openPostgresStore(url: string, options: PostgresOptions & { clock?: () => Date } = {}): WorkspaceStore {
  const db = openPostgres(url, options);
  return WorkspaceStore.over(db, { ...(options.clock ? { clock: options.clock } : {}), ready: () => isReady(db) });
}

/** Readiness: the database answers and its schema is this roster's. */
function isReady(db: PostgresDb): boolean {
  try {
    return schemaIsCurrent(db.connection);
  } catch {
    return false;
  }
}
