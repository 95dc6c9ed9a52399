// `roster plan` through the built CLI against the fake Pipefy on 127.0.0.1, as a user runs it.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakePipefy } from '../../src/bench/fake-pipefy/server.js';
import type { Change } from '../../src/model/changes.js';
import { rosterAsync } from '../helpers/cli.js';
import { HIRING_YAML, openPipefy, PIPEFY_SEED, pipefyConfig } from '../helpers/pipefy.js';
import { tmpDir } from '../helpers/tmp.js';

let fake: FakePipefy;
afterEach(() => fake?.close());

async function plan(yaml: string, args: string[] = [], token = 'tok') {
  const dir = tmpDir({ 'roster.yaml': yaml });
  return rosterAsync(['plan', ...args], { cwd: dir, env: { PIPEFY_URL: fake.url, PIPEFY_TOKEN: token } });
}

describe('roster plan with the pipefy provider', () => {
  it('plans invites, levels and removals; company admins and unknown levels are left alone', async () => {
    ({ fake } = await openPipefy(PIPEFY_SEED));
    const text = await plan(pipefyConfig(HIRING_YAML));
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('fin@acme.io: pipe hiring: restricted-view -> read-only');
    expect(text.stdout).toContain('invite as member');
    expect(text.stdout).toContain('remove external-guest');
    expect(text.stdout).toContain('cre@acme.io is "creator" in pipe hiring, a level roster has no name for');
    const json = JSON.parse((await plan(pipefyConfig(HIRING_YAML), ['--format', 'json'])).stdout);
    const changes = json.changes.map((c: { change: Change }) => c.change);
    // ana and bot are company admins: admins of every pipe by Pipefy's rule, nothing planned for them.
    expect(changes.filter((c: Change) => 'email' in c && /^(ana|bot)@/.test(c.email))).toEqual([]);
    expect(changes.filter((c: Change) => 'email' in c && c.email === 'cre@acme.io')).toEqual([]);
    expect(changes.map((c: Change) => c.kind).sort()).toEqual([
      'member.invite',
      'member.remove',
      'pipe_member.set',
      'pipe_member.set',
    ]);
    // Pipefy bills the seat when the invite is sent; the external guest removed held no seat.
    expect(json.summary.billableSeats).toBe(1);
  });

  it('leaves a custom-role member and their pipes alone, and refuses a config that declares them', async () => {
    const [org] = PIPEFY_SEED.organizations!;
    const [pipe, ...otherPipes] = PIPEFY_SEED.pipes!;
    ({ fake } = await openPipefy({
      ...PIPEFY_SEED,
      organizations: [{ ...org!, members: [...org!.members, { email: 'aud@acme.io', role: 'auditor' }] }],
      pipes: [{ ...pipe!, members: [...pipe!.members, { email: 'aud@acme.io', role: 'member' }] }, ...otherPipes],
    }));
    const text = await plan(pipefyConfig(HIRING_YAML));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('aud@acme.io has the company role "auditor", which roster has no word for');
    const json = JSON.parse((await plan(pipefyConfig(HIRING_YAML), ['--format', 'json'])).stdout);
    // Not removed from the pipe, although the config does not give them hiring.
    expect(json.changes.filter((c: { change: Change }) => JSON.stringify(c.change).includes('aud@'))).toEqual([]);

    const declaring = `${pipefyConfig(HIRING_YAML)}  - { email: aud@acme.io, role: member }\n`;
    const refused = await plan(declaring);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      'aud@acme.io (roster.yaml:15:5) is declared as member, but has the company role "auditor" on the platform',
    );
    const dir = tmpDir({ 'roster.yaml': declaring });
    const env = { PIPEFY_URL: fake.url, PIPEFY_TOKEN: 'tok' };
    const applied = await rosterAsync(['apply', '--yes'], { cwd: dir, env });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('unknown-role');
    expect(fake.state.operations.filter((op) => op.type === 'mutation')).toEqual([]);
  });

  it('plans nothing once the plan is applied, change by change', async () => {
    const opened = await openPipefy(PIPEFY_SEED);
    fake = opened.fake;
    const json = JSON.parse((await plan(pipefyConfig(HIRING_YAML), ['--format', 'json'])).stdout);
    for (const { change } of json.changes as { change: Change }[]) {
      await opened.cbc.applyChange(change, {});
      expect(await opened.cbc.holds(change)).toBe(true);
    }
    const again = await plan(pipefyConfig(HIRING_YAML), ['--detailed-exitcode']);
    expect(again.stdout).toContain('No changes. The workspace matches the config.');
    expect(again.code).toBe(0);
  });

  it('refuses a declared pipe the token cannot see, naming the pipe and its line, without a stack trace', async () => {
    ({ fake } = await openPipefy(PIPEFY_SEED));
    const result = await plan(pipefyConfig('hiring: { name: Hiring, pipefy_id: "11" }'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pipe hiring (roster.yaml:7:3) has pipefy_id 11');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fake.state.operations.filter((op) => op.type === 'mutation')).toEqual([]);
  });

  it('says the organization is unknown, naming its id', async () => {
    ({ fake } = await openPipefy(PIPEFY_SEED));
    const result = await plan(pipefyConfig(HIRING_YAML, '301'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no organization 301');
  });

  it('says PIPEFY_TOKEN was refused', async () => {
    ({ fake } = await openPipefy(PIPEFY_SEED));
    const result = await plan(pipefyConfig(HIRING_YAML), [], 'expired');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Pipefy refused PIPEFY_TOKEN');
  });
});
