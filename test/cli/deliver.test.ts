// Writing a delivered secret: mode 0600, inside its base folder, never through a link (at the
// target or on the way), never into something that is not a regular file; and apply --secrets-dir.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverSecrets } from '../../src/app/deliver.js';
import type { Key } from '../../src/model/state.js';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const SECRET = `rst_0123456789abcdef_${'A'.repeat(43)}`;
const OTHER_SECRET = `rst_fedcba9876543210_${'B'.repeat(43)}`;

function keyAt(base: string, file: string): Key {
  return { name: 'bot', type: 'workspace', scope: [], users: [], deliver: { file: join(base, file), base } };
}

function deliver(base: string, file: string, secretsDir?: string) {
  return deliverSecrets({ bot: SECRET }, [keyAt(base, file)], base, secretsDir);
}

describe('delivering a secret', () => {
  it("creates the file and its folders privately, and replaces the key's earlier delivery", () => {
    const base = tmpDir();
    expect(deliver(base, 'secrets/deep/bot.key').delivered).toHaveLength(1);
    expect(readFileSync(join(base, 'secrets/deep/bot.key'), 'utf8')).toBe(`${SECRET}\n`);
    expect(statSync(join(base, 'secrets/deep/bot.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(base, 'secrets')).mode & 0o777).toBe(0o700);

    // The next rotation replaces it, and the file stays private.
    const next = deliverSecrets({ bot: OTHER_SECRET }, [keyAt(base, 'secrets/deep/bot.key')], base);
    expect(next.failed).toEqual([]);
    expect(readFileSync(join(base, 'secrets/deep/bot.key'), 'utf8')).toBe(`${OTHER_SECRET}\n`);
    expect(statSync(join(base, 'secrets/deep/bot.key')).mode & 0o777).toBe(0o600);
  });

  it('never follows a link placed at the target or on the way after validation', () => {
    const base = tmpDir();
    const outside = tmpDir({ 'victim.txt': 'keep me' });
    symlinkSync(join(outside, 'victim.txt'), join(base, 'bot.key'));
    symlinkSync(outside, join(base, 'linked'));
    for (const file of ['bot.key', 'linked/bot.key']) {
      const report = deliver(base, file);
      expect(report.delivered).toEqual([]);
      expect(report.failed[0]).toMatch(/^key bot: the secret could not be written to .*symbolic link.*rotate the key$/);
    }
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(outside, 'bot.key'))).toBe(false);
  });

  it('refuses a FIFO or a folder at the target without hanging', () => {
    const base = tmpDir();
    spawnSync('mkfifo', [join(base, 'fifo')]);
    mkdirSync(join(base, 'folder'));
    for (const file of ['fifo', 'folder']) {
      expect(deliver(base, file).failed[0]).toContain('is not a regular file');
    }
  });

  it('writes inside --secrets-dir instead of the config folder, still confined', () => {
    const base = tmpDir();
    const secrets = join(tmpDir(), 'ci-secrets');
    expect(deliver(base, 'keys/bot.key', secrets).delivered).toHaveLength(1);
    expect(readFileSync(join(secrets, 'keys/bot.key'), 'utf8')).toBe(`${SECRET}\n`);
    expect(existsSync(join(base, 'keys'))).toBe(false);
    // Two keys from configs in different folders meet inside one secrets folder: the second
    // secret is not written over the first.
    const other = tmpDir();
    const both = deliverSecrets(
      { bot: SECRET, 'other-bot': OTHER_SECRET },
      [keyAt(base, 'keys/bot.key'), { ...keyAt(other, 'keys/bot.key'), name: 'other-bot' }],
      base,
      secrets,
    );
    expect(both.failed).toEqual([expect.stringContaining('key other-bot: the secret could not be written to ../')]);
    expect(both.failed[0]).toContain('holds a secret roster delivered for key bot, not key other-bot');
    expect(readFileSync(join(secrets, 'keys/bot.key'), 'utf8')).toBe(`${SECRET}\n`);
    // A key resolved outside its base (which validation refuses) is not written either.
    expect(deliver(base, '../escape.key', secrets).failed[0]).toContain('goes up with ".."');
  });
});

describe('roster apply and deliver.file', () => {
  const config = (file: string) =>
    rootConfig(`provider: { type: local, path: state.db }
integrations:
  stripe: {}
members:
  - { email: o@x.io, role: owner }
keys:
  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: ${file} } }
`);

  it('refuses a path out of the folder before changing anything', () => {
    const dir = tmpDir({ 'roster.yaml': config('../../home/ci/.ssh/authorized_keys') });
    const run = roster(['apply', '--yes'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('roster.yaml:9:89: error [bad-deliver-path] deliver.file "../../home/ci/.ssh/');
    expect(existsSync(join(dir, 'state.db'))).toBe(false);
  });

  it('delivers into --secrets-dir', () => {
    const dir = tmpDir({ 'roster.yaml': config('bot.key') });
    const run = roster(['apply', '--yes', '--secrets-dir', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('key bot: secret written to out/bot.key (mode 0600)');
    expect(readFileSync(join(dir, 'out/bot.key'), 'utf8')).toMatch(/^rst_/);
    expect(existsSync(join(dir, 'bot.key'))).toBe(false);
  });
});
