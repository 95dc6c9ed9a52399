import { describe, expect, it } from 'vitest';
import { configDiff } from '../../src/github/config-diff.js';
import { configDiffMarkdown } from '../../src/github/config-diff-markdown.js';
import { count, elementNames, textOf, toHtml } from '../helpers/markdown.js';
import { rootConfig } from '../helpers/tmp.js';
import { testRepo } from './git-repo.js';

const TWELVE = Array.from({ length: 12 }, (_, i) => `  - { email: p${i}@acme.com, role: member }`).join('\n');

function repoWithBranch() {
  const repo = testRepo();
  const base = repo.commit({
    'roster.yaml': rootConfig(`include: [teams/*.yaml]\nmembers:\n${TWELVE}\n`),
    'teams/sales.yaml': 'members: []\n',
    'teams/[ab].yaml': 'members: []\n',
    'teams/a.yaml': 'members: []\n',
    'README.md': 'hello\n',
  });
  repo.git('checkout', '-q', '-b', 'feature');
  const head = repo.commit({
    'roster.yaml': rootConfig(
      `include: [teams/*.yaml]\nmembers:\n${TWELVE.replace('p5@acme.com, role: member', 'p5@acme.com, role: admin')}\n`,
    ),
    'teams/sales.yaml': null,
    'teams/ops.yaml': 'members:\n  - { email: ops@acme.com, role: member }',
    'teams/[ab].yaml': 'members: [x]\n',
    'teams/a.yaml': 'members: [y]\n',
    'README.md': 'changed\n',
  });
  return { repo, base, head };
}

describe('configDiff', () => {
  it('diffs only the named config files that differ, with added and deleted files', async () => {
    const { repo, base, head } = repoWithBranch();
    const files = ['roster.yaml', 'teams/sales.yaml', 'teams/ops.yaml', 'teams/[ab].yaml', './roster.yaml'];
    const diffs = await configDiff(repo.dir, base, head, files);
    expect(diffs.map((d) => [d.path, d.change])).toEqual([
      ['roster.yaml', 'modified'],
      ['teams/[ab].yaml', 'modified'],
      ['teams/ops.yaml', 'added'],
      ['teams/sales.yaml', 'deleted'],
    ]);
    const [root, literal, added, deleted] = diffs.map((d) => d.patch);
    // Three lines of context around the one changed line, git-style headers.
    expect(root).toBe(
      [
        '--- a/roster.yaml',
        '+++ b/roster.yaml',
        '@@ -7,7 +7,7 @@',
        '   - { email: p2@acme.com, role: member }',
        '   - { email: p3@acme.com, role: member }',
        '   - { email: p4@acme.com, role: member }',
        '-  - { email: p5@acme.com, role: member }',
        '+  - { email: p5@acme.com, role: admin }',
        '   - { email: p6@acme.com, role: member }',
        '   - { email: p7@acme.com, role: member }',
        '   - { email: p8@acme.com, role: member }',
        '',
      ].join('\n'),
    );
    // "[ab]" is that file, not a pattern that would also match teams/a.yaml.
    expect(literal).toContain('+members: [x]');
    expect(added).toMatch(/^--- \/dev\/null\n\+\+\+ b\/teams\/ops\.yaml\n@@ -0,0 \+1,2 @@\n\+members:\n/);
    expect(added).toContain('\\ No newline at end of file');
    expect(deleted).toMatch(/^--- a\/teams\/sales\.yaml\n\+\+\+ \/dev\/null\n@@ -1,1 \+0,0 @@\n-members: \[\]\n$/);
  });

  it('lists nothing when the config files are the same on both sides', async () => {
    const { repo, head } = repoWithBranch();
    const next = repo.commit({ 'README.md': 'again\n' });
    expect(await configDiff(repo.dir, head, next, ['roster.yaml', 'teams/sales.yaml'])).toEqual([]);
  });

  it('refuses a ref that git would read as an option', async () => {
    const { repo, head } = repoWithBranch();
    await expect(configDiff(repo.dir, '--output=/tmp/x', head, ['roster.yaml'])).rejects.toMatchObject({
      code: 'invalid-git-ref',
    });
  });
});

describe('configDiffMarkdown', () => {
  const hostile = {
    path: 'teams/<b>x</b>.yaml',
    change: 'modified' as const,
    patch: '--- a/x\n+++ b/x\n@@ -1,1 +1,3 @@\n-a: 1\n+````\n+<img src=x onerror=alert(1)> @org/team\n+b: 2\u202e\n',
  };

  it('keeps every line of a config inside its code block, with the file name as text', () => {
    const { markdown, truncated } = configDiffMarkdown([hostile, { ...hostile, path: 'roster.yaml' }]);
    expect(truncated).toBe(false);
    const html = toHtml(markdown);
    expect(count(html, '<pre>')).toBe(2);
    expect(elementNames(html).filter((name) => !['p', 'code', 'pre'].includes(name))).toEqual([]);
    expect(textOf(html)).toContain('teams/<b>x</b>.yaml (modified)');
    expect(textOf(html)).toContain('+<img src=x onerror=alert(1)> @org/team');
    expect(textOf(html)).toContain('+b: 2\\u202e');
    expect(markdown).toContain('`````diff\n');
  });

  it('cuts at a line past the cap, says so and names the files left out', () => {
    const big = {
      path: 'roster.yaml',
      change: 'modified' as const,
      patch: Array.from({ length: 200 }, (_, i) => `+line ${i}`).join('\n'),
    };
    const rendered = configDiffMarkdown([big, { ...big, path: 'teams/a.yaml' }], 1000);
    expect(rendered.truncated).toBe(true);
    expect(rendered.omitted).toEqual(['teams/a.yaml']);
    expect(rendered.markdown.length).toBeLessThanOrEqual(1000);
    expect(rendered.markdown.length).toBeGreaterThan(900);
    expect(rendered.markdown).toMatch(/\n\+line \d+\n```$/);
    expect(count(toHtml(rendered.markdown), '<pre>')).toBe(1);
    expect(configDiffMarkdown([big], 10)).toEqual({ markdown: '', truncated: true, omitted: ['roster.yaml'] });
  });
});
