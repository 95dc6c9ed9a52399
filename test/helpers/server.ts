import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import type { Role } from '../../src/model/vocabulary.js';
import { createWorkspaceServer, type ServerOptions } from '../../src/server/server.js';
import type { WorkspaceStore } from '../../src/store/store.js';
import { openAt } from './backends.js';
import { type Cluster, startCluster } from './postgres.js';
import { type ObservedResponse, ResponseValidator } from './api-responses.js';
import { tmpDir } from './tmp.js';

const running: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of running.splice(0)) await stop();
});

// Every response a test server sends is checked against schemas/workspace-api.yaml. `call` fails
// at once on a response that differs; requests from elsewhere (the http provider) fail the test
// that made them when it ends.
let validator: ResponseValidator | undefined;
const undescribed: string[] = [];
afterEach(() => {
  if (undescribed.length > 0) throw new Error(undescribedMessage());
});

function undescribedMessage(): string {
  return `the server answered what schemas/workspace-api.yaml does not describe:\n${undescribed.splice(0).join('\n')}`;
}

export interface TestServer {
  url: string;
  dbPath: string;
  store: WorkspaceStore;
  ownerKey: string;
  logs: string[];
  /** Calls the API with a key; returns status, headers and parsed JSON. */
  call(
    key: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  /** Applies changes as the bootstrap owner and returns the secrets of created keys. */
  seed(changes: Change[]): Promise<Record<string, string>>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

// ROSTER_TEST_STORE=postgres runs the server tests on PostgreSQL (a throwaway cluster per test
// file) instead of SQLite files: the same rules, checked on the other store.
let cluster: Promise<Cluster> | undefined;
afterAll(async () => {
  const started = cluster;
  cluster = undefined;
  (await started)?.stop();
});

/**
 * A test of the SQLite file itself (it opens the file, or shares it with another process): skipped
 * when ROSTER_TEST_STORE=postgres runs the server tests on PostgreSQL, where there is no file.
 */
export const itOnSqliteFile = it.skipIf(process.env.ROSTER_TEST_STORE === 'postgres');

/** A new workspace's location: a temp SQLite file, or a new PostgreSQL database. */
async function newWorkspace(): Promise<string> {
  if (process.env.ROSTER_TEST_STORE !== 'postgres') return join(tmpDir(), 'workspace.db');
  cluster ??= startCluster();
  return (await cluster).createDatabase();
}

/** The real server on 127.0.0.1 (a free port), on a temp SQLite file, with an owner key. */
export async function startServer(options: ServerOptions & { clock?: () => Date } = {}): Promise<TestServer> {
  const dbPath = await newWorkspace();
  const store = openAt(dbPath, options.clock ? { clock: options.clock } : {});
  const ownerKey = store.bootstrapOwner('owner@x.io')!;
  const logs: string[] = [];
  const server = createWorkspaceServer(store, { log: (line) => logs.push(line), ...options });
  validator ??= new ResponseValidator();
  const check = validator;
  watchResponses(server, (response) => {
    try {
      undescribed.push(...check.check(response));
    } catch (error) {
      undescribed.push(`${response.method} ${response.path}: the check failed: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  running.push(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          done();
        });
      }),
  );
  const call: TestServer['call'] = async (key, method, path, body, headers = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (undescribed.length > 0) throw new Error(undescribedMessage());
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const seed = async (changes: Change[]) => {
    const result = await call(ownerKey, 'POST', '/v1/changes', { changes });
    if (result.status !== 200) throw new Error(`seeding failed: ${JSON.stringify(result.body)}`);
    return result.body.secrets as Record<string, string>;
  };
  return { url, dbPath, store, ownerKey, logs, call, seed };
}

/**
 * Calls `onResponse` with each response just before the server sends it, so the outcome is known
 * before a client can read the response. The server sends with writeHead(status, headers) and one
 * end(body); write() is captured too so a streamed body would be checked whole.
 */
function watchResponses(server: Server, onResponse: (response: ObservedResponse) => void): void {
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let headed: OutgoingHttpHeaders = {};
    const capture = (chunk: unknown) => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
    response.writeHead = ((...args: unknown[]) => {
      const headers = args.find((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg));
      headed = (headers as OutgoingHttpHeaders | undefined) ?? {};
      return writeHead(...args);
    }) as ServerResponse['writeHead'];
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      capture(chunk);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') capture(chunk);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries({ ...response.getHeaders(), ...headed })) {
        if (value !== undefined) headers[name.toLowerCase()] = String(value);
      }
      try {
        onResponse({
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          status: response.statusCode,
          headers,
          // The body as the client reads it: a gzip-encoded one (GET /v1/state) is checked unpacked.
          body: (headers['content-encoding'] === 'gzip'
            ? gunzipSync(Buffer.concat(chunks))
            : Buffer.concat(chunks)
          ).toString('utf8'),
        });
      } finally {
        end(chunk, ...rest);
      }
      return response;
    }) as ServerResponse['end'];
  });
}

/** A member with a personal key; returns the key's secret. */
export function memberWithKey(email: string, role: Role): Change[] {
  return [
    { kind: 'member.invite', email, role },
    { kind: 'key.create', name: `${email.split('@')[0]}-key`, type: 'personal', owner: email, scope: [], users: [] },
  ];
}

export const STRIPE: Change = {
  kind: 'integration.connect',
  id: 'stripe',
  tools: { find_customer: 'read', create_invoice: 'write', create_refund: 'write', delete_customer: 'delete' },
};
