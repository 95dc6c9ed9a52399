import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../dist/cli/main.js');

interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  input?: string;
  /**
   * Run without root's power to read and write past file modes (CAP_DAC_OVERRIDE and
   * CAP_DAC_READ_SEARCH), so that a file closed by its mode is closed to roster as it is to a user.
   * The process stays root, so it still reaches the checkout wherever it lives; only root may ask.
   */
  boundByModes?: boolean;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const environment = (options: RunOptions) => ({ PATH: process.env.PATH, HOME: options.cwd, ...options.env });
/** setpriv (util-linux) drops the two capabilities from the bounding set before node starts. */
const DROP_FILE_POWERS = ['--bounding-set', '-dac_override,-dac_read_search', '--'];

const isRoot = process.getuid?.() === 0;

/** The program and arguments that run the CLI: node, behind setpriv when root is bound by modes. */
function command(args: string[], options: RunOptions): [string, string[]] {
  const node: [string, string[]] = [process.execPath, [CLI, ...args]];
  return options.boundByModes && isRoot ? ['setpriv', [...DROP_FILE_POWERS, node[0], ...node[1]]] : node;
}

/**
 * Whether a run bound by file modes works here, or why not: only root needs it (anyone else is
 * bound already), and it needs setpriv and a kernel that lets this process drop capabilities.
 */
export function bindingByModes(): { works: true } | { works: false; why: string } {
  if (!isRoot) return { works: true };
  const trial = spawnSync('setpriv', [...DROP_FILE_POWERS, process.execPath, '-e', ''], { encoding: 'utf8' });
  if (trial.error) return { works: false, why: `setpriv cannot run (${trial.error.message})` };
  if (trial.status !== 0) return { works: false, why: `setpriv cannot drop capabilities: ${trial.stderr.trim()}` };
  return { works: true };
}

/** Runs the built CLI as a user would, in `cwd`, with only the given extra environment. */
export function roster(args: string[], options: RunOptions): RunResult {
  const [program, argv] = command(args, options);
  const run = spawnSync(program, argv, {
    cwd: options.cwd,
    env: environment(options),
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
    const [program, argv] = command(args, options);
    const child = spawn(program, argv, { cwd: options.cwd, env: environment(options) });
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
