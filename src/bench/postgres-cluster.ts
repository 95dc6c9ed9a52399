// A throwaway PostgreSQL cluster, for the benchmark and the tests (test/helpers/postgres.ts):
// initdb in a temp dir, listening on a free loopback port with its socket in that dir, stopped
// and removed after. As root, PostgreSQL refuses to run: the cluster then belongs to the
// unprivileged user nobody. The binaries are found in PATH or in Debian's
// /usr/lib/postgresql/<version>/bin (.ci/run installs them where they are missing); without them
// what needs a cluster is skipped, saying why (NO_POSTGRES).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

function findBin(): string | undefined {
  const inPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  const candidates = [
    ...(inPath ? [join(inPath, '..')] : []),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : []),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

const BIN = findBin();

/** Why PostgreSQL tests are skipped here, or undefined when they run. */
export const NO_POSTGRES = BIN
  ? undefined
  : 'no PostgreSQL server binaries (initdb, pg_ctl) in PATH or /usr/lib/postgresql/*/bin';

export interface Cluster {
  /**
   * A new, empty workspace on the cluster; its URL. Each is a schema of its own in one database
   * (the URL sets search_path): far cheaper than a database each, and just as separate.
   */
  createDatabase(): Promise<string>;
  /** Stops the server (connections drop) and starts it again on the same port and data. */
  pause(): void;
  resume(): void;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  if (!BIN) throw new Error(NO_POSTGRES);
  const dir = mkdtempSync(join(tmpdir(), 'roster-pg-'));
  const asRoot = process.getuid?.() === 0;
  // nobody's uid and gid, for chown and setpriv
  const ids = asRoot
    ? { uid: Number(execFileSync('id', ['-u', 'nobody'])), gid: Number(execFileSync('id', ['-g', 'nobody'])) }
    : undefined;
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const run = (command: string, args: string[]) =>
    execFileSync(
      ids ? 'setpriv' : join(BIN, command),
      ids ? [`--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups', join(BIN, command), ...args] : args,
      { stdio: 'pipe', cwd: dir },
    );
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'roster', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', 'start']);
  start();
  const base = `postgres://roster@127.0.0.1:${port}/postgres`;
  return {
    async createDatabase() {
      const name = `w_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA ${name}`);
      } finally {
        await admin.end();
      }
      return `${base}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
    },
    pause() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    resume: start,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
