// A pull request's author writes the include list. Whatever it names is read and may be quoted in
// annotations that anyone with access to the repository reads, so includes stay inside the root
// config's folder, globs are bounded, and diagnostics quote only a short prefix of any value.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCLUDE_LIMITS, includeTargets } from '../../src/config/include.js';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';
import { locateText } from '../helpers/validate.js';

const TOKEN = 'ghp_S3cr3tT0kenThatMustNeverBePrinted0123456789';
const CREDENTIALS = `https://ci-bot:${TOKEN}@github.com\n`;
const OWNER = 'members:\n  - { email: owner@x.io, role: owner }\n';

/** A repository folder with `roster.yaml`, beside a folder holding a credentials file. */
function repository(includes: string[]) {
  const outside = tmpDir({ '.git-credentials': CREDENTIALS, 'team.yaml': OWNER });
  const config = rootConfig(`include:\n${includes.map((entry) => `  - "${entry}"\n`).join('')}${OWNER}`);
  const dir = tmpDir({ 'repo/roster.yaml': config });
  return { repo: join(dir, 'repo'), outside, config };
}

const validate = (cwd: string) => roster(['validate', '--format', 'github'], { cwd });

describe('includes outside the root config folder', () => {
  it('refuses absolute paths and "..", at the include entry, without reading the file', () => {
    const { repo, outside, config } = repository(['__OUTSIDE__/.git-credentials', '../../x/.git-credentials']);
    writeFileSync(join(repo, 'roster.yaml'), config.replace('__OUTSIDE__', outside));
    const run = validate(repo);
    expect(run.code).toBe(1);
    const text = run.stdout + run.stderr;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('ci-bot');
    const lines = text.split('\n').filter((line) => line.startsWith('::error'));
    expect(lines).toHaveLength(2);
    for (const [index, line] of lines.entries()) {
      const at = locateText(config.replace('__OUTSIDE__', outside), '"', 1 + index * 2).split(':');
      expect(line).toContain(`file=roster.yaml,line=${at[0]},col=${at[1]},title=roster include-outside`);
      expect(line).toContain('inside the folder of the root config');
    }
  });

  it('refuses a symbolic link out of the folder, for a file and through a glob', () => {
    const { repo, outside } = repository(['creds.yaml', 'teams/*.yaml']);
    symlinkSync(join(outside, '.git-credentials'), join(repo, 'creds.yaml'));
    symlinkSync(outside, join(repo, 'teams'));
    const run = validate(repo);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(run.stderr.match(/title=roster include-outside/g)).toHaveLength(2);
  });

  it('refuses a glob of the whole disk at once', () => {
    const { repo } = repository(['/**/*.yaml']);
    const started = Date.now();
    const run = validate(repo);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('title=roster include-outside');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('caps how many files a glob may match', () => {
    const { repo } = repository(['teams/*.yaml']);
    mkdirSync(join(repo, 'teams'));
    for (let i = 0; i <= 1000; i++) writeFileSync(join(repo, `teams/t${i}.yaml`), 'teams: {}\n');
    const run = validate(repo);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('title=roster include-too-broad::this include matches more than 1000 files');
  });
});

describe('a glob walks a bounded part of the disk', () => {
  it('stops walking once it has looked at too many entries, matches or not', () => {
    const dir = tmpDir(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}/notes.txt`, ''])));
    const saved = { ...INCLUDE_LIMITS };
    INCLUDE_LIMITS.entries = 20; // the real budget (50,000) takes a large tree to reach
    try {
      expect(includeTargets('**/*.yaml', dir, dir)).toEqual({
        problem: {
          code: 'include-too-broad',
          message:
            'this include looks at more than 20 files and folders or walks for more than 2 s; name a narrower folder or pattern',
        },
      });
    } finally {
      Object.assign(INCLUDE_LIMITS, saved);
    }
    expect(includeTargets('**/*.yaml', dir, dir)).toEqual({ files: [] });
  });
});

describe('diagnostics quote only a prefix of a value', () => {
  it('does not print a credentials file that an include inside the folder reads', () => {
    const { repo } = repository(['.git-credentials']);
    writeFileSync(join(repo, '.git-credentials'), CREDENTIALS);
    const run = validate(repo);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'title=roster wrong-type::the top level must be a mapping, not string "https://ci-bot:ghp_S3cr3tT0kenThatMustNe"...',
    );
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('cuts long values in enum and pattern messages', () => {
    const long = `x${'y'.repeat(200)}`;
    const dir = tmpDir({
      'roster.yaml': rootConfig(
        `${OWNER}  - { email: a@x.io, role: ${long} }\n  - { email: ${long} }\nkeys:\n  - { name: k, type: workspace, integrations: {}, rotate_every: 90d }\n`,
      ),
    });
    const run = validate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"xyyy');
    expect(run.stderr).not.toContain('y'.repeat(41));
  });
});
