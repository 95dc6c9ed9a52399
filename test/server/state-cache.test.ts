// GET /v1/state is serialized once per version and gzipped for clients that accept it: a repeat
// read is the same document, and a change between two reads always shows up, plain or gzipped.
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../src/store/store.js';
import { startServer, type TestServer, itOnSqliteFile } from '../helpers/server.js';

const read = (server: TestServer, encoding: string) =>
  server.call(server.ownerKey, 'GET', '/v1/state', undefined, { 'accept-encoding': encoding });

const memberName = (body: any, email: string) =>
  (body.state.members as { email: string; name?: string }[]).find((member) => member.email === email)?.name;

describe('GET /v1/state', () => {
  it('is gzipped when the client accepts gzip, and plain otherwise, with the same document', async () => {
    const server = await startServer();
    await server.seed([{ kind: 'member.invite', email: 'a@x.io', name: 'A', role: 'member' }]);
    const gzipped = await read(server, 'gzip, deflate');
    const plain = await read(server, 'identity');
    const refused = await read(server, 'gzip;q=0, identity');
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(gzipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(gzipped.body).toEqual(plain.body);
    expect(refused.body).toEqual(plain.body);
    expect(plain.body.caller).toEqual({ name: 'owner@x.io', role: 'owner', keyName: 'bootstrap-owner' });
  });

  it('shows a change made between two reads, plain and gzipped, with the new ETag', async () => {
    const server = await startServer();
    await server.seed([{ kind: 'member.invite', email: 'a@x.io', name: 'Before', role: 'member' }]);
    const first = { plain: await read(server, 'identity'), gzipped: await read(server, 'gzip') };
    await server.seed([{ kind: 'member.update', email: 'a@x.io', name: 'After' }]);
    const second = { plain: await read(server, 'identity'), gzipped: await read(server, 'gzip') };
    for (const [before, after] of [
      [first.plain, second.plain],
      [first.gzipped, second.gzipped],
    ] as const) {
      expect(memberName(before.body, 'a@x.io')).toBe('Before');
      expect(memberName(after.body, 'a@x.io')).toBe('After');
      expect(after.body.version).toBe(before.body.version + 1);
      expect(after.headers.get('etag')).toBe(`"${after.body.version}"`);
    }
  });

  itOnSqliteFile('shows a change committed by another process on the same workspace file', async () => {
    const server = await startServer();
    await server.seed([{ kind: 'member.invite', email: 'a@x.io', name: 'Before', role: 'member' }]);
    expect(memberName((await read(server, 'gzip')).body, 'a@x.io')).toBe('Before');
    const other = WorkspaceStore.open(server.dbPath);
    other.apply([{ kind: 'member.update', email: 'a@x.io', name: 'After' }], {
      actor: { name: 'owner@x.io', role: 'owner' },
    });
    other.close();
    expect(memberName((await read(server, 'gzip')).body, 'a@x.io')).toBe('After');
    expect(memberName((await read(server, 'identity')).body, 'a@x.io')).toBe('After');
  });

  it('names each caller in its own body, though the state is serialized once', async () => {
    const server = await startServer();
    const keys = await server.seed([
      { kind: 'member.invite', email: 'adm@x.io', role: 'admin' },
      { kind: 'key.create', name: 'adm-key', type: 'personal', owner: 'adm@x.io', scope: [], users: [] },
    ]);
    // The admin's first request accepts their invitation, a change of state: made before both reads.
    await server.call(keys['adm-key'], 'GET', '/v1/whoami');
    const owner = await read(server, 'gzip');
    const admin = await server.call(keys['adm-key'], 'GET', '/v1/state', undefined, { 'accept-encoding': 'gzip' });
    expect(owner.body.caller.name).toBe('owner@x.io');
    expect(admin.body.caller).toEqual({ name: 'adm@x.io', role: 'admin', keyName: 'adm-key' });
    expect(admin.body.state).toEqual(owner.body.state);
  });
});
