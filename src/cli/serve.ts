// `roster serve`: the reference workspace server, on a SQLite file or on PostgreSQL (several
// instances may share one PostgreSQL database).
import { closeSync, existsSync, fchmodSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { normalizeEmail } from '../model/state.js';
import { createWorkspaceServer } from '../server/server.js';
import { gracefulStop } from '../server/shutdown.js';
import { describeUrl, openPostgresStore } from '../store/postgres/open.js';
import { WorkspaceStore } from '../store/store.js';
import { AppError } from '../app/errors.js';
import type { Io } from './io.js';

export interface ServeOptions {
  /** A SQLite file, or a postgres:// URL; default ROSTER_DATABASE_URL, else .roster/state.db. */
  db?: string;
  dbPoolSize: string;
  strictConsistency?: boolean;
  /** Where a new owner key goes (needed with a database URL: there is no "beside the database"). */
  ownerKeyFile?: string;
  host: string;
  port: string;
  bootstrapOwner?: string;
  ownerKeyFor?: string;
  rateLimit: string;
  quiet?: boolean;
}

export async function runServe(io: Io, options: ServeOptions): Promise<number> {
  const port = Number(options.port);
  const perSecond = Number(options.rateLimit);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AppError('bad-flag', `--port ${options.port} is not a port number (0 picks a free one)`);
  if (!(perSecond > 0))
    throw new AppError(
      'bad-flag',
      `--rate-limit ${options.rateLimit} must be a positive number of requests per second`,
    );

  const poolSize = Number(options.dbPoolSize);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 100)
    throw new AppError('bad-flag', `--db-pool-size ${options.dbPoolSize} must be a whole number from 1 to 100`);
  const db = options.db ?? io.env.ROSTER_DATABASE_URL ?? '.roster/state.db';
  const url = /^postgres(ql)?:\/\//.test(db) ? db : undefined;
  const where = url ? describeUrl(url) : resolve(io.cwd, db);
  const ownerKeyFile = options.ownerKeyFile && resolve(io.cwd, options.ownerKeyFile);
  if (url && (options.bootstrapOwner || options.ownerKeyFor) && !ownerKeyFile) {
    throw new AppError(
      'bad-flag',
      `with a database URL there is no folder beside the workspace for the new key: add --owner-key-file PATH`,
    );
  }
  // A server on an empty workspace would have no key anyone could call it with.
  const noWayIn = new AppError(
    'no-owner',
    `${where} holds no workspace yet, so no key could call this server; add --bootstrap-owner EMAIL to create its first owner and their key`,
  );
  if (!url && !options.bootstrapOwner && !existsSync(where)) throw noWayIn;
  const store = url
    ? openPostgresStore(url, { poolSize, ...(options.strictConsistency ? { strict: true } : {}) })
    : WorkspaceStore.open(where);
  if (!options.bootstrapOwner && store.isEmpty()) {
    store.close();
    throw noWayIn;
  }
  // A new key's file: the one named, else one beside the SQLite file.
  const keyFileFor = (name: string) => ownerKeyFile ?? join(dirname(where), `${name}.key`);
  if (options.bootstrapOwner) bootstrap(io, store, options.bootstrapOwner, keyFileFor('bootstrap-owner'));
  if (options.ownerKeyFor) issueOwnerKey(io, store, where, options.ownerKeyFor, keyFileFor);

  const server = createWorkspaceServer(store, {
    rateLimit: { perSecond, burst: perSecond * 4 },
    ...(options.quiet ? {} : { log: (line: string) => io.err(`${line}\n`) }),
  });
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(new AppError('listen-failed', `cannot listen on ${options.host}:${port}: ${error.code ?? error.message}`)),
    );
    server.listen(port, options.host, done);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  io.out(`roster serve: listening on http://${options.host}:${actualPort} (workspace ${where})\n`);

  const stopServer = gracefulStop(server);
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      io.err(`${signal}: finishing open requests, then closing the workspace\n`);
      void stopServer().then(() => {
        store.close();
        done();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

/**
 * On an empty workspace, the first owner and their key. The key's file is made (new, 0600) before
 * the owner, and never overwritten: bootstrap-owner.key beside a SQLite file, or the path
 * --owner-key-file names (needed with a database URL).
 */
function bootstrap(io: Io, store: WorkspaceStore, given: string, keyFile: string): void {
  const ignored =
    'the workspace already has members; --bootstrap-owner was ignored (--owner-key-for EMAIL issues a key to one of its owners or admins)\n';
  if (!store.isEmpty()) return io.err(ignored);
  const file = createKeyFile(store, keyFile);
  let secret: string | undefined;
  try {
    secret = store.bootstrapOwner(normalizeEmail(given));
  } finally {
    if (secret) writeSync(file, `${secret}\n`);
    closeSync(file);
    if (!secret) unlinkSync(keyFile);
  }
  // Another instance bootstrapped the same database a moment earlier.
  if (!secret) return io.err(ignored);
  io.err(`created owner ${given}; their personal key is in ${keyFile} (mode 0600, shown nowhere else)\n`);
}

/** A new private file for a key; refuses (closing the store) if the path is taken. */
function createKeyFile(store: WorkspaceStore, keyFile: string): number {
  try {
    const file = openSync(keyFile, 'wx', 0o600);
    fchmodSync(file, 0o600);
    return file;
  } catch (error) {
    store.close();
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new AppError(
      'file-exists',
      `${keyFile} already exists; roster never overwrites a key file: name another path, or move that one away`,
    );
  }
}

/**
 * A workspace built with `roster apply` on a local file has members but no key anyone holds: the
 * operator, who can write the file, issues a new personal key to one of its owners or admins. The
 * secret goes to a new 0600 file beside the workspace, never to the output. The key is not in the
 * config, so roster leaves it alone (as any key made outside the config, per policy.unmanaged).
 */
function issueOwnerKey(
  io: Io,
  store: WorkspaceStore,
  dbPath: string,
  given: string,
  keyFileFor: (name: string) => string,
): void {
  const email = normalizeEmail(given);
  const member = store.snapshot().state.members.find((m) => m.email === email);
  if (!member || (member.role !== 'owner' && member.role !== 'admin')) {
    store.close();
    throw new AppError(
      'not-an-owner',
      `${given} is not an owner or admin of ${dbPath}: --owner-key-for issues keys only to them (add them in the config and apply first)`,
    );
  }
  const name = `local-${member.role}-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const keyFile = keyFileFor(name);
  // The file is made (new, private) before the key: a key is never issued with nowhere to put it.
  const file = createKeyFile(store, keyFile);
  try {
    const { secrets } = store.apply(
      [{ kind: 'key.create', name, type: 'personal', owner: email, scope: [], users: [] }],
      { actor: { name: 'local operator', role: 'owner' }, context: { source: 'roster serve --owner-key-for' } },
    );
    writeSync(file, `${secrets[name]}\n`);
  } catch (error) {
    // No key was issued (or none is written down): leave no empty key file behind.
    closeSync(file);
    unlinkSync(keyFile);
    store.close();
    throw error;
  }
  closeSync(file);
  io.err(`issued ${email} the personal key ${name}; its secret is in ${keyFile} (mode 0600, shown nowhere else)\n`);
}
