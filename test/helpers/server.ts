import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import type { Role } from '../../src/model/vocabulary.js';
import { createWorkspaceServer, type ServerOptions } from '../../src/server/server.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { tmpDir } from './tmp.js';

const running: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of running.splice(0)) await stop();
});

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

/** The real server on 127.0.0.1 (a free port), on a temp SQLite file, with an owner key. */
export async function startServer(options: ServerOptions & { clock?: () => Date } = {}): Promise<TestServer> {
  const dbPath = join(tmpDir(), 'workspace.db');
  const store = WorkspaceStore.open(dbPath, options.clock ? { clock: options.clock } : {});
  const ownerKey = store.bootstrapOwner('owner@x.io')!;
  const logs: string[] = [];
  const server = createWorkspaceServer(store, { log: (line) => logs.push(line), ...options });
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
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const seed = async (changes: Change[]) => {
    const result = await call(ownerKey, 'POST', '/v1/changes', { changes });
    if (result.status !== 200) throw new Error(`seeding failed: ${JSON.stringify(result.body)}`);
    return result.body.secrets as Record<string, string>;
  };
  return { url, dbPath, store, ownerKey, logs, call, seed };
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
