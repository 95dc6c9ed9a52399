// A config from a pull request names provider.path. Reading it (validate, plan, export) must not
// create files or directories there or migrate whatever database it names; only apply creates the
// workspace, and then only its owner can read it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../src/store/store.js';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const config = (path: string) =>
  rootConfig(`provider: { type: local, path: ${path} }\nmembers:\n  - { email: owner@x.io, role: owner }\n`);

/** Every file and directory under `dir`, relative. */
const tree = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe('reading a workspace writes nothing', () => {
  it('validate, plan and export leave a missing workspace missing, and plan it as new', () => {
    const dir = tmpDir({ 'roster.yaml': config('deep/new/state.db') });
    expect(roster(['validate'], { cwd: dir }).code).toBe(0);
    const plan = roster(['plan', '--format', 'json'], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ stateVersion: '0', summary: { add: 1 } });
    // Export refuses a workspace that does not exist rather than write an empty one.
    expect(roster(['export'], { cwd: dir }).stderr).toContain('error [workspace-not-found]');
    expect(tree(dir)).toEqual(['roster.yaml']);

    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    expect(tree(dir)).toEqual(['deep', 'deep/new', 'deep/new/state.db', 'roster.yaml']);
  });

  it("refuses to plan on another program's database instead of migrating it", () => {
    const dir = tmpDir({ 'roster.yaml': config('other.db') });
    const other = new Database(join(dir, 'other.db'));
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    const before = readFileSync(join(dir, 'other.db'));

    for (const command of [['plan'], ['export']]) {
      const run = roster(command, { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error [not-a-workspace]');
      expect(run.stderr).not.toContain('internal');
    }
    expect(readFileSync(join(dir, 'other.db')).equals(before)).toBe(true);
  });

  it('refuses a provider.path that is not a regular file instead of waiting on it', () => {
    const dir = tmpDir({ 'roster.yaml': config('pipe.db') });
    expect(spawnSync('mkfifo', [join(dir, 'pipe.db')]).status).toBe(0);
    const run = roster(['plan'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [not-a-workspace]');
  });
});

/** Every entry under `dir` with its size, modification time and mode: what a read must leave as it was. */
const folder = (dir: string) =>
  tree(dir).map((name) => {
    const stat = statSync(join(dir, name));
    return `${name} ${stat.size} ${stat.mtimeMs} ${(stat.mode & 0o7777).toString(8)}`;
  });

/** The commands that only read, each of which must succeed and leave the folder as it was. */
const READS = [['validate'], ['plan'], ['review'], ['who', 'owner@x.io'], ['export']];

describe('reading an existing workspace leaves its folder exactly as found', () => {
  it('adds no -wal or -shm file beside a closed workspace and touches nothing', () => {
    const dir = tmpDir({ 'roster.yaml': config('.roster/state.db') });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    const before = folder(dir);
    expect(before.map((entry) => entry.split(' ')[0])).toEqual(['.roster', '.roster/state.db', 'roster.yaml']);
    // The workspace is read from a private copy in the temporary folder, which must go with the read.
    const temporary = tmpDir();
    for (const command of READS) {
      expect(roster(command, { cwd: dir, env: { TMPDIR: temporary } }).code, command.join(' ')).toBe(0);
      expect(folder(dir), command.join(' ')).toEqual(before);
      expect(tree(temporary), command.join(' ')).toEqual([]);
    }
  }, 120_000); // several CLI runs

  it('reads the commits a running writer holds in its -wal, and adds nothing beside them', () => {
    const dir = tmpDir({ 'roster.yaml': config('.roster/state.db') });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    // A writer (a `roster serve`) with the file open: its latest commit is in the -wal only.
    const writer = WorkspaceStore.open(join(dir, '.roster/state.db'));
    try {
      writer.apply([{ kind: 'member.invite', email: 'late@x.io', role: 'member' }], {
        actor: { name: 'owner@x.io', role: 'owner' },
      });
      const before = folder(dir);
      expect(before.map((entry) => entry.split(' ')[0])).toContain('.roster/state.db-wal');
      const temporary = tmpDir();
      for (const command of READS) {
        expect(roster(command, { cwd: dir, env: { TMPDIR: temporary } }).code, command.join(' ')).toBe(0);
        expect(folder(dir), command.join(' ')).toEqual(before);
        expect(tree(temporary), command.join(' ')).toEqual([]);
      }
      // The plan read the writer's commit, which is in the -wal only: the workspace's second version.
      const plan = roster(['plan', '--format', 'json'], { cwd: dir });
      expect(JSON.parse(plan.stdout)).toMatchObject({ stateVersion: '2' });
    } finally {
      writer.close();
    }
  }, 120_000); // several CLI runs
});

describe('the workspace file is private', () => {
  it('is created 0600, with its WAL and shared memory, whatever the umask', () => {
    const dir = tmpDir();
    const store = join(import.meta.dirname, '../../dist/store/store.js');
    // A process with umask 000, which would otherwise make every file world-readable.
    const script = `
      process.umask(0);
      const { statSync } = await import('node:fs');
      const { WorkspaceStore } = await import(process.argv[1]);
      const path = process.argv[2];
      const store = WorkspaceStore.open(path);
      store.bootstrapOwner('owner@x.io');
      const mode = (file) => (statSync(file).mode & 0o777).toString(8);
      console.log(JSON.stringify([mode(path), mode(path + '-wal'), mode(path + '-shm'), mode(process.argv[3])]));
      store.close();
    `;
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', script, store, join(dir, 'ws/state.db'), join(dir, 'ws')],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['600', '600', '600', '700']);
    expect(statSync(join(dir, 'ws/state.db')).mode & 0o777).toBe(0o600);
  });
});
