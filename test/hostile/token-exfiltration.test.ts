// A pull request's author controls provider.url. CI's token must still go only where the
// environment says (ROSTER_URL), never to a listener the author runs, never over plain http to
// another machine, and never along a redirect.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { bindEndpoint, PIPEFY_CREDENTIAL, ROSTER_CREDENTIAL } from '../../src/app/credentials.js';
import { AppError } from '../../src/app/errors.js';
import { rosterAsync as roster } from '../helpers/cli.js';
import { startServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

const closers: (() => void)[] = [];
afterAll(() => closers.splice(0).forEach((close) => close()));

/** A server on 127.0.0.1 that records the headers of every request and answers with `answer`. */
async function listener(answer: (respond: (status: number, headers?: Record<string, string>) => void) => void) {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    answer((status, headers = {}) => response.writeHead(status, headers).end('{}'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const config = (provider: string) =>
  rootConfig(`provider: ${provider}\nmembers:\n  - { email: owner@x.io, role: owner }\n`);

describe('a config cannot send the token where it likes', () => {
  it('refuses a provider.url other than ROSTER_URL before sending anything', async () => {
    const workspace = await startServer();
    const thief = await listener((respond) => respond(200));
    const dir = tmpDir({ 'roster.yaml': config(`{ type: http, url: "${thief.url}" }`) });
    const run = await roster(['plan'], {
      cwd: dir,
      env: { ROSTER_TOKEN: workspace.ownerKey, ROSTER_URL: workspace.url },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [endpoint-mismatch]');
    expect(run.stderr).toContain(`ROSTER_URL allows ROSTER_TOKEN to go only to ${workspace.url}`);
    expect(run.stdout + run.stderr).not.toContain(workspace.ownerKey);
    expect(thief.seen).toEqual([]);
    expect(workspace.logs).toEqual([]);
  });

  it('in CI without ROSTER_URL, sends no token to a URL the config chose', async () => {
    const thief = await listener((respond) => respond(200));
    const dir = tmpDir({ 'roster.yaml': config(`{ type: http, url: "${thief.url}/" }`) });
    for (const ci of [{ CI: 'true' }, { GITHUB_ACTIONS: 'true' }] as Record<string, string>[]) {
      const run = await roster(['plan'], { cwd: dir, env: { ROSTER_TOKEN: 'rst_secret', ...ci } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error [unbound-token]');
      expect(run.stderr).toContain('set ROSTER_URL');
    }
    expect(thief.seen).toEqual([]);
  });

  it('without a terminal, sends no token to a URL the config chose, whatever CI says', async () => {
    const thief = await listener((respond) => respond(200));
    const dir = tmpDir({ 'roster.yaml': config(`{ type: http, url: "${thief.url}" }`) });
    // Another CI system sets neither CI nor GITHUB_ACTIONS; a script may say CI=false.
    for (const ci of [{}, { CI: 'false' }, { CI: '0', GITHUB_ACTIONS: '' }] as Record<string, string>[]) {
      const run = await roster(['plan'], { cwd: dir, env: { ROSTER_TOKEN: 'rst_secret', ...ci } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error [unbound-token]');
      expect(run.stderr).toContain('without a terminal');
    }
    expect(thief.seen).toEqual([]);
  });

  it('uses ROSTER_URL when the config names no url', async () => {
    const workspace = await startServer();
    const dir = tmpDir({ 'roster.yaml': config('{ type: http }') });
    const run = await roster(['plan'], {
      cwd: dir,
      env: { ROSTER_TOKEN: workspace.ownerKey, ROSTER_URL: `${workspace.url}/`, CI: 'true' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('owner@x.io');
  });

  it("plans a pull request against the base branch's provider, with a warning when it changes it", async () => {
    const workspace = await startServer();
    const thief = await listener((respond) => respond(200));
    const dir = tmpDir({
      'base/roster.yaml': config(`{ type: http, url: "${workspace.url}" }`),
      'pr/roster.yaml': config(`{ type: http, url: "${thief.url}" }`),
    });
    const env = { ROSTER_TOKEN: workspace.ownerKey, ROSTER_URL: workspace.url };
    const run = await roster(['plan', '--base-config', '../base/roster.yaml', '--format', 'markdown'], {
      cwd: `${dir}/pr`,
      env,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'this config changes the provider block, but a pull request is planned and applied against the provider of ../base/roster.yaml',
    );
    expect(thief.seen).toEqual([]);
    expect(workspace.logs.filter((line) => line.startsWith('GET /v1/state 200'))).toHaveLength(1);

    const same = await roster(['plan', '--base-config', 'roster.yaml'], { cwd: `${dir}/base`, env });
    expect(same.code).toBe(0);
    expect(same.stdout).not.toContain('provider block');
  });

  it('does not follow a redirect to another origin with the token', async () => {
    const elsewhere = await listener((respond) => respond(200));
    const redirector = await listener((respond) => respond(307, { location: `${elsewhere.url}/v1/state` }));
    const dir = tmpDir({ 'roster.yaml': config(`{ type: http, url: "${redirector.url}" }`) });
    const run = await roster(['plan'], { cwd: dir, env: { ROSTER_TOKEN: 'rst_secret', ROSTER_URL: redirector.url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [redirected]');
    expect(redirector.seen).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });
});

describe('the endpoint a token is bound to', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof AppError ? error.code : 'not a AppError';
    }
    return 'allowed';
  };

  it('allows plain http only to this machine', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://127.9.9.9', 'http://localhost:1', 'http://[::1]:80']) {
      expect(
        refusal(() => bindEndpoint(ROSTER_CREDENTIAL, url, {}, true)),
        url,
      ).toBe('allowed');
    }
    for (const url of ['http://192.0.2.1', 'http://127.0.0.1.example.com', 'http://localhost.example.com']) {
      expect(
        refusal(() => bindEndpoint(ROSTER_CREDENTIAL, url, {}, true)),
        url,
      ).toBe('bad-endpoint');
      expect(
        refusal(() => bindEndpoint(ROSTER_CREDENTIAL, undefined, { ROSTER_URL: url })),
        url,
      ).toBe('bad-endpoint');
    }
    expect(refusal(() => bindEndpoint(ROSTER_CREDENTIAL, 'https://user:pw@example.com', {}))).toBe('bad-endpoint');
  });

  it('compares normalized origins and paths', () => {
    const env = { ROSTER_URL: 'https://api.example.com/v1' };
    expect(bindEndpoint(ROSTER_CREDENTIAL, 'https://API.example.com:443/v1/', env)).toBe('https://api.example.com/v1');
    for (const other of [
      'https://api.example.com:8443/v1',
      'https://api.example.com/v2',
      'https://evil.example.com/v1',
    ]) {
      expect(
        refusal(() => bindEndpoint(ROSTER_CREDENTIAL, other, env)),
        other,
      ).toBe('endpoint-mismatch');
    }
  });

  it('binds PIPEFY_TOKEN the same way, to Pipefy unless PIPEFY_URL says otherwise', () => {
    expect(bindEndpoint(PIPEFY_CREDENTIAL, undefined, { CI: 'true' })).toBe('https://api.pipefy.com/graphql');
    expect(refusal(() => bindEndpoint(PIPEFY_CREDENTIAL, 'https://evil.example.com/graphql', { CI: 'true' }))).toBe(
      'unbound-token',
    );
    const env = { PIPEFY_URL: 'https://pipefy.internal/graphql' };
    expect(refusal(() => bindEndpoint(PIPEFY_CREDENTIAL, 'https://api.pipefy.com/graphql', env))).toBe(
      'endpoint-mismatch',
    );
  });
});
