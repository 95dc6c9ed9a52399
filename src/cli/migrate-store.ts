// `roster migrate-store`: moves a SQLite workspace into an empty PostgreSQL one, then checks that
// every row (members, grants, key hashes, audit records, all of it) arrived unchanged. The file is
// only read; nothing is written to PostgreSQL unless all of it is.
import { resolve } from 'node:path';
import { AppError } from '../app/errors.js';
import { openDatabaseReadOnly } from '../store/database.js';
import { CopyError, copyWorkspace } from '../store/postgres/copy-workspace.js';
import { describeUrl, openPostgres } from '../store/postgres/open.js';
import type { Io } from './io.js';

export interface MigrateStoreOptions {
  from: string;
  to?: string;
}

export function runMigrateStore(io: Io, options: MigrateStoreOptions): number {
  const to = options.to ?? io.env.ROSTER_DATABASE_URL;
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    throw new AppError('bad-flag', '--to needs a postgres:// URL (or set ROSTER_DATABASE_URL)');
  }
  const path = resolve(io.cwd, options.from);
  const from = openDatabaseReadOnly(path);
  if (!from) throw new AppError('not-found', `${path} does not exist: --from names the workspace's SQLite file`);
  try {
    const target = openPostgres(to, { strict: true });
    try {
      const { rows } = copyWorkspace(from, target);
      const counted = Object.entries(rows).map(([table, count]) => `${table} ${count}`);
      io.out(`copied ${path} into ${describeUrl(to)} and checked every row: ${counted.join(', ')}\n`);
    } finally {
      target.close();
    }
  } catch (error) {
    if (error instanceof CopyError) throw new AppError('copy-failed', `${error.message}; nothing was copied`);
    throw error;
  } finally {
    from.close();
  }
  return 0;
}
