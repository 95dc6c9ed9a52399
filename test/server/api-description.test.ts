// schemas/workspace-api.yaml describes every route the server answers and nothing it does not,
// and every status it lists for a route is one the server answers there. (That every answer the
// tests receive is described is checked on each response by the test server: helpers/server.ts.)
import { readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkspaceServer } from '../../src/server/server.js';
import type { WorkspaceStore } from '../../src/store/store.js';
import { RESOURCE_NAMES } from '../../src/store/lists.js';
import { describedOperations, loadApiDescription } from '../helpers/api-responses.js';
import { type ApiResponse, STRIPE, startServer, type TestServer } from '../helpers/server.js';

const api = loadApiDescription();
const operations = describedOperations(api);
const described = (method: string, path: string) => operations.some((op) => op.method === method && op.path === path);

interface Operation {
  method: string;
  path: string;
  responses: Record<string, unknown>;
}

/** A path no route serves; what it answers is described under `x-unknown-route`. */
const UNKNOWN: Operation = { method: 'GET', path: '/v1/no-such-route', responses: api['x-unknown-route'].responses };

let created = 0;
/** A request body each described operation accepts from an owner. */
const VALID_BODIES: Record<string, () => unknown> = {
  'POST /v1/changes': () => ({ changes: [{ kind: 'pipe.create', id: `pipe-${++created}` }] }),
  'POST /v1/authorize': () => ({ integration: 'stripe', tool: 'find_customer' }),
  'POST /v1/keys': () => ({ name: `own-${++created}` }),
  'DELETE /v1/keys/{name}': () => undefined,
};

function validBody(op: Operation): unknown {
  if (op.method === 'GET' || op.method === 'DELETE') return undefined;
  const body = VALID_BODIES[`${op.method} ${op.path}`];
  if (!body) throw new Error(`add a valid request body for ${op.method} ${op.path} to VALID_BODIES`);
  return body();
}

interface Servers {
  main: TestServer;
  /** A workspace key: it may only ask for decisions (a member's key may post pipe changes). */
  workspaceKey: string;
  /** Accepts change batches of at most 1 KiB. */
  small: TestServer;
  /** Its owner key has spent its only request. */
  limited: TestServer;
  /**
   * A server whose database is away (unready). The real loss of a PostgreSQL database is
   * test/cli/serve-postgres.test.ts; here the store only says so, to reach the 503 answers.
   */
  unready: string;
}

/** How to make an operation answer each status: every status the description lists needs one. */
const PROVOKE: Record<string, (op: Operation, servers: Servers) => Promise<ApiResponse>> = {
  '200': async (op, { main }) => main.call(main.ownerKey, op.method, await existing(op, main), validBody(op)),
  '201': (op, { main }) => main.call(main.ownerKey, op.method, op.path, validBody(op)),
  '304': async (op, { main }) => {
    const first = await main.call(main.ownerKey, op.method, op.path);
    return main.call(main.ownerKey, op.method, op.path, undefined, { 'if-none-match': first.headers.get('etag')! });
  },
  '400': (op, { main }) =>
    op.method === 'GET'
      ? main.call(main.ownerKey, op.method, `${op.path}?limit=0`)
      : main.call(main.ownerKey, op.method, op.path, '{"not json'),
  '401': (op, { main }) => main.call(undefined, op.method, op.path, validBody(op)),
  '403': (op, { main, workspaceKey }) => main.call(workspaceKey, op.method, op.path, validBody(op)),
  '404': (op, { main }) => main.call(main.ownerKey, op.method, op.path.replace('{name}', 'no-such-key'), validBody(op)),
  '409': async (op, { main }) => {
    const headers = { 'idempotency-key': 'same-key-twice' };
    await main.call(main.ownerKey, op.method, op.path, validBody(op), headers);
    return main.call(main.ownerKey, op.method, op.path, validBody(op), headers);
  },
  '412': (op, { main }) => main.call(main.ownerKey, op.method, op.path, validBody(op), { 'if-match': '"999999"' }),
  '413': (op, { small }) =>
    small.call(small.ownerKey, op.method, op.path, { changes: [], context: { source: 'x'.repeat(70_000) } }),
  '422': (op, { main }) =>
    main.call(
      main.ownerKey,
      op.method,
      op.path,
      op.path === '/v1/keys'
        ? { name: 'bootstrap-owner' }
        : { changes: [{ kind: 'member.remove', email: 'nobody@x.io' }] },
    ),
  '429': (op, { limited }) => limited.call(limited.ownerKey, op.method, op.path, validBody(op)),
  '503': async (op, { unready }) => {
    const response = await fetch(`${unready}${op.path}`, { method: op.method });
    return { status: response.status, headers: response.headers, body: await response.json() };
  },
};

/** The path of a request that succeeds: a path template names a key made for it. */
async function existing(op: Operation, main: TestServer): Promise<string> {
  if (!op.path.includes('{name}')) return op.path;
  const name = `doomed-${++created}`;
  await main.seed([{ kind: 'key.create', name, type: 'personal', owner: 'owner@x.io', scope: [], users: [] }]);
  return op.path.replace('{name}', name);
}

async function startServers(): Promise<Servers> {
  // One request without a key per route: more failed authentications than the default allows
  // from one address (that limit has its own tests in test/hostile/server-requests.test.ts).
  const main = await startServer({ authFailureLimit: { perSecond: 1000, burst: 1000 } });
  const { bot: workspaceKey } = await main.seed([
    STRIPE,
    {
      kind: 'key.create',
      name: 'bot',
      type: 'workspace',
      scope: [{ integration: 'stripe', profile: 'read-only', disabledTools: [] }],
      users: [],
    },
  ]);
  const small = await startServer({ maxBatchBytes: 1024 });
  const limited = await startServer({ rateLimit: { perSecond: 0.001, burst: 1 } });
  await limited.call(limited.ownerKey, 'GET', '/v1/whoami');
  const away = Object.assign(Object.create(main.store) as WorkspaceStore, { ready: () => false });
  const server = createWorkspaceServer(away).listen(0, '127.0.0.1');
  await once(server, 'listening');
  afterAll(() => server.close());
  const unready = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { main, workspaceKey: workspaceKey!, small, limited, unready };
}

describe('the API description', () => {
  it('lists, for every route, only statuses the server answers there', async () => {
    const servers = await startServers();
    const wrong: string[] = [];
    for (const op of [...operations, UNKNOWN]) {
      for (const status of Object.keys(op.responses)) {
        const provoke = PROVOKE[status];
        const route = `${op.method} ${op.path} ${status}`;
        if (!provoke) {
          wrong.push(`${route}: no request in PROVOKE makes the server answer it (add one, or drop the status)`);
          continue;
        }
        try {
          const response = await provoke(op, servers);
          if (String(response.status) !== status) wrong.push(`${route}: answered ${response.status}`);
        } catch (error) {
          wrong.push(`${route}: ${(error as Error).message}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('serves every described operation to an owner with a success', async () => {
    const { main } = await startServers();
    for (const op of operations) {
      const response = await main.call(main.ownerKey, op.method, await existing(op, main), validBody(op));
      expect(response.status, `${op.method} ${op.path}`).toBeGreaterThanOrEqual(200);
      expect(response.status, `${op.method} ${op.path}`).toBeLessThan(300);
    }
  });

  it('describes every route the server has', () => {
    // The server's sources name its routes as "METHOD /v1/path" or a path literal; the lists are
    // served for each of the store's resource names.
    const dir = new URL('../../src/server/', import.meta.url);
    const sources = readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(new URL(file, dir), 'utf8'))
      .join('\n');
    const routes = [...sources.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/v1\/[a-z-]+)/g)].map(
      ([, m, p]) => `${m} ${p}`,
    );
    const paths = [...sources.matchAll(/'(\/v1\/[a-z-]+)'/g)].map(([, path]) => path!);
    const lists = RESOURCE_NAMES.map((name) => `GET /v1/${name}`);
    expect(routes.length).toBeGreaterThan(3);
    const undescribed = [
      ...[...routes, ...lists].filter((route) => !described(route.split(' ')[0]!, route.split(' ')[1]!)),
      ...paths.filter((path) => !api.paths[path]),
    ];
    expect(undescribed).toEqual([]);
  });

  it('is the whole API: other methods and unknown paths answer 404 not-found', async () => {
    const { main } = await startServers();
    const probes = [
      ...Object.keys(api.paths).flatMap((path) =>
        ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
          .filter((method) => !described(method, path))
          .map((method) => ({ method, path })),
      ),
      ...['/', '/v1', '/v1/', '/v1/state/', '/v1/STATE', '/v1/members/owner@x.io', '/v2/state', '/v1/health/x'].map(
        (path) => ({ method: 'GET', path }),
      ),
    ];
    expect(probes.length).toBeGreaterThan(50);
    for (const { method, path } of probes) {
      const response = await main.call(main.ownerKey, method, path, method === 'GET' ? undefined : {});
      expect([response.status, response.body?.error?.code], `${method} ${path}`).toEqual([404, 'not-found']);
    }
  });

  it('says that every route behind a key can refuse the key or its rate', () => {
    for (const op of operations) {
      const statuses = Object.keys(op.responses);
      const open = api.paths[op.path][op.method.toLowerCase()].security?.length === 0;
      if (!open) expect(statuses, `${op.method} ${op.path}`).toEqual(expect.arrayContaining(['401', '429']));
    }
    expect(Object.keys(api.paths['/v1/changes'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '409', '412', '413', '422', '429']),
    );
  });
});
