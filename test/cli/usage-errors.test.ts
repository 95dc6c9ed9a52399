// Commander's own refusals (a missing argument, an unknown option or command, a bad choice) come out
// as every roster error does: "error [code]: what", then where to read the usage; status 1.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rosterInProcess } from '../helpers/in-process.js';
import { tmpDir } from '../helpers/tmp.js';

const CASES: [string[], string][] = [
  [['who'], "error [missing-argument]: missing required argument 'target'\nhint: roster who --help"],
  [
    ['validate', '--formt', 'json'],
    "error [unknown-option]: unknown option '--formt' (Did you mean --format?)\nhint: roster validate --help",
  ],
  [['frobnicate'], "error [unknown-command]: unknown command 'frobnicate'\nhint: roster --help"],
  [
    ['validate', '--format', 'xml'],
    "error [invalid-argument]: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, github.\nhint: roster validate --help",
  ],
  [
    ['plan', '--out'],
    "error [option-missing-argument]: option '--out <file>' argument missing\nhint: roster plan --help",
  ],
  [['who', 'a@x.io', 'b@x.io'], "error [excess-arguments]: too many arguments for 'who'"],
];

describe("commander's refusals", () => {
  for (const [args, expected] of CASES) {
    it(`roster ${args.join(' ')}: ${expected.slice(0, expected.indexOf(']') + 1)}`, async () => {
      const run = await rosterInProcess(args, { cwd: tmpDir() });
      expect(run.code).toBe(1);
      expect(run.stderr.startsWith(expected)).toBe(true);
      expect(run.stderr).not.toMatch(/^error: /m);
      expect(run.stdout).toBe('');
    });
  }

  it('leave help and version as they are', async () => {
    const help = await rosterInProcess(['who', '--help'], { cwd: tmpDir() });
    expect([help.code, help.stdout.startsWith('Usage: roster who'), help.stderr]).toEqual([0, true, '']);
    const version = await rosterInProcess(['--version'], { cwd: tmpDir() });
    const { version: declared } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect([version.code, version.stdout.trim()]).toEqual([0, declared]);
  });
});
