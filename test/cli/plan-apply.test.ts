// plan, apply and export as a user runs them, on the local provider (a real SQLite file).
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate.js';
import { parsePlan } from '../../src/render/plan-json.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { roster } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const CONFIG = rootConfig(`provider: { type: local, path: state.db }
integrations:
  stripe: { tools: { find: read, refund: write } }
members:
  - { email: owner@x.io, role: owner }
  - { email: m@x.io, role: member, integrations: { stripe: no-delete } }
keys:
  - { name: bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: secrets/bot.key } }
`);

function workspace(dir: string) {
  const store = WorkspaceStore.open(join(dir, 'state.db'));
  const snapshot = store.snapshot();
  store.close();
  return snapshot;
}

describe('roster plan and apply (local provider)', () => {
  it('applies, delivers the secret privately, and then has nothing left to do', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    expect(roster(['plan', '--detailed-exitcode'], { cwd: dir }).code).toBe(2);
    const applied = roster(['apply', '--yes'], { cwd: dir });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied 6 changes;');
    const secret = readFileSync(join(dir, 'secrets/bot.key'), 'utf8').trim();
    expect(secret).toMatch(/^rst_/);
    expect(applied.stdout + applied.stderr).not.toContain(secret);

    const again = roster(['plan', '--detailed-exitcode'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes. The workspace matches the config.');
  });

  it('asks for confirmation, and refuses to guess when there is no terminal', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const run = roster(['apply'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pass --yes');
    expect(workspace(dir).version).toBe(0);
  });

  it('applies exactly a saved plan', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    expect(roster(['plan', '--out', 'plan.json'], { cwd: dir }).code).toBe(0);
    const run = roster(['apply', '--plan', 'plan.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(workspace(dir).state.members.map((m) => m.email)).toEqual(['m@x.io', 'owner@x.io']);
  });

  it('refuses a saved plan when the workspace moved since, changing nothing', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    roster(['plan', '--out', 'plan.json'], { cwd: dir });
    roster(['apply', '--yes'], { cwd: dir }); // someone else applied first
    const before = workspace(dir);
    const run = roster(['apply', '--plan', 'plan.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error [stale-plan]: the workspace changed since this plan was made (state version 0, now 1); since it was saved:\n  no longer planned (6):\n    workspace: set name "test"\n    integration stripe: connect with 2 tools\n',
    );
    expect(run.stderr).toContain(
      '    key bot: create workspace key, read-only on stripe; secret to secrets/bot.key\nNothing was applied',
    );
    expect(workspace(dir)).toEqual(before);
  });

  it('refuses a saved plan the config no longer produces, and a tampered one', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    roster(['plan', '--out', 'plan.json'], { cwd: dir });
    writeFileSync(join(dir, 'roster.yaml'), CONFIG.replace('stripe: no-delete', 'stripe: full'));
    const mismatch = roster(['apply', '--plan', 'plan.json'], { cwd: dir });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain(
      'error [plan-mismatch]: the config no longer produces this plan; since it was saved:\n  no longer planned (1):\n    m@x.io: no-delete on stripe\n  newly planned (1):\n    m@x.io: full on stripe\nNothing was applied',
    );

    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    plan.changes[0].change.name = 'evil';
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const tampered = roster(['apply', '--plan', 'plan.json'], { cwd: dir });
    expect(tampered.stderr).toContain('the file was edited after it was made');

    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ ...plan, changes: 'all of them' }));
    const notAPlan = roster(['apply', '--plan', 'plan.json'], { cwd: dir });
    expect(notAPlan.stderr).toContain(
      'error [bad-plan]: plan.json cannot be applied: it is not a roster plan (/changes',
    );
    writeFileSync(join(dir, 'plan.json'), '{ "formatVersion": ');
    const notJson = roster(['apply', '--plan', 'plan.json'], { cwd: dir });
    expect(notJson.stderr).toContain('it is not JSON');
    expect([tampered.code, notAPlan.code, notJson.code]).toEqual([1, 1, 1]);
    expect(workspace(dir).version).toBe(0);
  });

  it('prints a blocked plan, then refuses it', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG.replace(', deliver: { file: secrets/bot.key }', '') });
    const plan = roster(['plan'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('Blocked: this plan will not be applied');
    expect(plan.stdout).toContain('x no-delivery: key bot needs deliver');
    const saved = roster(['plan', '--out', 'plan.json'], { cwd: dir });
    expect(saved.code).toBe(1);
    expect(saved.stderr).toBe(
      'saved the plan to plan.json; it cannot be applied: guards block it (no-delivery; see "Blocked" above)\n',
    );
    const apply = roster(['apply', '--yes'], { cwd: dir });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('error [plan-blocked]');
    expect(workspace(dir).version).toBe(0);
  });

  it('renders JSON that reads back as a valid plan, and markdown for pull requests', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG });
    const json = roster(['plan', '--format', 'json'], { cwd: dir });
    const { plan, problem } = parsePlan(json.stdout);
    expect(problem).toBeUndefined();
    expect(plan).toMatchObject({
      formatVersion: 1,
      stateVersion: '0',
      summary: { add: 5, change: 1, remove: 0, billableSeats: 2 },
    });
    const markdown = roster(['plan', '--format', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain('**Plan: 5 to add, 1 to change, 0 to remove; billable seats +2**');
    expect(markdown.stdout).toContain(
      '| `+` | `m@x.io` | no-delete on stripe (direct) |  | `roster.yaml:8:52` | admin |',
    );
  });

  it('does not read the workspace when the config is invalid', () => {
    const dir = tmpDir({ 'roster.yaml': CONFIG.replace('role: member', 'role: membr') });
    const run = roster(['apply', '--yes'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('roster.yaml:8:28: error [bad-value]');
    expect(readdirSync(dir)).toEqual(['roster.yaml']);
  });
});

/** Who holds what in a config, without where it was written or how it is delivered. */
function access(config: string) {
  const { desired } = validateConfig(config);
  if (!desired) throw new Error(`${config} is not valid`);
  const sorted = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
  return {
    members: sorted(desired.members.map((m) => [m.email, m.role])),
    integrations: sorted(desired.integrations.map((i) => [i.id, i.tools])),
    grants: sorted(desired.grants.map((g) => [g.email, g.integration, g.profile, g.disabledTools, g.expires])),
    pipes: sorted(desired.pipeMemberships.map((p) => [p.pipe, p.email, p.level, p.expires])),
    keys: sorted(desired.keys.map((k) => [k.name, k.type, k.owner, k.scope, k.users, k.expires])),
  };
}

/** What only a config says (the workspace does not store it): policy, github logins, rotation, delivery. */
function configOnly(config: string) {
  const { model, desired } = validateConfig(config);
  if (!model || !desired) throw new Error(`${config} is not valid`);
  return {
    policy: model.policy,
    github: desired.members.map((m) => [m.email, m.github]).sort(),
    keys: desired.keys.map((k) => [k.name, k.rotateEveryDays, k.deliver]).sort(),
  };
}

describe('roster export', () => {
  const examples = join(import.meta.dirname, '../../examples');
  for (const name of readdirSync(examples).filter((entry) => existsSync(join(examples, entry, 'roster.yaml')))) {
    it(`round-trips ${name}: apply, export, plan shows no changes`, () => {
      const dir = tmpDir();
      cpSync(join(examples, name), dir, { recursive: true });
      const config = readFileSync(join(dir, 'roster.yaml'), 'utf8')
        .replace(/provider: .*/, 'provider: { type: local, path: state.db }')
        .replace(/\.\.\/\.\.\/\.roster/g, '.roster');
      writeFileSync(join(dir, 'roster.yaml'), config);
      expect(roster(['apply', '--yes', '--allow-removals'], { cwd: dir }).code).toBe(0);

      // The apply reached the config: planning it again finds nothing to do.
      expect(roster(['plan', '--detailed-exitcode'], { cwd: dir }).code).toBe(0);

      const exported = roster(['export', '--out', 'exported.yaml'], { cwd: dir });
      expect(exported.code).toBe(0);
      expect(roster(['validate', '-c', 'exported.yaml'], { cwd: dir }).code).toBe(0);
      const plan = roster(['plan', '-c', 'exported.yaml', '--detailed-exitcode'], { cwd: dir });
      expect(plan.stdout).toContain('No changes.');
      expect(plan.code).toBe(0);
      // The export says what the original config says, not merely what the workspace says of itself.
      expect(access(join(dir, 'exported.yaml'))).toEqual(access(join(dir, 'roster.yaml')));
      // And what the workspace does not store comes over from the config it was exported with.
      expect(configOnly(join(dir, 'exported.yaml'))).toEqual(configOnly(join(dir, 'roster.yaml')));
    });
  }
});
