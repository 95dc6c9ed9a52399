// `roster serve` in a child process for the benchmark, as a user would run it: a fresh SQLite
// file, a bootstrap owner whose key is read from the 0600 file, and the request log counted.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const CLI = join(import.meta.dirname, '../cli/main.js');

export interface BenchServer {
  url: string;
  /** The server's process id (the authorize benchmark reads its CPU time). */
  pid: number;
  token: string;
  /** One entry per API request the server logged. */
  requests: string[];
  /** The request count once the server has logged everything it answered so far. */
  settledRequests(): Promise<number>;
  stop(): Promise<void>;
}

/** `quiet` drops the request log (a line per request costs at thousands of requests a second). */
export async function startBenchServer(
  dir: string,
  owner: string,
  options: { quiet?: boolean; nodeArgs?: string[]; database?: string } = {},
): Promise<BenchServer> {
  mkdirSync(dir, { recursive: true });
  // On PostgreSQL the key goes to the same file by flag (an instance started on a workspace that
  // has its owner already leaves it as it is).
  const db = options.database ?? join(dir, 'workspace.db');
  const keyFile = options.database ? ['--owner-key-file', join(dir, 'bootstrap-owner.key')] : [];
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      CLI,
      'serve',
      '--db',
      db,
      '--port',
      '0',
      '--bootstrap-owner',
      owner,
      ...keyFile,
      '--rate-limit',
      '100000',
      ...(options.quiet ? ['--quiet'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const requests: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (/^(GET|POST) /.test(line)) requests.push(line);
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`roster serve exited with ${code} before listening`)));
  });
  const token = readFileSync(join(dir, 'bootstrap-owner.key'), 'utf8').trim();
  return {
    url,
    pid: child.pid!,
    token,
    requests,
    // The log line is written as the response finishes; give the pipe a moment to deliver it.
    settledRequests: () => new Promise((resolve) => setTimeout(() => resolve(requests.length), 100)),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
