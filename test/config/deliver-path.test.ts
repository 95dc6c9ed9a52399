// deliver.file comes from a config, maybe a stranger's pull request: it must stay inside the
// folder of the config that names it, through real folders, to a regular file or nothing yet.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';
import { TODAY, validateFiles } from '../helpers/validate.js';

const keyTo = (file: string) =>
  rootConfig(
    `integrations:\n  stripe: {}\nmembers:\n  - { email: o@x.io, role: owner }\nkeys:\n  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: ${JSON.stringify(file)} } }\n`,
  );

describe('deliver.file', () => {
  it('accepts a relative path inside the folder, existing or not', () => {
    for (const file of ['bot.key', './secrets/new/bot.key', 'secrets//bot.key']) {
      const { result } = validateFiles({ 'roster.yaml': keyTo(file), 'secrets/.keep': '' });
      expect([file, result.diagnostics]).toEqual([file, []]);
    }
  });

  const refused: [string, string][] = [
    ['/etc/cron.d/roster', 'is an absolute path'],
    ['/dev/stdout', 'is an absolute path'],
    ['../outside.key', 'goes up with ".."'],
    ['secrets/../../outside.key', 'goes up with ".."'],
    ['.', 'names a folder, not a file'],
  ];
  for (const [file, message] of refused) {
    it(`refuses ${file} at its file:line:col`, () => {
      const { result, found, pos } = validateFiles({ 'roster.yaml': keyTo(file) });
      expect(found).toEqual([`error bad-deliver-path ${pos(JSON.stringify(file))}`]);
      expect(result.diagnostics[0]!.message).toContain(message);
    });
  }

  it('refuses two keys delivering to the same file, even when written differently', () => {
    const config = rootConfig(
      `integrations:\n  stripe: {}\nmembers:\n  - { email: o@x.io, role: owner }\nkeys:\n  - { name: a, type: workspace, integrations: { stripe: read-only }, deliver: { file: secrets/bot.key } }\n  - { name: b, type: workspace, integrations: { stripe: read-only }, deliver: { file: ./secrets//bot.key } }\n`,
    );
    const { result, found, pos } = validateFiles({ 'roster.yaml': config });
    expect(found).toEqual([`error duplicate-deliver-path ${pos('./secrets//bot.key')}`]);
    expect(result.diagnostics[0]!.message).toContain(`the same file as the key at ${pos('secrets/bot.key')}`);
  });

  it('refuses symbolic links on the way and at the target, and targets that are not files', () => {
    const outside = tmpDir();
    const cases: [string, (dir: string) => void, string][] = [
      ['link/bot.key', (dir) => symlinkSync(outside, join(dir, 'link')), '"link" is a symbolic link'],
      ['bot.key', (dir) => symlinkSync(join(outside, 'x'), join(dir, 'bot.key')), '"bot.key" is a symbolic link'],
      ['folder', (dir) => mkdirSync(join(dir, 'folder')), 'is not a regular file'],
      ['fifo', (dir) => spawnSync('mkfifo', [join(dir, 'fifo')]), 'is not a regular file'],
      ['file/bot.key', (dir) => spawnSync('touch', [join(dir, 'file')]), '"file" is not a folder'],
    ];
    for (const [file, prepare, message] of cases) {
      const dir = tmpDir({ 'roster.yaml': keyTo(file) });
      prepare(dir);
      const result = validateConfig(join(dir, 'roster.yaml'), { cwd: dir, today: TODAY });
      expect(result.diagnostics.map((d) => [d.code, d.line, d.message.includes(message)])).toEqual([
        ['bad-deliver-path', 8, true],
      ]);
    }
  });
});
