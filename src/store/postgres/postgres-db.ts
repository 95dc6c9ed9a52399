// The store's Db (src/store/database.ts) on PostgreSQL. The store's SQL is written once, for
// SQLite; the few places where the dialects differ are rewritten here (see `dialect`).
//
// Transactions: SQLite has one writer at a time per file, and the store relies on it (a batch reads
// the version, checks every rule, writes, bumps the version). Here every writing transaction
// (`immediate()`) takes one transaction-scoped advisory lock, so writers from every instance on the
// database queue as they do on one SQLite file, and every other transaction takes the same lock
// shared, so no batch commits while it runs: a snapshot's statements all see one version, as in
// SQLite's read transaction. The audit group commit is one of those (it adds records and last
// use, never changes the state), so instances write their decisions side by side. Writers are
// few (applies, invitations); single-row reads (the authorize path) take no lock at all.
import type { Db, Statement, Transaction } from '../database.js';
import { BlockingConnection, type ConnectionOptions } from './blocking-connection.js';
import type { VersionWatch } from './version-watch.js';

/** The advisory lock every writer takes (any fixed number: "roster" in ASCII). */
export const WRITE_LOCK = 0x726f73746572;

const STATE_VERSION_SQL = `SELECT value FROM meta WHERE key = 'state_version'`;

export class PostgresDb implements Db {
  readonly connection: BlockingConnection;
  private readonly statements = new Map<string, Statement>();
  private depth = 0;

  constructor(
    options: ConnectionOptions,
    /** Keeps the state version while nothing changed it (LISTEN/NOTIFY); absent: always read. */
    private readonly watch?: VersionWatch,
  ) {
    this.connection = new BlockingConnection(options);
  }

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      const text = dialect(sql);
      const run = (params: unknown[]) => this.connection.query(text, params);
      const version = sql === STATE_VERSION_SQL ? this.versionRow(run) : undefined;
      statement = {
        get: (...params) => version?.() ?? run(params).rows[0],
        all: (...params) => run(params).rows,
        run: (...params) => ({ changes: run(params).rowCount }),
      };
      this.statements.set(sql, statement);
    }
    return statement;
  }

  exec(sql: string): void {
    this.connection.query(sql);
  }

  transaction<T>(fn: () => T): Transaction<T> {
    const begin = (mode: 'shared' | 'exclusive'): T => {
      if (this.depth > 0) return this.nested(fn);
      const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
      this.connection.query(`BEGIN; SELECT ${lock}(${WRITE_LOCK})`);
      this.depth = 1;
      try {
        const result = fn();
        this.connection.query('COMMIT');
        return result;
      } catch (error) {
        this.rollback('ROLLBACK');
        throw error;
      } finally {
        this.depth = 0;
        if (mode === 'exclusive') this.watch?.changed();
      }
    };
    return Object.assign(() => begin('shared'), { immediate: () => begin('exclusive') });
  }

  close(): void {
    this.watch?.close();
    this.connection.close();
  }

  /** A transaction inside one: a savepoint, as better-sqlite3 does. */
  private nested<T>(fn: () => T): T {
    const name = `s${this.depth}`;
    this.connection.query(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = fn();
      this.connection.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      this.rollback(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    } finally {
      this.depth--;
    }
  }

  /** Rolls back; a connection too broken to do so is already rolled back by the server. */
  private rollback(sql: string): void {
    try {
      this.connection.query(sql);
    } catch {
      // the error that made us roll back is the one the caller needs
    }
  }

  /**
   * The state version outside a transaction (the authorize path's check, once per decision) comes
   * from the watch while it is sure of it; inside one (a batch's stale check) it is always read.
   */
  private versionRow(run: (params: unknown[]) => { rows: Record<string, unknown>[] }) {
    const watch = this.watch;
    if (!watch) return undefined;
    return () => {
      if (this.depth > 0) return undefined;
      const known = watch.current();
      if (known !== undefined) return { value: String(known) };
      const row = run([]).rows[0] as { value: string };
      watch.read(Number(row.value));
      return row;
    };
  }
}

/**
 * The store's SQLite SQL in PostgreSQL's dialect: `?` parameters become `$1, $2, ...`; SQLite's
 * two-argument max() is GREATEST; camelCase column aliases are quoted, since PostgreSQL folds
 * unquoted names to lower case; an upsert's update names the table's own columns by the table
 * (SQLite reads a bare name there as the existing row's, PostgreSQL calls it ambiguous). Text
 * inside quotes is left alone.
 */
export function dialect(sql: string): string {
  let n = 0;
  return qualifyUpsert(sql)
    .split(/('(?:[^']|'')*')/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\?/g, () => `$${++n}`)
            .replace(/\bmax\(([^(),]+),([^(),]+)\)/gi, 'GREATEST($1,$2)')
            .replace(/(?<!["\w])([a-z]+(?:[A-Z][a-z0-9]*)+)\b/g, '"$1"'),
    )
    .join('');
}

/** In `INSERT INTO t ... DO UPDATE SET a = f(a, excluded.a)`, a bare column read is t's: `t.a`. */
function qualifyUpsert(sql: string): string {
  const table = /^\s*INSERT INTO (\w+)/i.exec(sql)?.[1];
  const at = sql.search(/DO UPDATE SET/i);
  if (!table || at < 0) return sql;
  const set = sql
    .slice(at)
    .replace(
      /([=(,]\s*)([a-z_]+)\b(?!\s*[.(=])/g,
      (_all, before: string, column: string) => `${before}${table}.${column}`,
    );
  return sql.slice(0, at) + set;
}
