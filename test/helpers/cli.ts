import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../dist/cli/main.js');

interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  input?: string;
  /** Run as this user (and group): only root may; for file permissions, which root ignores. */
  uid?: number;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const environment = (options: RunOptions) => ({ PATH: process.env.PATH, HOME: options.cwd, ...options.env });
const identity = (options: RunOptions) => (options.uid === undefined ? {} : { uid: options.uid, gid: options.uid });

/** Runs the built CLI as a user would, in `cwd`, with only the given extra environment. */
export function roster(args: string[], options: RunOptions): RunResult {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: environment(options),
    ...identity(options),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Like `roster`, without blocking this process: needed when the CLI talks to a server running
 * inside the test process, which must keep answering while the CLI waits.
 */
export function rosterAsync(args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: environment(options),
      ...identity(options),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
