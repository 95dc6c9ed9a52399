// roster apply through the built CLI against the fake Pipefy GraphQL server on 127.0.0.1: applied
// change by change, idempotent, a stale scope refused, success without effect retried then
// reported, a 502 on a write settled by reading, and a run killed mid-apply resumed without
// inviting anyone twice, and no journal of another plan holding back a re-invite.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakePipefy, startFakePipefy } from '../../src/bench/fake-pipefy/server.js';
import { CLI, rosterAsync } from '../helpers/cli.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const SEED = {
  organizations: [{ id: '300', members: [{ email: 'bot@acme.io', role: 'super_admin' }] }],
  pipes: [{ id: '10', organization: '300', name: 'Hiring', members: [{ email: 'bot@acme.io', role: 'admin' }] }],
  tokens: { 'bot-token': 'bot@acme.io' },
};

const people = (names: string[]) =>
  names.map((name) => `  - { email: ${name}@acme.io, role: member, pipes: { hiring: member } }`).join('\n');

const config = (names: string[]) =>
  rootConfig(`provider: { type: pipefy, organization_id: "300" }
pipes:
  hiring: { name: Hiring, pipefy_id: "10" }
members:
  - { email: bot@acme.io, role: owner }
${people(names)}
`);

let fake: FakePipefy | undefined;
let proxy: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await proxy?.close();
  await fake?.close();
  proxy = undefined;
  fake = undefined;
});

async function setup(names: string[]) {
  fake = await startFakePipefy(SEED);
  const dir = tmpDir({ 'roster.yaml': config(names) });
  return { fake, dir, env: env(fake.url) };
}

const env = (url: string) => ({ PIPEFY_URL: url, PIPEFY_TOKEN: 'bot-token', ROSTER_APPLY_CONCURRENCY: '1' });

/** How many invites for this email reached the fake, carried out or not. */
const invites = (state: FakePipefy['state'], email: string, where: 'organization_id' | 'pipe_id' = 'organization_id') =>
  state.count('inviteMembers', (args) => {
    const input = args.input as { emails: { email: string }[] } & Record<string, unknown>;
    return where in input && input.emails.some((e) => e.email === email);
  });

const mutations = (state: FakePipefy['state']) => state.operations.filter((op) => op.type === 'mutation').length;

describe('roster apply on Pipefy', () => {
  it('applies change by change, says so, and a re-run has nothing to do', async () => {
    const { fake, dir, env } = await setup(['ana', 'ben']);
    const applied = await rosterAsync(['apply', '--yes'], { cwd: dir, env });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied 4 of 4 changes one by one');
    expect(fake.state.orgRole('300', 'ana@acme.io')).toBe('normal');
    expect(fake.state.pipeRole('10', 'ben@acme.io')).toBe('member');
    expect(existsSync(join(dir, '.roster/apply.journal'))).toBe(false);

    const before = mutations(fake.state);
    const plan = await rosterAsync(['plan', '--detailed-exitcode'], { cwd: dir, env });
    expect(plan.code).toBe(0);
    const again = await rosterAsync(['apply', '--yes'], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(mutations(fake.state)).toBe(before);
  });

  it('refuses a saved plan whose pipe moved since, sending nothing', async () => {
    const { fake, dir, env } = await setup(['ana']);
    expect((await rosterAsync(['plan', '--out', 'plan.json'], { cwd: dir, env })).code).toBe(0);
    fake.state.pipes.get('10')!.roles.set(fake.state.userFor('someone@acme.io').id, 'member');
    const applied = await rosterAsync(['apply', 'plan.json'], { cwd: dir, env });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('stale-plan');
    expect(applied.stderr).toContain('pipe:hiring moved');
    expect(mutations(fake.state)).toBe(0);
  });

  it('sends again an invite that answered success without effect, and reports one that never took effect', async () => {
    const { fake, dir, env } = await setup(['ana', 'ben']);
    fake.state.quirks.inviteWithoutEffect = 2;
    const retried = await rosterAsync(['apply', '--yes'], { cwd: dir, env });
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(/ana@acme\.io: .*\[in effect after 3 attempts\]/);
    expect(invites(fake.state, 'ana@acme.io')).toBe(3);

    const next = await setup(['cy', 'dan']);
    next.fake.state.quirks.inviteWithoutEffect = 99;
    const failed = await rosterAsync(['apply', '--yes'], { cwd: next.dir, env: next.env });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /cy@acme\.io: .*\[not in effect after 3 attempts: the platform answered success, but it is not in effect\]/,
    );
    expect(failed.stdout).toMatch(/cy@acme\.io: .*\[not sent: it depends on member\.invite cy@acme\.io/);
    expect(failed.stdout).toContain('Applied 0 of 4 changes one by one; 4 did not land');
    expect(failed.stderr).toContain('apply-refused');
    expect(failed.stderr).toContain('The journal .roster/apply.journal records what landed');
    expect(invites(next.fake.state, 'cy@acme.io')).toBe(3);
    expect(invites(next.fake.state, 'cy@acme.io', 'pipe_id')).toBe(0);
    expect(existsSync(join(next.dir, '.roster/apply.journal'))).toBe(true);
  });

  it('reads no journal of another plan: a later apply re-invites someone removed by hand', async () => {
    const { fake, dir, env } = await setup(['ana', 'ben']);
    fake.state.quirks.inviteWithoutEffect = 3; // ana's 3 attempts: ana does not land, ben does
    const first = await rosterAsync(['apply', '--yes'], { cwd: dir, env });
    expect(first.code).toBe(1);
    expect(existsSync(join(dir, '.roster/apply.journal'))).toBe(true);
    const ben = fake.state.findUser('ben@acme.io')!.id;
    fake.state.organizations.get('300')!.roles.delete(ben); // removed by hand, with the pipe
    fake.state.pipes.get('10')!.roles.delete(ben);

    writeFileSync(join(dir, 'roster.yaml'), config(['ana', 'ben', 'cy']));
    const later = await rosterAsync(['apply', '--yes'], { cwd: dir, env });
    expect(later.stderr).toBe('');
    expect(later.code).toBe(0);
    expect(later.stdout).toContain('Applied 6 of 6 changes one by one.');
    expect(invites(fake.state, 'ben@acme.io')).toBe(2);
    expect(fake.state.orgRole('300', 'ben@acme.io')).toBe('normal');
  });

  it('refuses a request budget that is not a number, sending nothing', async () => {
    const { fake, dir, env } = await setup(['ana']);
    const applied = await rosterAsync(['apply', '--yes'], { cwd: dir, env: { ...env, ROSTER_APPLY_RATE: 'fast' } });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('ROSTER_APPLY_RATE is "fast": set it to a number from 1 to 10000, or unset it');
    expect(mutations(fake.state)).toBe(0);
  });

  it('settles a 502 on a write by reading back: carried out, it is not sent again', async () => {
    const { fake, dir } = await setup(['ana']);
    // The first invite is carried out, and its answer replaced by a 502 on the way back.
    const front = await failingProxy(fake.url, (body) => body.includes('inviteMembers'));
    const applied = await rosterAsync(['apply', '--yes'], { cwd: dir, env: env(front) });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied 2 of 2 changes one by one');
    expect(invites(fake.state, 'ana@acme.io')).toBe(1);
  });

  it.each([
    ['a saved plan', ['apply', 'plan.json'], 'plan.json.journal'],
    ['a plain apply', ['apply', '--yes'], '.roster/apply.journal'],
  ])('resumes %s after the CLI was killed mid-apply, inviting no one twice', async (_, args, journal) => {
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    const { fake, dir, env } = await setup(names);
    expect((await rosterAsync(['plan', '--out', 'plan.json'], { cwd: dir, env })).code).toBe(0);
    fake.state.quirks.latencyMs = 60;
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
    const exited = new Promise((resolve) => child.on('close', resolve));
    while (mutations(fake.state) < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await exited;
    expect(mutations(fake.state)).toBeLessThan(names.length * 2);
    expect(existsSync(join(dir, journal))).toBe(true);
    // The journal names changes, never the token that made them.
    expect(readFileSync(join(dir, journal), 'utf8')).not.toContain(env.PIPEFY_TOKEN);
    // A write in flight when the CLI was killed lands on its own: let it, then count what did.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const landed =
      names.filter((name) => fake.state.orgRole('300', `${name}@acme.io`) === 'normal').length +
      names.filter((name) => fake.state.pipeRole('10', `${name}@acme.io`) === 'member').length;
    expect(landed).toBeGreaterThan(0);

    fake.state.quirks.latencyMs = 0;
    const resumed = await rosterAsync(args, { cwd: dir, env });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const left = names.length * 2 - landed;
    expect(resumed.stdout).toMatch(
      new RegExp(`Applied ${left} of ${left} changes one by one; ${landed} more applied by an earlier run\\.\\n$`),
    );
    expect(resumed.stdout + resumed.stderr).not.toContain(env.PIPEFY_TOKEN);
    for (const name of names) {
      expect(invites(fake.state, `${name}@acme.io`)).toBe(1);
      expect(invites(fake.state, `${name}@acme.io`, 'pipe_id')).toBe(1);
      expect(fake.state.pipeRole('10', `${name}@acme.io`)).toBe('member');
    }
    expect(existsSync(join(dir, journal))).toBe(false);
    // Everything landed: a plan made now has nothing to do.
    expect((await rosterAsync(['plan', '--detailed-exitcode'], { cwd: dir, env })).code).toBe(0);
  });
});

/**
 * A proxy in front of the fake that lets the first request matching `failOn` through to the fake
 * and answers it 502 (the work done, the answer lost); every other request passes untouched.
 */
async function failingProxy(target: string, failOn: (body: string) => boolean): Promise<string> {
  let failed = false;
  const server = createServer((incoming, outgoing) => {
    let body = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => (body += chunk));
    incoming.on('end', () => {
      const forward = httpRequest(target, { method: 'POST', headers: incoming.headers }, (answer) => {
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => (text += chunk));
        answer.on('end', () => {
          if (!failed && failOn(body)) {
            failed = true;
            outgoing.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
            return;
          }
          outgoing.writeHead(answer.statusCode ?? 500, answer.headers).end(text);
        });
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy = {
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}
