import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseConfig } from '../../src/github/base-config.js';
import { rootConfig } from '../helpers/tmp.js';
import { testRepo } from './git-repo.js';

const TODAY = '2026-06-01';

describe('readBaseConfig', () => {
  it("reads the base branch's members, provider and files while the head is checked out, leaving the checkout as it was", async () => {
    const repo = testRepo();
    repo.commit({
      'roster.yaml': rootConfig(
        [
          'provider: { type: http, url: "http://127.0.0.1:1" }',
          'include: [teams/*.yaml]',
          'members:',
          '  - { email: Olivia@Acme.com, role: owner, github: olivia-owner }',
          '  - { email: gone@acme.com, role: owner, github: gone, expires: 2026-01-01 }',
          '',
        ].join('\n'),
      ),
      'teams/ops.yaml': 'members:\n  - { email: adam@acme.com, role: admin, github: adam-admin }\n',
    });
    repo.git('checkout', '-q', '-b', 'feature');
    // The head makes its author an owner and points the provider elsewhere.
    repo.commit({
      'roster.yaml': rootConfig(
        'provider: { type: http, url: "http://127.0.0.1:2" }\nmembers:\n  - { email: mallory@acme.com, role: owner, github: mallory }\n',
      ),
    });
    repo.commit({ 'scratch.txt': 'uncommitted work' });
    // Uncommitted and staged work in the checkout must survive.
    repo.git('rm', '-q', '--cached', 'scratch.txt');
    const status = repo.git('status', '--porcelain');

    const base = await readBaseConfig(repo.dir, 'main', 'roster.yaml', { today: TODAY });
    expect(base).toMatchObject({ found: true, ok: true, provider: { type: 'http', url: 'http://127.0.0.1:1' } });
    expect(base.members).toEqual([
      { email: 'adam@acme.com', role: 'admin', github: 'adam-admin' },
      { email: 'olivia@acme.com', role: 'owner', github: 'olivia-owner' },
    ]);
    expect(base.rawProvider).toEqual({ type: 'http', url: 'http://127.0.0.1:1' });
    expect(base.files).toEqual(['roster.yaml', 'teams/ops.yaml']);
    expect(repo.git('status', '--porcelain')).toBe(status);
    expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('feature');
    expect(repo.git('worktree', 'list')).not.toContain('roster-base-');

    const copy = dirname(dirname(base.rootPath));
    expect(existsSync(base.rootPath)).toBe(true);
    base.cleanup();
    expect(existsSync(copy)).toBe(false);
  });

  it('names files relative to the repository in diagnostics, and resolves a local provider against the checkout', async () => {
    const repo = testRepo();
    const sha = repo.commit({
      'access/roster.yaml': rootConfig(
        'provider: { type: local, path: state/ws.db }\npolicy: { min_owners: 2 }\nmembers:\n  - { email: olivia@acme.com, role: owner, github: olivia-owner }\n',
      ),
    });
    const base = await readBaseConfig(repo.dir, sha, 'access/roster.yaml', { today: TODAY });
    base.cleanup();
    expect(base.ok).toBe(false);
    expect(base.diagnostics[0]).toMatchObject({ file: 'access/roster.yaml', severity: 'error' });
    // A rule that fails on the base does not lose who may approve the pull request that fixes it.
    expect(base.members).toEqual([{ email: 'olivia@acme.com', role: 'owner', github: 'olivia-owner' }]);
    expect(base.provider).toEqual({ type: 'local', path: join(repo.dir, 'access', 'state', 'ws.db') });
  });

  it('does not read a base that breaks the schema: nobody in it approves, no provider is taken from it', async () => {
    const repo = testRepo();
    const sha = repo.commit({
      'roster.yaml': rootConfig(
        'provider: { type: http, url: 5 }\nmembers:\n  - { email: olivia@acme.com, role: owner, github: olivia-owner }\n',
      ),
    });
    const base = await readBaseConfig(repo.dir, sha, 'roster.yaml', { today: TODAY });
    base.cleanup();
    expect(base).toMatchObject({ found: false, ok: false, members: [], files: [] });
    expect(base.diagnostics.map((d) => d.code)).toEqual(['wrong-type']);
  });

  it('says so when the base has no config yet', async () => {
    const repo = testRepo();
    const sha = repo.commit({ 'README.md': 'hi\n' });
    const base = await readBaseConfig(repo.dir, sha, 'roster.yaml', { today: TODAY });
    base.cleanup();
    expect(base).toMatchObject({ found: false, ok: false, members: [], files: [] });
    expect(base.diagnostics[0]).toMatchObject({ code: 'file-not-found', file: 'roster.yaml' });
  });

  it('refuses a ref that git would read as an option', async () => {
    const repo = testRepo();
    repo.commit({ 'README.md': 'hi\n' });
    await expect(readBaseConfig(repo.dir, '--help', 'roster.yaml')).rejects.toMatchObject({ code: 'invalid-git-ref' });
  });

  it('says what to fetch when the base commit is not in the clone', async () => {
    const repo = testRepo();
    repo.commit({ 'README.md': 'hi\n' });
    const missing = 'c'.repeat(40);
    await expect(readBaseConfig(repo.dir, missing, 'roster.yaml')).rejects.toMatchObject({
      code: 'git-ref-not-found',
      message: expect.stringContaining('fetch-depth: 0'),
    });
  });
});
