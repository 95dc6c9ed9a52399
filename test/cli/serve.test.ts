// `roster serve` as an operator runs it: bootstrap key to a private file, graceful SIGTERM.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roster } from '../helpers/cli.js';
import { serve } from '../helpers/serve-process.js';
import { tmpDir } from '../helpers/tmp.js';

describe('roster serve', () => {
  it('bootstraps an owner whose key goes to a 0600 file, never to the output', async () => {
    const dir = tmpDir();
    const run = serve(dir, ['--db', 'data/ws.db', '--bootstrap-owner', 'Boss@X.io']);
    const url = await run.listening;
    const keyFile = join(dir, 'data', 'bootstrap-owner.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    const whoami = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${key}` } });
    expect(await whoami.json()).toMatchObject({ member: { email: 'boss@x.io', role: 'owner' } });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const { stdout, stderr } = run.output();
    expect(stderr).toContain(`their personal key is in ${keyFile}`);
    expect(stdout + stderr).not.toContain(key);
    expect(stderr).toContain('SIGTERM: finishing open requests');
  });

  it('does not bootstrap twice', async () => {
    const dir = tmpDir();
    const first = serve(dir, ['--db', 'ws.db', '--bootstrap-owner', 'a@x.io']);
    await first.listening;
    first.child.kill('SIGTERM');
    await first.exited;
    const key = readFileSync(join(dir, 'bootstrap-owner.key'), 'utf8');
    const second = serve(dir, ['--db', 'ws.db', '--bootstrap-owner', 'b@x.io', '--quiet']);
    await second.listening;
    second.child.kill('SIGTERM');
    await second.exited;
    expect(second.output().stderr).toContain('already has members; --bootstrap-owner was ignored');
    expect(readFileSync(join(dir, 'bootstrap-owner.key'), 'utf8')).toBe(key);
  });

  it('issues an owner of a workspace built with roster apply a key, to a new 0600 file, never to the output', async () => {
    const config = `version: 1\nworkspace: { name: t, plan: business }\nprovider: { type: local, path: ws.db }\nmembers:\n  - { email: boss@x.io, role: owner }\n  - { email: m@x.io, role: member }\n`;
    const dir = tmpDir({ 'roster.yaml': config });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);

    const member = serve(dir, ['--db', 'ws.db', '--owner-key-for', 'm@x.io']);
    await expect(member.listening).rejects.toThrow(/error \[not-an-owner\]: m@x\.io is not an owner or admin/);
    expect(readdirSync(dir).filter((name) => name.endsWith('.key'))).toEqual([]);

    const run = serve(dir, ['--db', 'ws.db', '--owner-key-for', 'Boss@X.io', '--quiet']);
    const url = await run.listening;
    const [keyName] = readdirSync(dir).filter((name) => name.endsWith('.key'));
    expect(keyName).toMatch(/^local-owner-\d{14}\.key$/);
    expect(statSync(join(dir, keyName!)).mode & 0o777).toBe(0o600);
    const key = readFileSync(join(dir, keyName!), 'utf8').trim();
    const whoami = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${key}` } });
    expect(await whoami.json()).toMatchObject({ member: { email: 'boss@x.io', role: 'owner' } });
    run.child.kill('SIGTERM');
    await run.exited;
    const { stdout, stderr } = run.output();
    expect(stderr).toContain(`its secret is in ${join(dir, keyName!)} (mode 0600`);
    expect(stdout + stderr).not.toContain(key);
    // Not in the config, and made outside it: the next plan leaves it alone.
    expect(roster(['plan', '--detailed-exitcode'], { cwd: dir }).code).toBe(0);
  });

  it('never overwrites a key file already there, and says so', async () => {
    const config = `version: 1\nworkspace: { name: t, plan: business }\nprovider: { type: local, path: ws.db }\nmembers:\n  - { email: boss@x.io, role: owner }\n`;
    const dir = tmpDir({ 'roster.yaml': config });
    expect(roster(['apply', '--yes'], { cwd: dir }).code).toBe(0);
    // The files the next half minute's runs would name (a key's name is its time, to the second).
    const now = Date.now();
    const taken = Array.from({ length: 30 }, (_, second) => {
      const stamp = new Date(now + second * 1000).toISOString().replace(/\D/g, '').slice(0, 14);
      return `local-owner-${stamp}.key`;
    });
    for (const name of taken) writeFileSync(join(dir, name), 'mine\n');
    const run = serve(dir, ['--db', 'ws.db', '--owner-key-for', 'boss@x.io']);
    await expect(run.listening).rejects.toThrow(/error \[file-exists\]: .*local-owner-\d{14}\.key already exists/);
    expect(run.output().stderr).not.toMatch(/internal|This is a bug/);
    for (const name of taken) expect(readFileSync(join(dir, name), 'utf8')).toBe('mine\n');
  });

  it('refuses to start on an empty workspace without --bootstrap-owner, creating nothing', async () => {
    const dir = tmpDir();
    const run = serve(dir, ['--db', 'ws.db']);
    await expect(run.listening).rejects.toThrow(
      /error \[no-owner\]: .*ws\.db holds no workspace yet.*add --bootstrap-owner EMAIL/,
    );
    expect(await run.exited).toBe(1);
    expect(existsSync(join(dir, 'ws.db'))).toBe(false);
  });

  it('stops at once on SIGTERM while clients hold idle or half-sent connections', async () => {
    const dir = tmpDir();
    const run = serve(dir, ['--db', 'ws.db', '--bootstrap-owner', 'a@x.io', '--quiet']);
    const url = new URL(await run.listening);
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((done) =>
      get(`${url.origin}/v1/health`, { agent }, (response) => response.resume().on('end', done)),
    );
    // A connection that has sent nothing, and one that sent half a request.
    const silent = connect(Number(url.port), url.hostname);
    const halfSent = connect(Number(url.port), url.hostname);
    await Promise.all([silent, halfSent].map((socket) => new Promise((done) => socket.once('connect', done))));
    halfSent.write('GET /v1/health HTTP/1.1\r\nHost: x\r\n');
    await new Promise((done) => setTimeout(done, 100));

    const started = performance.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    // Without closing them the process waits for the clients (a minute, for the half-sent request).
    expect(performance.now() - started).toBeLessThan(1500);
    agent.destroy();
  });

  it('explains a bad port without a stack trace', async () => {
    const run = serve(tmpDir(), ['--port', 'eighty']);
    await expect(run.listening).rejects.toThrow(/--port eighty is not a port number/);
    expect(await run.exited).toBe(1);
  });
});
