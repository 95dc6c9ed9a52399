// Opens the SQLite file: for writing (created if missing, schema brought up to date) or for
// reading only (never created, never migrated, no file added beside it), so that plan, validate
// and export on a config from a pull request change nothing on disk whatever provider.path names.
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseOpenError } from './errors.js';
import { MIGRATIONS } from './migrations.js';

/**
 * What the store asks of a database: better-sqlite3's synchronous statements and transactions.
 * SQLite is better-sqlite3 itself; PostgreSQL is an adapter with the same shape
 * (src/store/postgres/postgres-db.ts), so every rule of the store runs unchanged on both.
 */
export interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}

/** A transaction: called, it begins as a reader; `immediate()` takes the write lock first. */
export type Transaction<T> = (() => T) & { immediate(): T };

export interface Db {
  prepare(sql: string): Statement;
  transaction<T>(fn: () => T): Transaction<T>;
  exec(sql: string): unknown;
  close(): unknown;
}

type SqliteDb = Database.Database;

export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    createPrivately(path);
    checkRegularFile(path);
    // SQLite would open an unwritable file read-only and fail later, with no path in its message;
    // WAL also writes beside the file, in its folder.
    accessSync(path, constants.R_OK | constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
  }
  const db = reusingStatements(new Database(path));
  try {
    refuseForeign(db, path);
    // WAL + full sync: a crash at any moment leaves the last committed batch, never half of one.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    const code = (error as { code?: unknown }).code;
    throw code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? notAWorkspace(path, error) : error;
  }
  return db;
}

/**
 * better-sqlite3 compiles the SQL on every prepare(), and the store prepares each statement where it
 * runs it: the first apply of a 10,000-member workspace compiled about half a million statements,
 * most of its time. The same SQL text now gets its compiled statement back. The store never
 * switches a statement's mode (pluck, raw, expand), and its SQL texts are a fixed set.
 */
function reusingStatements(db: SqliteDb): SqliteDb {
  const prepare = db.prepare.bind(db);
  const compiled = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) {
      statement = prepare(sql);
      compiled.set(sql, statement);
    }
    return statement;
  }) as SqliteDb['prepare'];
  return db;
}

/**
 * Opens an existing workspace file for reading; undefined when there is none. A file whose schema
 * is older than this roster is refused rather than migrated: migrating is writing.
 */
export function openDatabaseReadOnly(path: string): Db | undefined {
  if (!existsSync(path)) return undefined;
  checkRegularFile(path);
  accessSync(path, constants.R_OK);
  let db: SqliteDb;
  let version: number;
  try {
    db = reusingStatements(openForReading(path));
    db.pragma('busy_timeout = 5000');
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw notAWorkspace(path, error);
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
 * SQLite opening a WAL-mode file, even read-only, creates its -wal and -shm files beside it and
 * leaves them there, and a reader writes its read lock into an existing -shm: a plan would change
 * the folder it only read. So the workspace is copied into a private temporary folder and opened
 * there, touching nothing beside it: the main file, and its -wal when that holds commits (a server
 * has the file open, or stopped without closing it), checkpointed into the copy. Copying is done by
 * the kernel, and SQLite then reads only the pages a query needs: reading the file into memory
 * instead cost a 10,000-member workspace (47 MB, most of it audit log) about 0.3 s and twice its
 * size in memory, growing with the audit log. A writer that moved either file while it was copied
 * makes the copy start again; after three such tries SQLite opens the file read-only in place,
 * with its locks. Closing the database removes the folder.
 */
function openForReading(path: string): SqliteDb {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const before = onDisk(path);
    const folder = mkdtempSync(join(tmpdir(), 'roster-read-'));
    const remove = () => rmSync(folder, { recursive: true, force: true });
    try {
      const copy = join(folder, 'state.db');
      copyFileSync(path, copy);
      if (before.walHoldsCommits) checkpointInto(copy, `${path}-wal`);
      if (onDisk(path).fingerprint !== before.fingerprint) {
        remove();
        continue;
      }
      return removedOnClose(new Database(copy, { readonly: true, fileMustExist: true }), remove);
    } catch (error) {
      remove();
      throw error;
    }
  }
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** Copies the -wal beside the copy and lets SQLite take its whole, checksummed commits into it. */
function checkpointInto(copy: string, wal: string): void {
  copyFileSync(wal, `${copy}-wal`);
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The copy holds every key's hash: its folder goes when the database closes, or the process exits. */
function removedOnClose(db: SqliteDb, remove: () => void): SqliteDb {
  process.once('exit', remove);
  const close = db.close.bind(db);
  db.close = () => {
    try {
      return close();
    } finally {
      process.off('exit', remove);
      remove();
    }
  };
  return db;
}

/** Whether the file's -wal holds anything, and a fingerprint of both files that any write moves. */
function onDisk(path: string): { walHoldsCommits: boolean; fingerprint: string } {
  const stamp = (file: string) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat ? { size: stat.size, text: `${stat.size}@${stat.mtimeMs}` } : { size: 0, text: 'none' };
  };
  const [main, wal] = [stamp(path), stamp(`${path}-wal`)];
  return { walHoldsCommits: wal.size > 0, fingerprint: `${main.text} ${wal.text}` };
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

/** Opening a folder, a FIFO or a device would fail obscurely, block or read forever. */
function checkRegularFile(path: string): void {
  const stat = statSync(path);
  if (stat.isFile()) return;
  throw new DatabaseOpenError(
    'not-a-workspace',
    `${path} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}, not a roster workspace file`,
  );
}

function notAWorkspace(path: string, error: unknown): DatabaseOpenError {
  return new DatabaseOpenError(
    'not-a-workspace',
    `${path} is not a roster workspace file (${(error as Error).message})`,
  );
}

/** Another program's SQLite database is not migrated into a workspace: that would write into it. */
function refuseForeign(db: SqliteDb, path: string): void {
  if ((db.pragma('user_version', { simple: true }) as number) !== 0) return;
  if (db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get() === undefined) return;
  throw new DatabaseOpenError('not-a-workspace', `${path} is an SQLite database, but not a roster workspace file`);
}

function checkVersion(current: number, path: string): void {
  if (current > MIGRATIONS.length) {
    throw new DatabaseOpenError(
      'workspace-newer',
      `this workspace file (${path}) was written by a newer roster (schema ${current}); upgrade roster to open it`,
    );
  }
}

function migrate(db: SqliteDb): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  checkVersion(current, db.name);
  MIGRATIONS.slice(current).forEach((sql, offset) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + offset + 1}`);
    })();
  });
}
