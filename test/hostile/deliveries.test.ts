// A pull request's config chooses deliver.file. A new secret must never replace a file roster did
// not create for that key: not the workspace database, not a config file, nothing in .git, no
// file someone else put there, not another key's secret; and a folder swapped for a link while
// the secret is being written is not followed.
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../src/app/private-file.js';
import { deliverSecrets } from '../../src/app/deliver.js';
import { validateConfig } from '../../src/config/validate.js';
import type { Key } from '../../src/model/state.js';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';
import { TODAY } from '../helpers/validate.js';

const SECRET = `rst_0123456789abcdef_${'A'.repeat(43)}`;
const keys = (...entries: [string, string][]) =>
  `keys:\n${entries.map(([name, file]) => `  - { name: ${name}, type: workspace, integrations: { stripe: read-only }, deliver: { file: ${JSON.stringify(file)} } }\n`).join('')}`;
const config = (extra: string) =>
  rootConfig(
    `provider: { type: local, path: .roster/state.db }\ninclude: [team.yaml]\nintegrations:\n  stripe: {}\n${extra}`,
  );
const TEAM = 'members:\n  - { email: o@x.io, role: owner }\n';

const problems = (dir: string) =>
  validateConfig(join(dir, 'roster.yaml'), { cwd: dir, today: TODAY }).diagnostics.map(
    (d) => `${d.code}: ${d.message}`,
  );

describe('deliver.file onto a file roster did not deliver for that key', () => {
  const refused: [string, string][] = [
    ['.roster/state.db', 'a file roster reads'],
    ['.roster/state.db-wal', 'a file roster reads'],
    ['roster.yaml', 'a file roster reads'],
    ['./team.yaml', 'a file roster reads'],
    ['.git/config', "inside .git, git's own folder"],
    ['.GIT/hooks/pre-commit', "inside .git, git's own folder"],
    ['sub/.git/config', "inside .git, git's own folder"],
    ['.roster/deliveries.json', 'a file roster keeps for itself'],
    ['notes.txt', 'already exists and is not a secret roster delivered'],
  ];
  for (const [file, message] of refused) {
    it(`refuses ${file} at validation, whether or not it exists yet`, () => {
      const dir = tmpDir({ 'roster.yaml': config(keys(['bot', file])), 'team.yaml': TEAM, 'notes.txt': 'mine' });
      expect(problems(dir)).toEqual([expect.stringMatching(new RegExp(`^bad-deliver-path: .*${message}`))]);
    });
  }

  /** Delivers a secret for workspace key bot to `file` in `dir`, as an apply does. */
  function deliverBot(dir: string, file: string): void {
    const bot: Key = {
      name: 'bot',
      type: 'workspace',
      scope: [],
      users: [],
      deliver: { file: join(dir, file), base: dir },
    };
    expect(deliverSecrets({ bot: SECRET }, [bot], dir).failed).toEqual([]);
  }

  it("refuses another key's earlier delivery", () => {
    const dir = tmpDir({ 'roster.yaml': config(keys(['bot', 'bot.key'])), 'team.yaml': TEAM });
    deliverBot(dir, 'bot.key');
    expect(problems(dir)).toEqual([]); // the key's own earlier delivery: a rotation replaces it

    writeFileSync(join(dir, 'roster.yaml'), config(keys(['thief', 'bot.key'])));
    expect(problems(dir)).toEqual([
      expect.stringMatching(/^bad-deliver-path: "bot.key" holds a secret roster delivered for key bot, not key thief/),
    ]);
  });

  it('takes over a secret delivered before the record was kept, and records it for that key', () => {
    // An earlier roster delivered secrets without a record: upgrading must not refuse them.
    const dir = tmpDir({
      'roster.yaml': config(keys(['bot', 'old.key'])),
      'team.yaml': TEAM,
      'old.key': `${SECRET}\n`,
    });
    expect(problems(dir)).toEqual([]);
    deliverBot(dir, 'old.key');
    writeFileSync(join(dir, 'roster.yaml'), config(keys(['thief', 'old.key'])));
    expect(problems(dir)).toEqual([
      expect.stringMatching(/^bad-deliver-path: "old.key" holds a secret roster delivered for key bot, not key thief/),
    ]);
  });

  it('apply --yes with deliver.file on the database or the config changes nothing', () => {
    for (const file of ['.roster/state.db', 'roster.yaml']) {
      const dir = tmpDir({ 'roster.yaml': config(keys(['bot', 'bot.key'])), 'team.yaml': TEAM });
      expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
      const text = config(keys(['bot', 'bot.key'], ['evil', file]));
      writeFileSync(join(dir, 'roster.yaml'), text);
      const database = readFileSync(join(dir, '.roster/state.db'));
      const run = roster(['apply', '--yes'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error [bad-deliver-path]');
      expect(readFileSync(join(dir, 'roster.yaml'), 'utf8')).toBe(text);
      expect(readFileSync(join(dir, '.roster/state.db')).equals(database)).toBe(true);
    }
  });

  it('refuses at write time a file that appeared after validation', () => {
    const dir = tmpDir();
    const bot: Key = {
      name: 'bot',
      type: 'workspace',
      scope: [],
      users: [],
      deliver: { file: join(dir, 'late.txt'), base: dir },
    };
    writeFileSync(join(dir, 'late.txt'), 'written after validate');
    const report = deliverSecrets({ bot: SECRET }, [bot], dir, undefined, []);
    expect(report.failed[0]).toContain('already exists and is not a secret roster delivered');
    expect(readFileSync(join(dir, 'late.txt'), 'utf8')).toBe('written after validate');
  });
});

describe('the check-then-open race', () => {
  it('writes into the folder it checked even when that folder is swapped for a link meanwhile', () => {
    const base = tmpDir();
    const outside = tmpDir();
    mkdirSync(join(base, 'secrets'));
    const problem = writePrivateFile(base, ['secrets', 'bot.key'], `${SECRET}\n`, () => {
      // Between the checks and the write, the folder becomes a link to somewhere else.
      renameSync(join(base, 'secrets'), join(base, 'moved'));
      symlinkSync(outside, join(base, 'secrets'));
      return undefined;
    });
    expect(problem).toBeUndefined();
    expect(readFileSync(join(base, 'moved/bot.key'), 'utf8')).toBe(`${SECRET}\n`);
    expect(() => readFileSync(join(outside, 'bot.key'))).toThrow(/ENOENT/);
  });
});
