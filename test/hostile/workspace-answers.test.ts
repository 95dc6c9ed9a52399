// A workspace URL that answers 200 with something other than roster's API (a proxy's sign-in
// page, an empty object, JSON cut off on the way, a field of the wrong type) is refused by name:
// the URL, the status, the content type and the first words of the answer, escaped and bounded,
// exit 1, nothing applied, never "This is a bug". The answers come from a loopback proxy in front
// of the real server that replaces one route's answer and passes every other request through.
// Each bad answer goes to every command that reads the route: the command tree runs in this
// process for those 28 runs; the built CLI answers the cases below.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpProvider } from '../../src/providers/http/http-provider.js';
import { rosterAsync as roster } from '../helpers/cli.js';
import { rosterInProcess } from '../helpers/in-process.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { rootConfig, tmpDir } from '../helpers/tmp.js';

/** What the proxy answers on the replaced route, made from the real server's answer. */
interface BadAnswer {
  name: string;
  status?: number;
  contentType: string;
  body(real: string): string;
  /** What the message says about it. */
  says: RegExp;
}

const SIGN_IN_PAGE = `<!DOCTYPE html>\n<html><head><title>Sign in to Example Corp</title></head>\n<body>\x1b[2J\u202e Please sign in to continue ${'padding '.repeat(2000)}</body></html>`;

/** One field of each answer, given the wrong type. */
const WRONG_TYPE: Record<string, (body: any) => void> = {
  '/v1/state': (body) => (body.state.members[0].email = 7),
  '/v1/members': (body) => (body.items[0].createdAt = 20261207),
  '/v1/audit': (body) => (body.items[0].stateVersion = 'three'),
  '/v1/changes': (body) => (body.version = 'latest'),
};

const BAD_ANSWERS: BadAnswer[] = [
  { name: 'an empty object', contentType: 'application/json', body: () => '{}', says: /must have required property/ },
  {
    name: "a proxy's HTML sign-in page",
    contentType: 'text/html; charset=utf-8',
    body: () => SIGN_IN_PAGE,
    says: /that is not JSON\. The answer began: "<!DOCTYPE html> <html><head><title>Sign in to Example Corp<\/title><\/head> <body>\\x1b\[2J\\u202e Please sign in/,
  },
  {
    name: 'JSON cut off mid-body',
    contentType: 'application/json',
    body: (real) => real.slice(0, Math.floor(real.length / 2)),
    says: /the JSON is cut off or malformed/,
  },
  {
    name: 'a wrong type in one field',
    contentType: 'application/json',
    body: (real) => real, // replaced per route, below
    says: /must be (string|integer)/,
  },
];

const running: (() => void)[] = [];
afterEach(() => running.splice(0).forEach((stop) => stop()));

/** A proxy to `server` that answers `route` (a method and path) with `bad` and passes the rest on. */
async function proxy(server: TestServer, route: string, bad: BadAnswer): Promise<string> {
  const proxied = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const path = request.url!.split('?')[0]!;
      const replaced = `${request.method} ${path}` === route;
      // A replaced write never reaches the server, so what the server holds shows what was applied.
      const upstream =
        replaced && request.method !== 'GET' ? undefined : await forward(server, request, Buffer.concat(chunks));
      const real = upstream ? await upstream.text() : JSON.stringify({ version: 1, applied: 1, secrets: {} });
      if (!replaced) {
        response.writeHead(upstream!.status, { 'content-type': upstream!.headers.get('content-type') ?? '' });
        response.end(real);
        return;
      }
      let body = bad.body(real);
      if (bad.name === 'a wrong type in one field') {
        const parsed = JSON.parse(real);
        WRONG_TYPE[path]!(parsed);
        body = JSON.stringify(parsed);
      }
      response.writeHead(bad.status ?? 200, { 'content-type': bad.contentType });
      response.end(body);
    });
  });
  await new Promise<void>((done) => proxied.listen(0, '127.0.0.1', done));
  running.push(() => proxied.close());
  return `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`;
}

function forward(server: TestServer, request: IncomingMessage, body: Buffer): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'content-type', 'if-match', 'idempotency-key']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return fetch(`${server.url}${request.url}`, {
    method: request.method!,
    headers,
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
  });
}

const config = (url: string) =>
  rootConfig(`provider: { type: http, url: "${url}" }
integrations:
  stripe: { tools: { find_customer: read, create_invoice: write } }
members:
  - { email: owner@x.io, role: owner }
  - { email: m@x.io, role: member, integrations: { stripe: read-only } }
`);

/** Commands that read the route, and the failure code they report. */
const READERS: { route: string; commands: string[][]; code?: string }[] = [
  {
    route: 'GET /v1/state',
    commands: [['plan'], ['apply', '--yes'], ['export'], ['review', '--out', 'review.md']],
  },
  { route: 'GET /v1/members', commands: [['review', '--out', 'review.md']] },
  { route: 'GET /v1/audit', commands: [['audit']] },
  // A write whose answer is not the API's: whatever answered may have passed it on, so the
  // outcome is reported as unknown, with a plan to see what remains.
  { route: 'POST /v1/changes', commands: [['apply', '--yes']], code: 'apply-unconfirmed' },
];

describe('a workspace answer that is not the API description', () => {
  it.each(BAD_ANSWERS)(
    'is refused by name, with nothing applied: $name',
    async (bad) => {
      const server = await startServer();
      // One audit record to page through.
      await server.seed([{ kind: 'member.invite', email: 'first@x.io', role: 'member' }]);
      const before = server.store.snapshot();
      for (const { route, commands, code = 'unexpected-answer' } of READERS) {
        const url = await proxy(server, route, bad);
        const dir = tmpDir({ 'roster.yaml': config(url) });
        for (const args of commands) {
          const run = await rosterInProcess(args, {
            cwd: dir,
            env: { ROSTER_URL: url, ROSTER_TOKEN: server.ownerKey },
          });
          const what = `${args.join(' ')} against ${route}`;
          expect(run.code, what).toBe(1);
          expect(run.stderr, what).toContain(
            `error [${code}]: the workspace at ${url}${route.split(' ')[1]} answered 200`,
          );
          expect(run.stderr, what).toContain(`(${bad.contentType})`);
          expect(run.stderr, what).toMatch(bad.says);
          expect(run.stderr, what).not.toContain('This is a bug');
          // Inert and bounded: no escape reaches the terminal, and a long page is not reprinted.
          expect(run.stderr, what).not.toContain('\x1b');
          expect(run.stderr, what).not.toContain('\u202e');
          expect(run.stderr.length, what).toBeLessThan(1200);
          expect(existsSync(join(dir, 'review.md')), what).toBe(false);
        }
      }
      expect(server.store.snapshot()).toEqual(before);
    },
    180_000,
  ); // seven command runs

  it('reads an answer with fields a newer server adds, checking the fields it knows', async () => {
    const server = await startServer();
    const newer = (real: string) => {
      const body = JSON.parse(real);
      body.served_by = 'roster 9';
      body.state.regions = ['eu'];
      for (const member of body.state.members) member.avatar = 'https://example.com/a.png';
      return JSON.stringify(body);
    };
    const url = await proxy(server, 'GET /v1/state', {
      name: 'a newer server',
      contentType: 'application/json',
      body: newer,
      says: /./,
    });
    const run = await roster(['plan'], {
      cwd: tmpDir({ 'roster.yaml': config(url) }),
      env: { ROSTER_URL: url, ROSTER_TOKEN: server.ownerKey },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+ invite as member');
  });

  it("quotes a refusal that is not the API's (a proxy's error page) instead of saying only its status", async () => {
    const server = await startServer();
    const url = await proxy(server, 'GET /v1/state', {
      name: 'forbidden page',
      status: 403,
      contentType: 'text/html',
      body: () => '<html><body><h1>Access denied by Example Corp proxy</h1></body></html>',
      says: /./,
    });
    const run = await roster(['plan'], {
      cwd: tmpDir({ 'roster.yaml': config(url) }),
      env: { ROSTER_URL: url, ROSTER_TOKEN: 'x' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error [forbidden]: the workspace at ${url}/v1/state answered 403 (text/html)`);
    expect(run.stderr).toContain('The answer began: "<html><body><h1>Access denied by Example Corp proxy</h1>');
    expect(run.stderr).not.toContain('This is a bug');
  });

  it('says where an answer broke off when the connection ends mid-body', async () => {
    const cut = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"version":3,"caller":{"name":"owner@x.io"');
      setTimeout(() => response.destroy(), 20);
    });
    await new Promise<void>((done) => cut.listen(0, '127.0.0.1', done));
    running.push(() => cut.close());
    const url = `http://127.0.0.1:${(cut.address() as AddressInfo).port}`;
    const read = new HttpProvider(url, 'rst_token').snapshot();
    await expect(read).rejects.toMatchObject({ code: 'unexpected-answer' });
    await expect(read).rejects.toThrow(
      `the workspace at ${url}/v1/state answered 200 (application/json) with something other than roster's workspace API: the body broke off after 42 bytes`,
    );
    await expect(read).rejects.toThrow('The answer began: "{"version":3,"caller":{"name":"owner@x.io"".');
  });
});
