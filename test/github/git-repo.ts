// Real git repositories in temp dirs for the GitHub tests: identity set in the repo only, no
// global config read or changed, no network.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpDir, writeFiles } from '../helpers/tmp.js';

const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  /** Writes (string) or deletes (null) files, commits them all and returns the new SHA. */
  commit(files: Record<string, string | null>, message?: string): string;
}

export function testRepo(): TestRepo {
  const dir = tmpDir();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    commit(files, message = 'change') {
      for (const [path, content] of Object.entries(files)) {
        if (content === null) rmSync(join(dir, path));
        else writeFiles(dir, { [path]: content });
      }
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
}
