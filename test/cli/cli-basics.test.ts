// What a user expects of any CLI: --version, shell completion, colour only when wanted, a saved
// plan as an argument, a plan summary, and a quick start that shows the plan before applying it.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colourWanted } from '../../src/cli/colour.js';
import { CLI, roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '../..');
const COMMANDS = [
  'validate',
  'plan',
  'apply',
  'export',
  'serve',
  'migrate-store',
  'init',
  'who',
  'review',
  'audit',
  'completion',
];
const ESC = '\x1b[';

const CONFIG = rootConfig(`provider: { type: local, path: state.db }
integrations:
  stripe: { tools: { find: read, refund: write } }
members:
  - { email: owner@x.io, role: owner }
  - { email: m@x.io, role: member, integrations: { stripe: no-delete } }
`);

/** Runs the CLI on a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
function onTerminal(args: string[], cwd: string, env: Record<string, string> = {}): string {
  const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(' ');
  const run = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, TERM: 'xterm', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return run.stdout;
}
const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0;

describe('roster --version', () => {
  it("prints package.json's version", () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    const run = roster(['--version'], { cwd: tmpDir() });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it('reads it from package.json at run time, not from a string in the code', () => {
    const dir = tmpDir({ 'package.json': JSON.stringify({ name: 'roster', version: '9.8.7-test', type: 'module' }) });
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const run = spawnSync(process.execPath, [join(dir, 'dist/cli/main.js'), '--version'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(run.stdout.trim()).toBe('9.8.7-test');
  });
});

describe('roster completion', () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    it(`writes a ${shell} script that names every command and its options`, () => {
      const run = roster(['completion', shell], { cwd: tmpDir() });
      expect(run.code).toBe(0);
      for (const command of COMMANDS) expect(run.stdout).toContain(command);
      for (const option of [
        '--config',
        '--summary',
        '--detailed-exitcode',
        '--from-workspace',
        '--owner',
        '--bootstrap-owner',
      ])
        expect(run.stdout).toContain(shell === 'fish' ? `-l ${option.slice(2)}` : option);
      expect(run.stdout).toContain('markdown'); // plan --format's choices
    });
  }

  it('gives bash a script it accepts and that completes commands, options and choices', () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'roster.bash'), roster(['completion', 'bash'], { cwd: dir }).stdout);
    expect(spawnSync('bash', ['-n', 'roster.bash'], { cwd: dir }).status).toBe(0);
    const complete = (words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `source roster.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _roster_complete; echo "\${COMPREPLY[*]}"`,
        ],
        { cwd: dir, encoding: 'utf8' },
      ).stdout.trim();
    expect(complete(['roster', 'w'])).toBe('who');
    expect(complete(['roster', 'plan', '--su'])).toBe('--summary');
    expect(complete(['roster', 'plan', '--format', ''])).toBe('text markdown json');
    expect(complete(['roster', 'review', '--format', ''])).toBe('markdown html csv json');
    expect(complete(['roster', 'audit', '--'])).toContain('--member');
  });

  it('refuses a shell it does not know', () => {
    const run = roster(['completion', 'powershell'], { cwd: tmpDir() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bash, zsh, fish');
  });
});

describe('colour', () => {
  it('is on only on a terminal without NO_COLOR or --no-color', () => {
    expect(colourWanted(true, {}, false)).toBe(true);
    expect(colourWanted(false, {}, false)).toBe(false);
    expect(colourWanted(true, { NO_COLOR: '1' }, false)).toBe(false);
    expect(colourWanted(true, { NO_COLOR: '' }, false)).toBe(true); // no-color.org: set and not empty
    expect(colourWanted(true, {}, true)).toBe(false);
  });

  it.runIf(hasScript)('leaves the text plan on a terminal without escapes when NO_COLOR or --no-color is set', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    expect(onTerminal(['plan'], dir)).toContain(ESC); // the control: colour is on by default
    for (const shown of [
      onTerminal(['plan'], dir, { NO_COLOR: '1' }),
      onTerminal(['plan', '--no-color'], dir),
      onTerminal(['--no-color', 'plan'], dir),
    ]) {
      expect(shown).toContain('invite as owner');
      expect(shown).not.toContain(ESC);
    }
  });
});

describe('roster apply PLAN', () => {
  it('applies a saved plan given as an argument, like --plan', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    expect(roster(['plan', '--out', 'plan.json'], { cwd: dir }).code).toBe(0);
    const run = roster(['apply', 'plan.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Applied \d+ changes?;/);
    expect(roster(['plan', '--detailed-exitcode'], { cwd: dir }).code).toBe(0);
  });

  it('refuses two different plans, applying nothing', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    roster(['plan', '--out', 'plan.json'], { cwd: dir });
    const run = roster(['apply', 'plan.json', '--plan', 'other.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('two plans given');
    expect(roster(['plan', '--detailed-exitcode'], { cwd: dir }).code).toBe(2);
  });
});

describe('roster plan --summary', () => {
  it('prints the counts per kind of change and the summary line only', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const run = roster(['plan', '--summary'], { cwd: dir });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
    expect(lines).toEqual(expect.arrayContaining(['grant.set 1', 'integration.connect 1', 'member.invite 2']));
    expect(lines.filter((line) => line.startsWith('Plan: '))).toHaveLength(1);
    // Counts only: no line per change, and nothing but "<kind> <count>", the summary line and the end.
    expect(run.stdout).not.toContain('invite as');
    // ...and, the workspace file not existing yet, the line that says so (a mistyped path shows).
    expect(lines[0]).toMatch(/^New workspace: local state\.db does not exist yet/);
    expect(lines.slice(1).filter((line) => line && !/^[a-z_.]+ \d+$/.test(line) && !line.startsWith('Plan: '))).toEqual(
      [],
    );
  });

  it('still saves the whole plan with --out', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    expect(roster(['plan', '--summary', '--format', 'json', '--out', 'plan.json'], { cwd: dir }).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')).changes).toHaveLength(5);
  });
});

describe('npm start (the quick start)', () => {
  it('shows the plan, applies exactly it, then plans again with nothing left', () => {
    const dir = tmpDir();
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/quickstart.mjs')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, QUICKSTART_WORKDIR: dir },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    const out = run.stdout;
    const planned = out.search(/Plan: \d+ to add/);
    const applied = out.search(/Applied \d+ changes?;/);
    const nothingLeft = out.indexOf('No changes. The workspace matches the config.');
    expect(planned).toBeGreaterThan(-1);
    expect(applied).toBeGreaterThan(planned);
    expect(nothingLeft).toBeGreaterThan(applied);
  });
});
