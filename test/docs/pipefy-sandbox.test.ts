// docs/pipefy.md's sandbox walkthrough, followed literally: the documented command starts the
// sandbox and prints what the page shows, then the page's roster.yaml and commands run against it
// and print the lines the page shows. The one difference: the sandbox takes any free port (the
// page's 4747 may be taken where tests run), and the page's address is read as the one printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rosterAsync, type RunResult } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '../..');
const PAGE = readFileSync(join(ROOT, 'docs/pipefy.md'), 'utf8');
const WALKTHROUGH = PAGE.slice(PAGE.indexOf('## Try it without an account'));
const SCRIPTS = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
const DOCUMENTED_URL = 'http://127.0.0.1:4747/graphql';

const blocks = (markdown: string) =>
  [...markdown.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1]!, body: match[2]! }));

let sandbox: ChildProcess | undefined;
afterEach(() => sandbox?.kill('SIGTERM'));

/** Starts the sandbox as `npm run pipefy-sandbox` does after its build, on a free port; resolves with what it printed. */
async function startSandbox(): Promise<string> {
  const [build, start] = SCRIPTS['pipefy-sandbox']!.split(' && ');
  expect(build).toBe('npm run build'); // the tests' global setup has built dist/
  // `exec` makes the shell npm starts become node, so a signal to npm's child reaches the sandbox.
  const [exec, program, ...args] = start!.split(' ');
  expect([exec, program]).toEqual(['exec', 'node']);
  sandbox = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, PIPEFY_SANDBOX_PORT: '0' } });
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    sandbox!.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      if (printed.includes('keeps nothing.')) resolve();
    });
    sandbox!.on('exit', (code) => reject(new Error(`the sandbox exited (${code}): ${printed}`)));
  });
  return printed;
}

describe('the Pipefy sandbox walkthrough', () => {
  it('works as docs/pipefy.md says, from the sandbox to the review', async () => {
    const [start, printedBlock, config, commands, output] = blocks(WALKTHROUGH);
    expect(start!.body.trim()).toBe('npm run pipefy-sandbox');
    const printed = await startSandbox();
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(printed)![1]!;
    expect(printed.replaceAll(url, DOCUMENTED_URL).trimEnd()).toBe(printedBlock!.body.trimEnd());

    const dir = tmpDir();
    expect(config!.lang).toBe('yaml');
    writeFileSync(join(dir, 'roster.yaml'), config!.body);
    const env: Record<string, string> = {};
    const runs: RunResult[] = [];
    for (const line of commands!.body.split('\n').filter((text) => text.trim() !== '')) {
      const [program, ...args] = line.split(/\s+/);
      if (program === 'export') {
        for (const pair of args) {
          const [name, value] = pair.split('=') as [string, string];
          env[name] = value === DOCUMENTED_URL ? url : value;
        }
        continue;
      }
      expect(program).toBe('roster');
      const run = await rosterAsync(args, { cwd: dir, env });
      expect(run.code, `${line}\n${run.stderr}`).toBe(0);
      runs.push(run);
    }
    expect(Object.keys(env)).toEqual(['PIPEFY_URL', 'PIPEFY_TOKEN']);
    const lines = new Set(runs.flatMap((run) => run.stdout.split('\n').map((text) => text.trimEnd())));
    for (const line of output!.body.trimEnd().split('\n')) expect(lines).toContain(line);
    // Nothing left to do.
    const again = await rosterAsync(['plan', '--detailed-exitcode'], { cwd: dir, env });
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('No changes.')]);
  });
});
