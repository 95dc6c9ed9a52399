// The http provider against the real server over loopback: one read per plan, one request per
// apply, stale plans refused, concurrent applies serialised, retries that honour Retry-After.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApplyError, applyPlan } from '../../src/apply/apply-plan.js';
import type { Change } from '../../src/model/changes.js';
import { HttpProvider } from '../../src/providers/http/http-provider.js';
import { ProviderError } from '../../src/providers/provider.js';
import { rosterAsync as roster } from '../helpers/cli.js';
import { planFor } from '../helpers/plan.js';
import { STRIPE, startServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const config = (url: string, extra = '') =>
  rootConfig(`provider: { type: http, url: "${url}" }
integrations:
  stripe: { tools: { find_customer: read, create_invoice: write, create_refund: write, delete_customer: delete } }
members:
  - { email: owner@x.io, role: owner }
  - { email: m@x.io, role: member, integrations: { stripe: no-delete } }
${extra}`);

describe('http provider', () => {
  it('plans with one read, applies with one request, and then has nothing left to do', async () => {
    const server = await startServer();
    const dir = tmpDir({ 'roster.yaml': config(server.url) });
    const env = { ROSTER_TOKEN: server.ownerKey, ROSTER_URL: server.url };
    expect((await roster(['plan', '--detailed-exitcode'], { cwd: dir, env })).code).toBe(2);
    const applied = await roster(['apply', '--yes'], { cwd: dir, env });
    expect(applied.code).toBe(0);
    expect((await roster(['plan', '--detailed-exitcode'], { cwd: dir, env })).code).toBe(0);

    const requests = server.logs.filter((line) => line.startsWith('GET') || line.startsWith('POST'));
    expect(requests.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'GET /v1/state 200', // plan
      'GET /v1/state 200', // apply: plan
      'POST /v1/changes 200', // apply: one batch
      'GET /v1/state 200', // plan again
    ]);
  });

  it('records the applying member and the commit in the audit log', async () => {
    const server = await startServer();
    const dir = tmpDir({ 'roster.yaml': config(server.url) });
    await roster(['apply', '--yes'], {
      cwd: dir,
      env: { ROSTER_TOKEN: server.ownerKey, ROSTER_URL: server.url, GITHUB_SHA: 'abc1234def' },
    });
    const audit = await server.call(server.ownerKey, 'GET', '/v1/audit?member=m@x.io');
    expect(audit.body.items[0]).toMatchObject({ actor: 'owner@x.io', action: 'member.invite', commit: 'abc1234def' });
  });

  it('refuses a stale saved plan and changes nothing', async () => {
    const server = await startServer();
    const dir = tmpDir({ 'roster.yaml': config(server.url) });
    const env = { ROSTER_TOKEN: server.ownerKey, ROSTER_URL: server.url };
    await roster(['plan', '--out', 'plan.json'], { cwd: dir, env });
    await server.seed([{ kind: 'member.invite', email: 'someone@x.io', role: 'member' }]);
    const before = server.store.snapshot();
    const run = await roster(['apply', '--plan', 'plan.json'], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [stale-plan]');
    expect(server.store.snapshot()).toEqual(before);
  });

  it('explains a refused token without a stack trace', async () => {
    const server = await startServer();
    const dir = tmpDir({ 'roster.yaml': config(server.url) });
    const missing = await roster(['plan'], { cwd: dir, env: { ROSTER_URL: server.url } });
    expect(missing.stderr).toContain('error [missing-token]: set ROSTER_TOKEN');
    const wrong = await roster(['plan'], { cwd: dir, env: { ROSTER_TOKEN: 'rst_nope', ROSTER_URL: server.url } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the workspace refused ROSTER_TOKEN');
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });

  it('lets one of two concurrent applies win; the other is refused and loses nothing', async () => {
    const server = await startServer();
    const a = new HttpProvider(server.url, server.ownerKey);
    const b = new HttpProvider(server.url, server.ownerKey);
    const [snapA, snapB] = [await a.snapshot(), await b.snapshot()];
    const invite = (email: string): Change[] => [{ kind: 'member.invite', email, role: 'member' }];
    const results = await Promise.allSettled([
      a.apply({ changes: invite('a@x.io'), expectedVersion: snapA.version, idempotencyKey: 'a-1' }),
      b.apply({ changes: invite('b@x.io'), expectedVersion: snapB.version, idempotencyKey: 'b-1' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ProviderError);
    expect(refused.reason.code).toBe('stale');

    // The loser plans again against the new state and gets through: nothing is lost.
    const loser =
      results[0]!.status === 'rejected' ? { provider: a, email: 'a@x.io' } : { provider: b, email: 'b@x.io' };
    const fresh = await loser.provider.snapshot();
    await loser.provider.apply({
      changes: invite(loser.email),
      expectedVersion: fresh.version,
      idempotencyKey: 'retry-2',
    });
    expect(server.store.snapshot().state.members.map((m) => m.email)).toEqual(['a@x.io', 'b@x.io', 'owner@x.io']);
  });

  it('counts one request for whoami and snapshot together', async () => {
    const server = await startServer();
    const provider = new HttpProvider(server.url, server.ownerKey);
    expect(await provider.whoami()).toEqual({ name: 'owner@x.io', role: 'owner', keyName: 'bootstrap-owner' });
    await provider.snapshot();
    expect(provider.requests).toBe(1);
    await provider.apply({ changes: [STRIPE], expectedVersion: '1', idempotencyKey: 'k' });
    expect(provider.requests).toBe(2);
  });
});

describe('http retries', () => {
  /** A loopback server that answers from a script, then 200 with a state. */
  async function scripted(answers: { status: number; headers?: Record<string, string> }[]) {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(`${request.method} ${request.headers['idempotency-key'] ?? ''}`);
      const next = answers.shift();
      if (next) {
        response
          .writeHead(next.status, { 'content-type': 'application/json', ...next.headers })
          .end('{"error":{"code":"busy","message":"busy"}}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"version":3,"applied":1,"secrets":{}}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => server.close() };
  }

  it('retries 429 and 5xx with the same Idempotency-Key, honouring Retry-After', async () => {
    const fake = await scripted([{ status: 429, headers: { 'retry-after': '7' } }, { status: 503 }, { status: 502 }]);
    const delays: number[] = [];
    const provider = new HttpProvider(
      fake.url,
      'rst_x',
      { attempts: 5, baseDelayMs: 100, maxDelayMs: 30_000, timeoutMs: 5_000 },
      async (ms) => {
        delays.push(ms);
      },
    );
    const result = await provider.apply({ changes: [], expectedVersion: '2', idempotencyKey: 'same-key' });
    fake.close();
    expect(result.version).toBe(3);
    expect(fake.seen).toEqual(Array(4).fill('POST same-key'));
    expect(delays[0]).toBe(7000);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
    expect(delays[2]).toBeGreaterThanOrEqual(200);
    expect(delays[2]).toBeLessThanOrEqual(400);
  });

  it('gives up after its attempts, with a message', async () => {
    const fake = await scripted(Array(3).fill({ status: 503 }));
    const provider = new HttpProvider(fake.url, 'rst_x', {
      attempts: 3,
      baseDelayMs: 1,
      maxDelayMs: 10,
      timeoutMs: 5_000,
    });
    await expect(provider.snapshot()).rejects.toThrow('the workspace answered 503: busy');
    fake.close();
    expect(fake.seen).toHaveLength(3);
  });

  const fastRetry = { attempts: 2, baseDelayMs: 1, maxDelayMs: 10, timeoutMs: 5_000 };

  it('says the outcome of an apply is unknown when the workspace keeps failing, and that the batch is atomic', async () => {
    const fake = await scripted(Array(2).fill({ status: 503 }));
    const plan = planFor('members:\n  - { email: owner@x.io, role: owner }\n  - { email: new@x.io, role: member }');
    const failure = await applyPlan(new HttpProvider(fake.url, 'rst_x', fastRetry), plan, {}).catch((e) => e);
    fake.close();
    expect(failure).toBeInstanceOf(ApplyError);
    expect(failure.code).toBe('apply-unconfirmed');
    expect(failure.message).toContain(
      'either all 2 of its change(s) were applied or none. Run roster plan to see what remains',
    );
  });

  it('says nothing was applied when the workspace refuses the batch', async () => {
    const fake = await scripted([{ status: 412 }]);
    const plan = planFor('members:\n  - { email: owner@x.io, role: owner }');
    const failure = await applyPlan(new HttpProvider(fake.url, 'rst_x', fastRetry), plan, {}).catch((e) => e);
    fake.close();
    expect(failure.code).toBe('stale-plan');
    expect(failure.message).toContain('Nothing was applied');
  });

  it('adopts, replaces a key and disconnects an integration through the server, converging each time', async () => {
    const server = await startServer();
    await server.seed([
      STRIPE,
      { kind: 'integration.connect', id: 'crm', tools: { lookup: 'read' } },
      { kind: 'member.invite', email: 'm@x.io', role: 'member' },
      {
        kind: 'key.create',
        name: 'bot',
        type: 'workspace',
        scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
        users: [],
      },
    ]);
    const env = { ROSTER_TOKEN: server.ownerKey, ROSTER_URL: server.url };
    const key = 'keys:\n  - { name: bot, type: personal, owner: m@x.io, deliver: { file: bot.key } }\n';
    const step = async (yaml: string, kinds: string[]) => {
      const dir = tmpDir({ 'roster.yaml': yaml });
      const plan = await roster(['plan', '--format', 'json'], { cwd: dir, env });
      const planned = (JSON.parse(plan.stdout) as { changes: { change: { kind: string } }[] }).changes;
      expect(planned.map((c) => c.change.kind)).toEqual(kinds);
      expect((await roster(['apply', '--yes'], { cwd: dir, env })).code).toBe(0);
      expect((await roster(['plan', '--detailed-exitcode'], { cwd: dir, env })).code).toBe(0);
    };
    const withCrm = config(server.url, key).replace(
      'integrations:\n',
      'integrations:\n  crm: { tools: { lookup: read } }\n',
    );
    await step(withCrm, [
      'workspace.update', // the server's workspace has no name yet
      'integration.adopt',
      'integration.adopt',
      'member.adopt',
      'member.adopt',
      'grant.set',
      'key.replace',
    ]);
    await step(config(server.url, key), ['integration.disconnect']);
    expect(server.store.snapshot().state.integrations.map((i) => i.id)).toEqual(['stripe']);
  });
  it("carries members' last days and all-integration keys both ways, and lists self-service keys on the plan", async () => {
    const server = await startServer();
    const extra = `keys:
  - { name: m-key, type: personal, owner: m@x.io, deliver: { file: m.key } }
  - { name: gateway, type: workspace, integrations: all, deliver: { file: gateway.key } }
`;
    const dir = tmpDir({
      'roster.yaml': config(server.url, extra).replace('role: member,', 'role: member, expires: 2099-12-31,'),
    });
    const env = { ROSTER_TOKEN: server.ownerKey, ROSTER_URL: server.url };
    expect((await roster(['apply', '--yes'], { cwd: dir, env })).code).toBe(0);
    const { state } = server.store.snapshot();
    expect(state.members.find((m) => m.email === 'm@x.io')?.expires).toBe('2099-12-31');
    expect(state.keys.find((k) => k.name === 'gateway')).toMatchObject({ scope: [], allIntegrations: true });

    const memberKey = readFileSync(join(dir, 'm.key'), 'utf8').trim();
    expect((await server.call(memberKey, 'POST', '/v1/keys', { name: 'm-agent' })).status).toBe(201);
    const plan = await roster(['plan', '--detailed-exitcode'], { cwd: dir, env });
    expect(plan.code).toBe(0); // read back as it was written: nothing to change
    expect(plan.stdout).toContain('personal key m-agent of m@x.io is not in the config; policy unmanaged.keys is warn');
  });
});
