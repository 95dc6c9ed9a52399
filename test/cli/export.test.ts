// What `roster export` gives a user: a roster.yaml that validates and means what the config meant,
// or a refusal that says why, with nothing created or written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WorkspaceStore } from '../../src/store/store.js';
import type { Change } from '../../src/model/changes.js';
import { OPERATOR } from '../helpers/plan.js';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

/** A workspace made by hand (not through a config) in `dir`/state.db. */
function handMade(dir: string, changes: Change[]): void {
  const store = WorkspaceStore.open(join(dir, 'state.db'));
  if (changes.length) store.apply(changes, { actor: OPERATOR });
  store.close();
}

const PROVIDER_ONLY = 'provider: { type: local, path: state.db }\n';

describe('roster export refuses what would not validate', () => {
  it("refuses when what it carries from the config would leave no owner (an owner's end date has passed)", () => {
    const dir = tmpDir({
      'roster.yaml': rootConfig(
        `${PROVIDER_ONLY}members:\n  - { email: ana@x.io, role: owner, expires: 2020-01-01 }\n  - { email: carla@x.io, role: owner }\n`,
      ),
    });
    handMade(dir, [
      { kind: 'workspace.update', name: 'test' },
      { kind: 'member.invite', email: 'ana@x.io', role: 'owner' },
    ]);
    const run = roster(['export', '--out', 'exported.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [export-invalid]: the export would not validate (no-owner');
    expect(existsSync(join(dir, 'exported.yaml'))).toBe(false);
  });

  it('refuses a workspace that does not exist, naming the path, and creates nothing', () => {
    const dir = tmpDir({ 'roster.yaml': rootConfig('provider: { type: local, path: stat.db }\n') });
    const run = roster(['export', '--out', 'exported.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error [workspace-not-found]: local stat.db does not exist: there is no workspace to export, and nothing was created. Check provider.path in roster.yaml\n',
    );
    expect(readdirSync(dir)).toEqual(['roster.yaml']);
  });

  it('refuses an existing but empty workspace: it has no owner', () => {
    const dir = tmpDir({ 'roster.yaml': PROVIDER_ONLY });
    handMade(dir, []);
    const run = roster(['export'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'error [export-no-owner]: the workspace has no owner; nothing to export (a config needs at least one owner). It has no members at all: check that the provider is the workspace you meant',
    );
  });

  it('refuses a workspace with no name unless the config names it, and then takes that name', () => {
    const dir = tmpDir({ 'roster.yaml': PROVIDER_ONLY, 'named.yaml': rootConfig(PROVIDER_ONLY) });
    handMade(dir, [{ kind: 'member.invite', email: 'o@x.io', role: 'owner' }]);

    const unnamed = roster(['export'], { cwd: dir });
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain(
      'error [export-unnamed]: the workspace has no name; nothing to export. Pass a config with workspace.name (-c roster.yaml), or name the workspace first',
    );

    const named = roster(['export', '-c', 'named.yaml', '--out', 'exported.yaml'], { cwd: dir });
    expect(named.stderr).toBe('wrote exported.yaml: 1 member, 0 keys\n');
    const text = readFileSync(join(dir, 'exported.yaml'), 'utf8');
    expect(parse(text).workspace).toEqual({ name: 'test', plan: 'business' });
    expect(text).toContain('# From named.yaml (the workspace does not store');
    expect(text).toContain('): the workspace name.\n');
    expect(roster(['validate', '-c', 'exported.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('refuses when the workspace has fewer owners than the policy it would carry over', () => {
    const dir = tmpDir({
      'roster.yaml': rootConfig(
        `${PROVIDER_ONLY}policy: { min_owners: 2 }\nmembers:\n  - { email: a@x.io, role: owner }\n  - { email: b@x.io, role: owner }\n`,
      ),
    });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    handMade(dir, [{ kind: 'member.update', email: 'b@x.io', role: 'member' }]);
    const run = roster(['export'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error [export-too-few-owners]: the workspace has 1 owner, but policy.min_owners in roster.yaml is 2; nothing to export',
    );
  });
});

describe('every export the CLI writes validates', () => {
  const owner: Change = { kind: 'member.invite', email: 'o@x.io', role: 'owner' };
  const named: Change = { kind: 'workspace.update', name: 'acme' };
  const workspaces: Record<string, Change[]> = {
    empty: [],
    'no name': [owner],
    'owner only': [named, owner],
    'keys, grants and pipes': [
      named,
      owner,
      { kind: 'integration.connect', id: 'stripe', tools: { find: 'read', refund: 'write' } },
      { kind: 'pipe.create', id: 'hiring' },
      { kind: 'member.invite', email: 'm@x.io', role: 'member' },
      { kind: 'grant.set', email: 'm@x.io', integration: 'stripe', profile: 'no-delete', disabledTools: ['refund'] },
      { kind: 'pipe_member.set', pipe: 'hiring', email: 'm@x.io', level: 'admin' },
      { kind: 'key.create', name: 'mine', type: 'personal', owner: 'm@x.io', scope: [], users: [] },
    ],
  };
  for (const [name, changes] of Object.entries(workspaces)) {
    it(`${name}: writes a file that validates, or refuses and writes nothing`, () => {
      const dir = tmpDir({ 'roster.yaml': PROVIDER_ONLY });
      handMade(dir, changes);
      const run = roster(['export', '--out', 'exported.yaml'], { cwd: dir });
      if (run.code === 0) {
        const validate = roster(['validate', '-c', 'exported.yaml'], { cwd: dir });
        expect(validate.stdout + validate.stderr).toContain('exported.yaml is valid');
      } else {
        expect(run.stderr).toMatch(/error \[export-[a-z-]+\]: the workspace has no/);
        expect(existsSync(join(dir, 'exported.yaml'))).toBe(false);
      }
    });
  }
});

describe('roster export carries over what the workspace does not store', () => {
  const CONFIG = rootConfig(`${PROVIDER_ONLY}policy:
  min_owners: 1
  max_removals: { ratio: 0.5, count: 3 }
  unmanaged: { members: warn, keys: ignore }
integrations:
  stripe: { tools: { find: read } }
members:
  - { email: Ana@x.io, role: owner, github: ana-gh }
  - { email: ben@x.io, role: member, expires: 2999-01-01, integrations: { stripe: read-only } }
keys:
  - name: bot
    type: workspace
    integrations: { stripe: read-only }
    rotate_every: 90d
    deliver: { file: secrets/bot.key }
`);

  it('writes the policy, github logins, member expiry, rotate_every and deliver, and says where each came from', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    const run = roster(['export', '--out', 'exported.yaml'], { cwd: dir });
    expect(run.stderr).toBe('wrote exported.yaml: 2 members, 1 key\n');
    const text = readFileSync(join(dir, 'exported.yaml'), 'utf8');
    const exported = parse(text);
    expect(exported.policy).toEqual(parse(CONFIG).policy);
    expect(exported.members).toEqual([
      { email: 'ana@x.io', role: 'owner', github: 'ana-gh' },
      { email: 'ben@x.io', role: 'member', expires: '2999-01-01', integrations: { stripe: 'read-only' } },
    ]);
    expect(exported.keys).toEqual([
      {
        name: 'bot',
        type: 'workspace',
        integrations: { stripe: 'read-only' },
        rotate_every: '90d',
        deliver: { file: 'secrets/bot.key' },
      },
    ]);
    expect(text.split('\n').slice(1, 3)).toEqual([
      '# From the workspace: its name, plan, integrations, pipes, members, roles, grants, pipe levels and keys.',
      "# From roster.yaml (the workspace does not store policy, members' github, keys' rotate_every and deliver): policy, github and expires of 2 members, rotate_every and deliver of 1 key.",
    ]);
    expect(roster(['validate', '-c', 'exported.yaml'], { cwd: dir }).code).toBe(0);
    expect(roster(['plan', '-c', 'exported.yaml'], { cwd: dir }).stdout).toContain('No changes.');
  });

  it("writes deliver.file relative to the export's folder", () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    expect(roster(['export', '--out', 'secrets/exported.yaml'], { cwd: dir }).code).toBe(0);
    expect(parse(readFileSync(join(dir, 'secrets/exported.yaml'), 'utf8')).keys[0].deliver).toEqual({
      file: 'bot.key',
    });

    // From another folder the path would need "..", which deliver.file may not use: refused.
    const outside = roster(['export', '--out', 'other/exported.yaml'], { cwd: dir });
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('error [export-deliver-outside]: key bot delivers its secret to');
    expect(existsSync(join(dir, 'other/exported.yaml'))).toBe(false);
  });

  it('without a valid config, says in the header what the user must add by hand', () => {
    const dir = tmpDir({ 'provider.yaml': PROVIDER_ONLY });
    handMade(dir, [
      { kind: 'workspace.update', name: 'acme' },
      { kind: 'member.invite', email: 'o@x.io', role: 'owner' },
    ]);
    const run = roster(['export', '-c', 'provider.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('note: provider.yaml is not a valid config');
    expect(run.stdout).toContain(
      "# The workspace does not store policy, members' github, keys' rotate_every and deliver: add them by hand.",
    );
  });
});

describe('roster plan and apply on a workspace that does not exist', () => {
  it('says first that the workspace is new, in text and in markdown', () => {
    const dir = tmpDir({
      'roster.yaml': rootConfig(
        'provider: { type: local, path: stat.db }\nmembers: [{ email: o@x.io, role: owner }]\n',
      ),
    });
    const text = roster(['plan'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      'roster plan for workspace test on local stat.db (state version 0)',
      'New workspace: local stat.db does not exist yet, so it is planned as empty (state version 0) and apply creates it. If you meant an existing workspace, check provider.path.',
    ]);
    const markdown = roster(['plan', '--format', 'markdown'], { cwd: dir }).stdout;
    expect(markdown).toContain('New workspace: local stat.db does not exist yet');
    expect(JSON.parse(roster(['plan', '--format', 'json'], { cwd: dir }).stdout).newWorkspace).toBe(true);
    expect(readdirSync(dir)).toEqual(['roster.yaml']);

    // Apply shows the same line before it asks; declined (no terminal to ask), it creates nothing.
    const declined = roster(['apply'], { cwd: dir });
    expect(declined.code).toBe(1);
    expect(declined.stdout).toContain('New workspace: local stat.db does not exist yet');
    expect(readdirSync(dir)).toEqual(['roster.yaml']);

    // Once applied, it exists: the next plan no longer says so.
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    expect(roster(['plan'], { cwd: dir }).stdout).not.toContain('New workspace');
  });
});
