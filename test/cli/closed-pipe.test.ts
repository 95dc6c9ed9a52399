// `roster audit | head -1`, `roster plan | grpe x`: the reader of standard output leaves early. The
// command ends quietly, with the status a shell gives any writer whose reader left (141), and no stack trace.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const CONFIG = rootConfig(`provider: { type: local, path: state.db }
members:
  - { email: owner@x.io, role: owner }
  - { email: m@x.io, role: member }
`);

/** Runs the CLI with its standard output's reader already gone. */
function withReaderGone(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd } });
    child.stdout.destroy(); // closes this end of the pipe before the CLI has started writing
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end();
  });
}

describe('a closed standard output', () => {
  const dir = tmpDir({ 'roster.yaml': CONFIG });
  roster(['apply', '--yes'], { cwd: dir });

  for (const args of [['audit'], ['plan'], ['who', 'm@x.io'], ['completion', 'bash'], ['--help']]) {
    it(`ends roster ${args.join(' ')} quietly, with status 141`, async () => {
      const run = await withReaderGone(args, dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(141);
    });
  }

  it('keeps the status a command gives for what it found (plan --detailed-exitcode: 2, changes)', async () => {
    const run = await withReaderGone(['plan', '--detailed-exitcode'], tmpDir({ 'roster.yaml': CONFIG }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
  });
});
