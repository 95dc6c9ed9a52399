// Moving a workspace from a SQLite file into PostgreSQL: every table, row for row, in one
// transaction on an empty PostgreSQL workspace, then read back from both sides and compared.
// Both schemas come from the same migrations (./migrations.ts), so the columns are the same.
import type { Db } from '../database.js';

/** In an order that respects the foreign keys; all the workspace holds. */
const TABLES = [
  { name: 'meta', key: 'key' },
  { name: 'members', key: 'email' },
  { name: 'integrations', key: 'id' },
  { name: 'tools', key: 'integration, name' },
  { name: 'grants', key: 'email, integration' },
  { name: 'pipes', key: 'id' },
  { name: 'pipe_members', key: 'pipe, email' },
  { name: 'keys', key: 'id' },
  { name: 'audit', key: 'id' },
  { name: 'grant_use', key: 'email, integration' },
  { name: 'idempotency', key: 'lookup' },
] as const;

const ROWS_PER_INSERT = 200;

export interface CopyReport {
  /** Rows copied and found identical on both sides, by table. */
  rows: Record<string, number>;
}

export class CopyError extends Error {}

type Row = Record<string, unknown>;

export function copyWorkspace(from: Db, to: Db): CopyReport {
  return to
    .transaction(() => {
      if (to.prepare('SELECT 1 FROM members LIMIT 1').get() || to.prepare('SELECT 1 FROM audit LIMIT 1').get()) {
        throw new CopyError('the PostgreSQL workspace is not empty: roster copies only into an empty one');
      }
      // The new workspace's own first rows (its meta) give way to the copied ones.
      to.prepare('DELETE FROM meta').run();
      for (const table of TABLES) {
        const rows = from.prepare(`SELECT * FROM ${table.name} ORDER BY ${table.key}`).all() as Row[];
        for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
          insertRows(to, table.name, rows.slice(start, start + ROWS_PER_INSERT));
        }
      }
      // Audit ids were copied as they were: new records continue after the last one.
      to.prepare(
        `SELECT setval(pg_get_serial_sequence('audit', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM audit), false)`,
      ).get();
      // Checked before the commit: a difference rolls the whole copy back.
      return { rows: compareAll(from, to) };
    })
    .immediate();
}

function insertRows(to: Db, table: string, rows: Row[]): void {
  const columns = Object.keys(rows[0] ?? {});
  if (columns.length === 0) return;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  to.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`).run(
    ...rows.flatMap((row) => columns.map((column) => row[column])),
  );
}

/** Every table read back from both sides, row for row; a difference is an error naming it. */
function compareAll(from: Db, to: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const sql = `SELECT * FROM ${table.name} ORDER BY ${table.key}`;
    const [before, after] = [from, to].map((db) => (db.prepare(sql).all() as Row[]).map(canonical));
    const differs = before!.findIndex((row, index) => row !== after![index]);
    if (before!.length !== after!.length || differs >= 0) {
      throw new CopyError(
        `${table.name} differs after the copy (${before!.length} rows in the file, ${after!.length} in PostgreSQL${differs >= 0 ? `, first at row ${differs + 1}` : ''})`,
      );
    }
    counts[table.name] = before!.length;
  }
  return counts;
}

/** A row as text, whatever the driver handed back (bytes as hex, numbers as numbers). */
function canonical(row: Row): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((column) => {
        const value = row[column];
        return [column, Buffer.isBuffer(value) ? value.toString('hex') : value];
      }),
  );
}
