// `roster validate` as a user runs it: the built binary, real files, exit codes and formats.
import { describe, expect, it } from 'vitest';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const VALID = rootConfig(
  'members:\n  - { email: o@x.io, role: owner }\n  - { email: a@x.io, role: admin, pipes: {} }\n',
);
const INVALID = rootConfig('members:\n  - { email: o@x.io, role: ownr }\n');

describe('roster validate', () => {
  it('exits 0 on a valid config and reads roster.yaml by default', () => {
    const run = roster(['validate'], { cwd: tmpDir({ 'roster.yaml': VALID }) });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('roster.yaml is valid: 0 errors, 0 warnings');
  });

  it('exits 1 with file:line:col, code and advice, and no stack trace', () => {
    const run = roster(['validate', '-c', 'roster.yaml'], { cwd: tmpDir({ 'roster.yaml': INVALID }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('roster.yaml:4:28: error [bad-value] members[0].role is "ownr"');
    expect(run.stderr).toContain('did you mean "owner"?');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints GitHub workflow annotations', () => {
    const run = roster(['validate', '--format', 'github'], { cwd: tmpDir({ 'roster.yaml': INVALID }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('::error file=roster.yaml,line=4,col=28,title=roster bad-value::members[0].role is');
  });

  it('prints JSON on stdout for tools', () => {
    const run = roster(['validate', '--format', 'json'], { cwd: tmpDir({ 'roster.yaml': INVALID }) });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.valid).toBe(false);
    expect(report.diagnostics[0]).toMatchObject({ code: 'bad-value', file: 'roster.yaml', line: 4, col: 28 });
  });

  it('explains a missing file and an unknown flag without a stack trace', () => {
    const dir = tmpDir();
    const missing = roster(['validate'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('roster.yaml:1:1: error [file-not-found]');
    const badFlag = roster(['validate', '--formt', 'json'], { cwd: dir });
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toContain("error [unknown-option]: unknown option '--formt'");
  });
});
