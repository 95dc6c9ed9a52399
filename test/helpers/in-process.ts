// Runs the CLI's command tree in this process, as `roster` would from a shell in `cwd`: the same
// parsing, planning, applying, delivering and rendering, without spawning Node for each command.
// For tests of what commands do (property tests, a workspace walked from config to config, what a
// bad answer is called); tests of the process itself (exit status, output streams, signals, file
// modes, a terminal) spawn the build.
import { runCli } from '../../src/cli/program.js';
import type { RunResult } from './cli.js';

export async function rosterInProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    isTty: false,
    // As the spawned CLI gets it: HOME is the test's folder, so nothing reaches the real one.
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}
