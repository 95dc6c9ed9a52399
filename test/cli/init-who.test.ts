// `roster init` (a starter config, or the workspace as export writes it) and `roster who` (who can
// use what, and why, from the config) as a user runs them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

describe('roster init', () => {
  it('writes a starter roster.yaml with the owner, which validates and plans', () => {
    const dir = tmpDir();
    const run = roster(['init', '--owner', 'Ana@Acme.com'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('wrote roster.yaml');
    const text = readFileSync(join(dir, 'roster.yaml'), 'utf8');
    expect(text).toContain('{ email: "Ana@Acme.com", role: owner }');
    // Each commented section names the section of docs/configuration.md that describes it.
    const named = [...text.matchAll(/\(docs: (\w+)\)/g)].map((match) => match[1]);
    const reference = readFileSync(join(import.meta.dirname, '../../docs/configuration.md'), 'utf8');
    expect(named).toEqual(['provider', 'policy', 'integrations', 'pipes', 'teams', 'members', 'keys']);
    for (const section of named) expect(reference).toContain(`\n## \`${section}\`\n`);
    expect(roster(['validate'], { cwd: dir }).stderr).toContain('roster.yaml is valid: 0 errors, 0 warnings');
    expect(roster(['plan'], { cwd: dir }).stdout).toContain('ana@acme.com');
  });

  it('refuses to overwrite a file, leaving it as it was', () => {
    const dir = tmpDir({ 'mine.yaml': 'keep me\n' });
    const run = roster(['init', '--owner', 'ana@acme.com', '-c', 'mine.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [file-exists]: mine.yaml already exists');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('keep me\n');
  });

  it('needs an owner, and one that is an email, writing nothing otherwise', () => {
    const dir = tmpDir();
    const missing = roster(['init'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('roster init --owner you@example.com');
    const bad = roster(['init', '--owner', 'ana"\n  - { email: x@y.z, role: owner }'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('nothing was written');
    expect(existsSync(join(dir, 'roster.yaml'))).toBe(false);
  });

  it('with --from-workspace writes the local workspace as export does', () => {
    const dir = tmpDir({
      'seed.yaml': rootConfig(`provider: { type: local, path: .roster/state.db }
members:
  - { email: owner@x.io, role: owner }
  - { email: m@x.io, role: member }
`),
    });
    expect(roster(['apply', '--yes', '-c', 'seed.yaml'], { cwd: dir }).code).toBe(0);
    const run = roster(['init', '--from-workspace'], { cwd: dir });
    expect(run.code).toBe(0);
    const text = readFileSync(join(dir, 'roster.yaml'), 'utf8');
    expect(text).toContain('Exported by roster');
    expect(text).toContain('m@x.io');
    expect(roster(['plan', '--detailed-exitcode'], { cwd: dir }).code).toBe(0);
    expect(roster(['init', '--from-workspace'], { cwd: dir }).stderr).toContain('already exists');
  });
});

const CONFIG = rootConfig(`integrations:
  stripe: { tools: { find: read, refund: write, wipe: delete } }
pipes:
  hiring: {}
teams:
  finance: { members: [fin@x.io, tom@x.io], integrations: { stripe: read-only }, pipes: { hiring: read-only } }
members:
  - { email: ana@x.io, name: Ana, role: owner }
  - email: fin@x.io
    role: member
    integrations: { stripe: { profile: no-delete, disabled_tools: [refund] } }
  - { email: tom@x.io, role: member }
  - { email: gus@x.io, role: guest }
keys:
  - { name: bot, type: workspace, integrations: { stripe: read-only }, users: [fin@x.io], deliver: { file: bot.key } }
`);

describe('roster who', () => {
  it('shows what one person can use and where each access comes from, without reading the workspace', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const run = roster(['who', 'FIN@x.io'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('fin@x.io: member');
    expect(run.stdout).toMatch(
      /stripe {2}no-delete {2}disabled: refund {2}\(team:finance roster\.yaml:\d+:\d+, direct roster\.yaml:\d+:\d+\)/,
    );
    expect(run.stdout).toMatch(/hiring {2}read-only {2}\(team:finance/);
    expect(run.stdout).toContain('bot  workspace key, listed as a user');
    expect(run.stdout).toContain('the workspace is not read');
    expect(existsSync(join(dir, '.roster'))).toBe(false);
  });

  it('shows that owners and admins use everything by their role', () => {
    const run = roster(['who', 'ana@x.io'], { cwd: tmpDir({ 'roster.yaml': CONFIG }) });
    expect(run.stdout).toContain('ana@x.io (Ana): owner');
    expect(run.stdout).toContain('stripe  full  (role owner)');
    expect(run.stdout).toContain('hiring  admin  (role owner)');
  });

  it('shows who can use an integration, and a pipe, in JSON too', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const text = roster(['who', 'stripe'], { cwd: dir }).stdout;
    expect(text).toContain('integration stripe');
    expect(text).toContain('tom@x.io  read-only  (team:finance');
    expect(text).not.toContain('gus@x.io');
    const json = JSON.parse(roster(['who', 'hiring', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.basis).toBe('config');
    expect(json.answers[0]).toMatchObject({ kind: 'pipe', id: 'hiring' });
    expect(json.answers[0].members).toEqual(
      expect.arrayContaining([
        { email: 'ana@x.io', pipe: 'hiring', level: 'admin', from: [{ via: 'role owner' }] },
        expect.objectContaining({
          email: 'tom@x.io',
          level: 'read-only',
          from: [expect.objectContaining({ via: 'team:finance' })],
        }),
      ]),
    );
  });

  it('says plainly when there is no such member, integration or pipe', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const person = roster(['who', 'nobody@x.io'], { cwd: dir });
    expect(person.code).toBe(1);
    expect(person.stderr).toContain('error [not-found]: roster.yaml has no member "nobody@x.io"');
    expect(roster(['who', 'zendesk'], { cwd: dir }).stderr).toContain('no integration or pipe "zendesk"');
  });
});
