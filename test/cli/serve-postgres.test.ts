// Two `roster serve` processes (the built CLI) on one PostgreSQL database, started as docs/operations.md
// deploys them: what one commits, the other knows; applies serialize; a killed instance leaves
// nothing half-applied; a lost database makes an instance unready, not dead.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { roster } from '../helpers/cli.js';
import { NO_POSTGRES, titled, useCluster } from '../helpers/postgres.js';
import { serve, type ServeProcess } from '../helpers/serve-process.js';
import { tmpDir } from '../helpers/tmp.js';

const SCOPE = [{ integration: 'crm', profile: 'read-only', disabledTools: [] }];

async function call(url: string, key: string, method: string, path: string, body?: unknown, headers = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe.skipIf(NO_POSTGRES !== undefined)(titled('two roster serve instances on one PostgreSQL'), () => {
  // Registered first, so stopped last (after hooks run in reverse): the servers go first.
  const cluster = useCluster();
  const started: ServeProcess[] = [];
  const start = (cwd: string, args: string[]) => {
    const process = serve(cwd, ['--quiet', ...args]);
    started.push(process);
    return process;
  };
  afterAll(async () => {
    for (const process of started) process.child.kill('SIGKILL');
    await Promise.all(started.map((process) => process.exited));
  });

  /** A workspace on a new database with its owner's key, served by two instances. */
  async function twoInstances() {
    const dir = tmpDir();
    const db = await cluster().createDatabase();
    const keyFile = join(dir, 'owner.key');
    const one = start(dir, ['--db', db, '--bootstrap-owner', 'owner@x.io', '--owner-key-file', keyFile]);
    const a = await one.listening;
    // The second is given the URL by the environment, as a deployment would.
    const two = serve(dir, ['--quiet'], { ...process.env, ROSTER_DATABASE_URL: db });
    started.push(two);
    const b = await two.listening;
    const owner = readFileSync(keyFile, 'utf8').trim();
    return { dir, db, keyFile, owner, a, b, one };
  }

  it('bootstraps the owner to the key file named, mode 0600, once', async () => {
    const { dir, keyFile, owner, a } = await twoInstances();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await call(a, owner, 'GET', '/v1/whoami')).body).toMatchObject({ member: { email: 'owner@x.io' } });

    // Another empty workspace, the same key file: refused before any owner is made.
    const fresh = await cluster().createDatabase();
    const again = roster(['serve', '--db', fresh, '--bootstrap-owner', 'x@x.io', '--owner-key-file', keyFile], {
      cwd: dir,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${keyFile} already exists; roster never overwrites a key file`);
    const empty = roster(['serve', '--db', fresh], { cwd: dir });
    expect(empty.stderr).toContain('holds no workspace yet');
    const nowhere = roster(['serve', '--db', fresh, '--bootstrap-owner', 'x@x.io'], { cwd: dir });
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('add --owner-key-file PATH');
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(owner);
  });

  it('authorizes through one instance what was applied through the other, and denies a revoked key soon after', async () => {
    const { owner, a, b } = await twoInstances();
    const seeded = await call(a, owner, 'POST', '/v1/changes', {
      changes: [
        { kind: 'integration.connect', id: 'crm', tools: { lookup: 'read' } },
        { kind: 'key.create', name: 'bot', type: 'workspace', scope: SCOPE, users: [] },
      ],
    });
    expect(seeded.status).toBe(200);
    const bot = seeded.body.secrets.bot as string;
    const ask = () => call(b, bot, 'POST', '/v1/authorize', { integration: 'crm', tool: 'lookup' });
    expect((await ask()).body.allowed).toBe(true);

    expect(
      (await call(a, owner, 'POST', '/v1/changes', { changes: [{ kind: 'key.revoke', name: 'bot' }] })).status,
    ).toBe(200);
    const revoked = Date.now();
    // The key is refused (401) or the decision denied, well within a second.
    await expect
      .poll(async () => (await ask()).status !== 200 || (await ask()).body.allowed === false, {
        timeout: 1_000,
        interval: 5,
      })
      .toBe(true);
    expect(Date.now() - revoked).toBeLessThan(1_000);
  });

  it('serializes two racing applies: one wins, the other is refused as stale', async () => {
    const { owner, a, b } = await twoInstances();
    const { body: state } = await call(a, owner, 'GET', '/v1/state');
    const ifMatch = { 'if-match': `"${state.version}"` };
    const invite = (email: string) => ({ changes: [{ kind: 'member.invite', email, role: 'member' }] });
    const [one, two] = await Promise.all([
      call(a, owner, 'POST', '/v1/changes', invite('one@x.io'), ifMatch),
      call(b, owner, 'POST', '/v1/changes', invite('two@x.io'), ifMatch),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 412]);
    const members = (await call(b, owner, 'GET', '/v1/state')).body.state.members.map(
      (m: { email: string }) => m.email,
    );
    expect(members.filter((email: string) => email !== 'owner@x.io')).toHaveLength(1);
  });

  it('leaves nothing half-applied when an instance is killed mid-apply, and the other keeps answering', async () => {
    const { owner, a, b, one } = await twoInstances();
    const changes = Array.from({ length: 400 }, (_, i) => ({
      kind: 'member.invite',
      email: `m${i}@x.io`,
      role: 'member',
    }));
    const sent = call(a, owner, 'POST', '/v1/changes', { changes }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 150));
    one.child.kill('SIGKILL');
    await sent;
    const { body } = await call(b, owner, 'GET', '/v1/state');
    const invited = body.state.members.length - 1;
    expect([0, 400]).toContain(invited);
    expect((await call(b, owner, 'GET', '/v1/whoami')).status).toBe(200);
  });

  it('turns unready, not dead, while the database is away, and ready again when it is back', async () => {
    const { owner, a } = await twoInstances();
    expect(await (await fetch(`${a}/v1/health`)).json()).toEqual({ ok: true, ready: true });
    expect((await fetch(`${a}/v1/ready`)).status).toBe(200);
    cluster().pause();
    try {
      const health = await fetch(`${a}/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, ready: false });
      expect((await fetch(`${a}/v1/ready`)).status).toBe(503);
      expect((await call(a, owner, 'GET', '/v1/whoami')).status).toBe(503);
    } finally {
      cluster().resume();
    }
    await expect.poll(async () => (await fetch(`${a}/v1/ready`)).status, { timeout: 10_000 }).toBe(200);
    expect((await call(a, owner, 'GET', '/v1/whoami')).status).toBe(200);
  });
});
