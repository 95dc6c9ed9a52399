// Opens the SQLite file: for writing (created if missing, schema brought up to date) or for
// reading only (never created, never migrated), so that plan, validate and export on a config from
// a pull request change nothing on disk whatever provider.path names.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/** A workspace file roster cannot read as it is: from a newer roster, an older one, or not roster's. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly code: 'workspace-newer' | 'workspace-outdated' | 'not-a-workspace',
    message: string,
  ) {
    super(message);
  }
}

export function openDatabase(path: string): Db {
  if (path !== ':memory:') createPrivately(path);
  const db = new Database(path);
  // WAL + full sync: a crash at any moment leaves the last committed batch, never half of one.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Opens an existing workspace file for reading; undefined when there is none. A file whose schema
 * is older than this roster is refused rather than migrated: migrating is writing.
 */
export function openDatabaseReadOnly(path: string): Db | undefined {
  if (!existsSync(path)) return undefined;
  // Opening a FIFO or a device would block or read forever.
  if (!statSync(path).isFile()) throw new DatabaseOpenError('not-a-workspace', `${path} is not a regular file`);
  let db: Db;
  let version: number;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw new DatabaseOpenError(
      'not-a-workspace',
      `${path} is not a roster workspace file (${(error as Error).message})`,
    );
  }
  try {
    checkVersion(version, path);
    if (version < MIGRATIONS.length) {
      throw new DatabaseOpenError(
        version === 0 ? 'not-a-workspace' : 'workspace-outdated',
        version === 0
          ? `${path} is not a roster workspace file`
          : `${path} was written by an older roster (schema ${version} of ${MIGRATIONS.length}); run roster apply once to upgrade it, then plan again`,
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * The file holds every key's hash and the whole audit log: only its owner reads it. SQLite gives
 * the WAL and shared-memory files the database file's mode, so they are 0600 too. The mode is set
 * explicitly because the process umask only ever takes permissions away.
 */
function createPrivately(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

function checkVersion(current: number, path: string): void {
  if (current > MIGRATIONS.length) {
    throw new DatabaseOpenError(
      'workspace-newer',
      `this workspace file (${path}) was written by a newer roster (schema ${current}); upgrade roster to open it`,
    );
  }
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  checkVersion(current, db.name);
  MIGRATIONS.slice(current).forEach((sql, offset) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + offset + 1}`);
    })();
  });
}
