// Runs the GitHub Action's bundle as the runner does: `node index.js` with INPUT_* variables, an
// event payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, in a clean environment (a
// test run inside GitHub Actions must not leak its own GITHUB_* variables into the action).
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_BUNDLE } from '../global-setup.js';
import { tmpDir } from './tmp.js';

/** The bundle test/global-setup.ts built, inside the repository (node_modules resolves from it). */
export const BUNDLE_IN_REPO = fileURLToPath(new URL(`../../${ACTION_BUNDLE}/`, import.meta.url));

/** A copy of the bundle with no node_modules anywhere above it, as on a runner: only what it inlined loads. */
export function bundleAlone(): string {
  const dir = tmpDir();
  cpSync(BUNDLE_IN_REPO, dir, { recursive: true });
  return dir;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Asynchronous, so that a workspace server in this process can answer the action meanwhile. */
export async function runAction(options: {
  workspace: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  event?: { name: string; payload: unknown };
  bundle?: string;
}): Promise<ActionRun> {
  const runner = tmpDir();
  const files = {
    output: join(runner, 'output'),
    summary: join(runner, 'summary'),
    event: join(runner, 'event.json'),
  };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(options.event?.payload ?? {}));
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  const child = spawn(process.execPath, [join(options.bundle ?? BUNDLE_IN_REPO, 'index.js')], {
    cwd: options.workspace,
    env: {
      PATH: process.env.PATH,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.event?.name ?? 'workflow_dispatch',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: 'acme/access',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/pull/1/merge',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_API_URL: 'http://127.0.0.1:9',
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runner,
      ...inputs,
      ...options.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  };
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter`, the value's lines, `delimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

export interface RunnerCommand {
  name: string;
  /** `key=value` properties, as written. */
  properties: string;
  data: string;
}

/**
 * The workflow commands the runner would obey in a step's output: each line that starts with `::`
 * once leading blanks are trimmed (or `##[`, the older form), except between `::stop-commands::T`
 * and the line `::T::`, where it obeys none. As GitHub documents them ("Workflow commands for
 * GitHub Actions": stopping and starting workflow commands).
 */
export function runnerCommands(stdout: string): RunnerCommand[] {
  const obeyed: RunnerCommand[] = [];
  let stopToken: string | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (stopToken !== undefined) {
      if (line.trimEnd() === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const command = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/.exec(line) ?? /^##\[([^\s\]]+)(?: ([^\]]*))?\](.*)$/.exec(line);
    if (!command) continue;
    const [, name = '', properties = '', data = ''] = command;
    if (name === 'stop-commands') stopToken = data;
    obeyed.push({ name, properties, data });
  }
  return obeyed;
}
