// Runs the CLI's command tree in this process, as `roster` would from a shell in `cwd`: the same
// parsing, planning, applying, delivering and rendering, without spawning Node for each command.
// For tests that run thousands of commands (property tests); CLI behaviour tests spawn the build.
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
    env: { ...options.env },
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}
