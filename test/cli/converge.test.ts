// Walking one workspace from config to config: each step applies, and the next plan is empty.
// Real SQLite files, the CLI's command tree run in this process (test/cli/plan-apply.test.ts runs
// the same commands from the build).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../helpers/plan.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { rosterInProcess } from '../helpers/in-process.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const BASE = `provider: { type: local, path: state.db }
integrations:
  stripe: { tools: { find: read, refund: write } }
  crm: { tools: { lookup: read } }
members:
  - { email: owner@x.io, role: owner }
  - { email: m@x.io, role: member, integrations: { stripe: no-delete, crm: read-only } }
`;

async function applyConfig(dir: string, yaml: string, ...flags: string[]) {
  writeFileSync(join(dir, 'roster.yaml'), rootConfig(yaml));
  const run = await rosterInProcess(['apply', '--yes', ...flags], { cwd: dir });
  expect(run.stderr).not.toContain('error');
  expect(run.code).toBe(0);
  return run;
}

async function planIsEmpty(dir: string, config = 'roster.yaml') {
  const plan = await rosterInProcess(['plan', '-c', config, '--detailed-exitcode'], { cwd: dir });
  expect(plan.stdout).toContain('No changes.');
  expect(plan.code).toBe(0);
}

function workspace(dir: string) {
  const store = WorkspaceStore.open(join(dir, 'state.db'));
  const snapshot = store.snapshot();
  store.close();
  return snapshot.state;
}

describe('a key whose type or owner changes', () => {
  it('is replaced in one change: the new secret is delivered, the old one dies, and nothing is left to do', async () => {
    const dir = tmpDir();
    await applyConfig(
      dir,
      `${BASE}keys:\n  - { name: k-alpha, type: workspace, integrations: { stripe: read-only }, deliver: { file: k.key } }\n`,
    );
    const first = readFileSync(join(dir, 'k.key'), 'utf8');
    const moved = `${BASE}keys:\n  - { name: k-alpha, type: personal, owner: m@x.io, deliver: { file: k.key } }\n`;
    writeFileSync(join(dir, 'roster.yaml'), rootConfig(moved));
    const plan = await rosterInProcess(['plan'], { cwd: dir });
    expect(plan.stdout).toContain(
      "replace workspace key with a new personal key for m@x.io, its owner's access; secret to k.key",
    );
    await applyConfig(dir, moved);
    const second = readFileSync(join(dir, 'k.key'), 'utf8');
    expect(second).not.toBe(first);
    expect(workspace(dir).keys).toMatchObject([{ name: 'k-alpha', type: 'personal', owner: 'm@x.io', managed: true }]);
    await planIsEmpty(dir);
  });
});

describe('adoption', () => {
  it('after export, planning shows only adoptions; once applied, roster manages (and removes) what the config drops', async () => {
    const dir = tmpDir();
    // A workspace built by hand: nothing in it is managed by roster.
    const store = WorkspaceStore.open(join(dir, 'state.db'));
    store.apply(
      [
        { kind: 'workspace.update', name: 'test' },
        { kind: 'integration.connect', id: 'stripe', tools: { find: 'read' } },
        { kind: 'pipe.create', id: 'hiring' },
        { kind: 'member.invite', email: 'owner@x.io', role: 'owner' },
        { kind: 'member.invite', email: 'm@x.io', role: 'member' },
        { kind: 'grant.set', email: 'm@x.io', integration: 'stripe', profile: 'read-only', disabledTools: [] },
        { kind: 'pipe_member.set', pipe: 'hiring', email: 'm@x.io', level: 'member' },
        {
          kind: 'key.create',
          name: 'hand-made',
          type: 'workspace',
          scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
          users: [],
        },
      ],
      { actor: OPERATOR },
    );
    store.close();
    writeFileSync(join(dir, 'roster.yaml'), 'provider: { type: local, path: state.db }\n');
    expect((await rosterInProcess(['export', '--out', 'exported.yaml'], { cwd: dir })).code).toBe(0);

    const plan = await rosterInProcess(['plan', '-c', 'exported.yaml', '--format', 'json'], { cwd: dir });
    const json = JSON.parse(plan.stdout) as { changes: { change: { kind: string } }[]; summary: object };
    expect(json.changes.map((c) => c.change.kind).sort()).toEqual([
      'grant.adopt',
      'integration.adopt',
      'key.adopt',
      'member.adopt',
      'member.adopt',
      'pipe.adopt',
      'pipe_member.adopt',
    ]);
    expect(json.summary).toMatchObject({ add: 0, change: 0, remove: 0, adopt: 7 });
    const text = (await rosterInProcess(['plan', '-c', 'exported.yaml'], { cwd: dir })).stdout;
    expect(text).toMatch(/key hand-made\n\s+= adopt: roster manages it from now on/);
    expect(text).toContain('Plan: 0 to add, 0 to change, 0 to remove, 7 to adopt');

    expect((await rosterInProcess(['apply', '-c', 'exported.yaml', '--yes'], { cwd: dir })).code).toBe(0);
    await planIsEmpty(dir, 'exported.yaml');

    // Now managed: deleting the key from the config revokes it (before adoption it only warned).
    const exported = readFileSync(join(dir, 'exported.yaml'), 'utf8');
    writeFileSync(join(dir, 'exported.yaml'), exported.slice(0, exported.indexOf('keys:')));
    const removal = await rosterInProcess(['plan', '-c', 'exported.yaml'], { cwd: dir });
    expect(removal.stdout).toContain('- key hand-made: revoke');
    expect((await rosterInProcess(['apply', '-c', 'exported.yaml', '--yes'], { cwd: dir })).code).toBe(0);
    expect(workspace(dir).keys).toEqual([]);
  });

  it("an update in roster's batch marks the touched row managed, with no separate adoption", async () => {
    const dir = tmpDir();
    const store = WorkspaceStore.open(join(dir, 'state.db'));
    store.apply(
      [
        { kind: 'workspace.update', name: 'test' },
        { kind: 'member.invite', email: 'owner@x.io', role: 'owner' },
        { kind: 'member.invite', email: 'm@x.io', role: 'member' },
      ],
      { actor: OPERATOR },
    );
    store.close();
    writeFileSync(
      join(dir, 'roster.yaml'),
      rootConfig(
        'provider: { type: local, path: state.db }\nmembers:\n  - { email: owner@x.io, role: owner }\n  - { email: m@x.io, role: admin }\n',
      ),
    );
    const plan = await rosterInProcess(['plan', '--format', 'json'], { cwd: dir });
    expect(
      (JSON.parse(plan.stdout) as { changes: { change: { kind: string } }[] }).changes.map((c) => c.change.kind),
    ).toEqual(['member.adopt', 'member.update']);
    expect((await rosterInProcess(['apply', '--yes'], { cwd: dir })).code).toBe(0);
    expect(workspace(dir).members.every((m) => m.managed)).toBe(true);
    await planIsEmpty(dir);
  });
});

describe('removing an integration from the config', () => {
  it('disconnects it with its grants, narrows the keys scoped to it, and converges', async () => {
    const dir = tmpDir();
    await applyConfig(
      dir,
      `${BASE}keys:\n  - { name: bot, type: workspace, integrations: { stripe: read-only, crm: read-only }, deliver: { file: bot.key } }\n`,
    );
    const without = BASE.replace('  crm: { tools: { lookup: read } }\n', '').replace(', crm: read-only', '');
    writeFileSync(
      join(dir, 'roster.yaml'),
      rootConfig(
        `${without}keys:\n  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: bot.key } }\n`,
      ),
    );
    const plan = await rosterInProcess(['plan'], { cwd: dir });
    expect(plan.stdout).toContain('integration crm: disconnect; grants of m@x.io (read-only) go with it');
    expect(plan.stdout).toContain('[owner approval]');
    await applyConfig(
      dir,
      `${without}keys:\n  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: bot.key } }\n`,
    );
    const state = workspace(dir);
    expect(state.integrations.map((i) => i.id)).toEqual(['stripe']);
    expect(state.grants.map((g) => g.integration)).toEqual(['stripe']);
    expect(state.keys[0]!.scope.map((s) => s.integration)).toEqual(['stripe']);
    await planIsEmpty(dir);
  });
});

describe('a mass change', () => {
  it('needs --allow-mass-changes on plan and apply; --allow-removals is not enough', async () => {
    const dir = tmpDir();
    const admins = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    const config = (role: string) =>
      `provider: { type: local, path: state.db }\nmembers:\n  - { email: owner@x.io, role: owner }\n${admins
        .map((a) => `  - { email: ${a}@x.io, role: ${role} }\n`)
        .join('')}`;
    await applyConfig(dir, config('admin'));
    writeFileSync(join(dir, 'roster.yaml'), rootConfig(config('member')));
    const plan = await rosterInProcess(['plan'], { cwd: dir });
    expect(plan.stdout).toContain('the plan changes 6 of 7 member roles (86%), more than policy.max_updates allows (5');
    expect(plan.stdout).toContain('--allow-mass-changes');
    expect((await rosterInProcess(['plan', '--allow-mass-changes'], { cwd: dir })).stdout).not.toContain(
      'update-budget',
    );
    const refused = await rosterInProcess(['apply', '--yes', '--allow-removals'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('blocked by update-budget');
    await applyConfig(dir, config('member'), '--allow-mass-changes');
    expect(workspace(dir).members.filter((m) => m.role === 'member')).toHaveLength(6);
    await planIsEmpty(dir);
  });
});

describe('the delivery guard', () => {
  it('blocks a replacement whose new secret has nowhere to go', async () => {
    const dir = tmpDir();
    await applyConfig(
      dir,
      `${BASE}keys:\n  - { name: k, type: workspace, integrations: { stripe: read-only }, deliver: { file: k.key } }\n`,
    );
    writeFileSync(
      join(dir, 'roster.yaml'),
      rootConfig(`${BASE}keys:\n  - { name: k, type: personal, owner: m@x.io }\n`),
    );
    const plan = await rosterInProcess(['plan'], { cwd: dir });
    expect(plan.stdout).toContain('key k needs deliver: { file: ... } to receive its new secret');
  });
});
