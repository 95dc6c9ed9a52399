// Names reach terminals and CI logs. A config (from a pull request) may not hold control
// characters in any name, and what the workspace holds (never validated) is shown escaped: the
// only escape sequences roster prints are its own colours.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../src/store/store.js';
import { roster } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const CLEAR = '\x1b[2J\x1b[H';
/** Raw control characters and bidirectional overrides, which no output may carry. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('control characters in names', () => {
  it('refuses them raw anywhere in a file, which YAML does not allow, showing them escaped', () => {
    const dir = tmpDir({
      'roster.yaml': `workspace: { name: "acme${CLEAR}", plan: business }\nversion: 1\nmembers: [{ email: o@x.io, role: owner }]\n`,
    });
    const run = roster(['validate'], { cwd: dir });
    expect(run.code).toBe(1);
    const output = run.stdout + run.stderr;
    expect(output).toMatch(/roster\.yaml:1:25: error \[yaml-syntax\] .*control character \(\\u001b\)/);
    expect(output).not.toMatch(RAW);
  });

  it.each([
    ['a member name', `members:\n  - { email: ana@acme.com, role: owner, name: "Ana\\e[2J" }`, '4:47'],
    ['a team name', `teams:\n  sales: { name: "Sales\\u202E", members: [] }`, '4:18'],
    ['an integration name', `integrations:\n  stripe: { name: "Stripe\\x9b2J" }`, '4:19'],
    ['a pipe name', `pipes:\n  hiring: { name: "Hi\\x7fring" }`, '4:19'],
  ])('refuses them in %s, naming file:line:col and showing them escaped', (_, yaml, at) => {
    const config = yaml.startsWith('workspace')
      ? `${yaml}\nversion: 1\nmembers: [{ email: o@x.io, role: owner }]\n`
      : `version: 1\nworkspace: { name: acme, plan: business }\n${yaml}\n${yaml.startsWith('members') ? '' : 'members: [{ email: o@x.io, role: owner }]\n'}`;
    const dir = tmpDir({ 'roster.yaml': config });
    const run = roster(['validate'], { cwd: dir });
    expect(run.code).toBe(1);
    const output = run.stdout + run.stderr;
    expect(output).toMatch(new RegExp(`roster\\.yaml:${at}: error \\[bad-value\\] .*without control characters`));
    expect(output).not.toMatch(RAW);
    expect(output).toMatch(/\\u001b\[2J|\\u202e|\\x9b|\\x7f/);
  });

  it('shows control characters that a diagnostic quotes as escapes', () => {
    const dir = tmpDir({
      'roster.yaml': `version: 1\nworkspace: { name: acme, plan: business }\n"evil\\e[2J\\u202E": 1\nmembers: [{ email: o@x.io, role: "own\\u202Eer" }]\n`,
    });
    for (const format of ['text', 'github']) {
      const run = roster(['validate', '--format', format], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toMatch(RAW);
      // Quoted values are JSON-escaped (\u001b), everything else visibly escaped (\x1b): both inert.
      expect(run.stdout + run.stderr).toMatch(/evil\\(x1b|u001b)\[2J\\u202e/);
    }
  });

  it('prints what the workspace holds escaped in the text plan and in apply', () => {
    const dir = tmpDir({
      'roster.yaml': `version: 1
workspace: { name: acme, plan: business }
provider: { type: local, path: state.db }
members: [{ email: o@x.io, role: owner }]
`,
    });
    const store = WorkspaceStore.open(join(dir, 'state.db'));
    store.apply([{ kind: 'member.invite', email: 'o@x.io', role: 'owner' }], {
      actor: { name: 'test', role: 'owner' },
    });
    store.close();
    // A workspace that took such an email before invitations refused it: written as the store
    // wrote it, in lower case (the escapes show as \x1b[2j).
    const db = new Database(join(dir, 'state.db'));
    db.prepare(
      `INSERT INTO members (email, role, status, invited_at, managed, created_at)
       VALUES (?, 'member', 'pending', '2026-01-01T00:00:00Z', 0, '2026-01-01T00:00:00Z')`,
    ).run(`mallory${CLEAR}\u202e@x.io`.toLowerCase());
    db.close();

    const plan = roster(['plan'], { cwd: dir });
    expect(plan.code).toBe(0);
    expect(plan.stdout).not.toMatch(RAW);
    expect(plan.stdout).toContain('mallory\\x1b[2j\\x1b[h\\u202e@x.io');

    const apply = roster(['apply', '--yes'], { cwd: dir });
    expect(apply.code).toBe(0);
    expect(apply.stdout + apply.stderr).not.toMatch(RAW);
    expect(apply.stdout).toContain('mallory\\x1b[2j\\x1b[h\\u202e@x.io');
  });

  it('refuses to export names with control characters, showing them only as escapes', () => {
    const dir = tmpDir({
      'roster.yaml':
        'version: 1\nworkspace: { name: acme, plan: business }\nprovider: { type: local, path: state.db }\n',
    });
    const name = `Eve${CLEAR}\u202e\u0085\u007f\tx`;
    const store = WorkspaceStore.open(join(dir, 'state.db'));
    store.apply([{ kind: 'member.invite', email: 'o@x.io', name, role: 'owner' }], {
      actor: { name: 'test', role: 'owner' },
    });
    store.close();

    // The export would not validate, so it is refused; the reason quotes the name as escapes.
    const run = roster(['export'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error [export-invalid]');
    expect(run.stderr).not.toMatch(RAW);
  });
});
