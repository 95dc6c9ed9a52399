// `roster serve`: the reference workspace server on a SQLite file.
import { chmodSync, closeSync, existsSync, fchmodSync, openSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { normalizeEmail } from '../model/state.js';
import { createWorkspaceServer } from '../server/server.js';
import { gracefulStop } from '../server/shutdown.js';
import { WorkspaceStore } from '../store/store.js';
import { AppError } from '../app/errors.js';
import type { Io } from './io.js';

export interface ServeOptions {
  db: string;
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

  const dbPath = resolve(io.cwd, options.db);
  // A server on an empty workspace would have no key anyone could call it with.
  const noWayIn = new AppError(
    'no-owner',
    `${dbPath} holds no workspace yet, so no key could call this server; add --bootstrap-owner EMAIL to create its first owner and their key`,
  );
  if (!options.bootstrapOwner && !existsSync(dbPath)) throw noWayIn;
  const store = WorkspaceStore.open(dbPath);
  if (!options.bootstrapOwner && store.isEmpty()) {
    store.close();
    throw noWayIn;
  }
  if (options.bootstrapOwner) {
    const secret = store.bootstrapOwner(normalizeEmail(options.bootstrapOwner));
    if (secret) {
      const keyFile = join(dirname(dbPath), 'bootstrap-owner.key');
      writeFileSync(keyFile, `${secret}\n`, { mode: 0o600 });
      chmodSync(keyFile, 0o600);
      io.err(
        `created owner ${options.bootstrapOwner}; their personal key is in ${keyFile} (mode 0600, shown nowhere else)\n`,
      );
    } else {
      io.err(
        'the workspace already has members; --bootstrap-owner was ignored (--owner-key-for EMAIL issues a key to one of its owners or admins)\n',
      );
    }
  }
  if (options.ownerKeyFor) issueOwnerKey(io, store, dbPath, options.ownerKeyFor);

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
  io.out(`roster serve: listening on http://${options.host}:${actualPort} (workspace ${dbPath})\n`);

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
 * A workspace built with `roster apply` on a local file has members but no key anyone holds: the
 * operator, who can write the file, issues a new personal key to one of its owners or admins. The
 * secret goes to a new 0600 file beside the workspace, never to the output. The key is not in the
 * config, so roster leaves it alone (as any key made outside the config, per policy.unmanaged).
 */
function issueOwnerKey(io: Io, store: WorkspaceStore, dbPath: string, given: string): void {
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
  const keyFile = join(dirname(dbPath), `${name}.key`);
  // The file is made (new, private) before the key: a key is never issued with nowhere to put it.
  let file: number;
  try {
    file = openSync(keyFile, 'wx', 0o600);
  } catch (error) {
    store.close();
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new AppError(
      'file-exists',
      `${keyFile} already exists; roster never overwrites a key file: wait a second and run it again`,
    );
  }
  try {
    fchmodSync(file, 0o600);
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
