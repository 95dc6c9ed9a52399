// No secret is ever stored or logged in clear: not in the SQLite file (WAL included), not in the
// idempotency records, not in the request log.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, openResult } from '../../src/store/secrets.js';
import { memberWithKey, STRIPE, startServer, itOnSqliteFile } from '../helpers/server.js';

describe('secrets at rest', () => {
  itOnSqliteFile('stores only hashes, and logs key names, never keys', async () => {
    const server = await startServer();
    const created = await server.seed([STRIPE, ...memberWithKey('m@x.io', 'member')]);
    const retried = await server.call(
      server.ownerKey,
      'POST',
      '/v1/changes',
      { changes: [{ kind: 'key.rotate', name: 'm-key' }] },
      { 'idempotency-key': '1' },
    );
    await server.call(retried.body.secrets['m-key'], 'POST', '/v1/authorize', { integration: 'stripe', tool: 'x' });
    await server.call(server.ownerKey, 'GET', '/v1/state');
    server.store.close(); // flush everything to the files

    const secrets = [server.ownerKey, created['m-key']!, retried.body.secrets['m-key']];
    const dir = dirname(server.dbPath);
    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
    expect(files.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      // rst_<16 hex id>_<43 random characters>; the random part may itself contain '_'.
      const random = secret.slice('rst_0123456789abcdef_'.length);
      expect(random).toHaveLength(43);
      for (const bytes of files) expect(bytes.includes(random)).toBe(false);
      expect(server.logs.join('\n')).not.toContain(random);
    }
    expect(server.logs.some((line) => line.includes('key=m-key'))).toBe(true);
  });

  itOnSqliteFile(
    'keeps idempotency records that the database file and a guessed Idempotency-Key cannot open',
    async () => {
      const server = await startServer();
      await server.seed([STRIPE, ...memberWithKey('m@x.io', 'member')]);
      const rotate = { changes: [{ kind: 'key.rotate', name: 'm-key' }] };
      const first = await server.call(server.ownerKey, 'POST', '/v1/changes', rotate, { 'idempotency-key': '1' });
      const secret: string = first.body.secrets['m-key'];
      server.store.close();

      const raw = new Database(server.dbPath, { readonly: true });
      const records = raw.prepare('SELECT lookup, result FROM idempotency').all() as {
        lookup: Buffer;
        result: Buffer;
      }[];
      const keyRows = raw.prepare('SELECT id, secret_hash FROM keys').all() as { id: string; secret_hash: Buffer }[];
      raw.close();
      expect(records).toHaveLength(1);
      const record = records[0]!;

      // Everything the file holds that could stand in for the caller's secret, with the guess "1".
      const guesses = [
        '',
        '1',
        ...keyRows.flatMap((row) => [row.id, row.secret_hash.toString('hex'), row.secret_hash.toString('latin1')]),
      ];
      for (const guess of guesses) {
        const keys = idempotencyKeys(guess, '1');
        expect(keys.lookup.equals(record.lookup)).toBe(false);
        expect(() => openResult(keys, record.result)).toThrow();
      }
      // The caller's own secret does open it: the attempts above were real ones.
      expect(openResult(idempotencyKeys(server.ownerKey, '1'), record.result)).toContain(secret);
    },
  );

  it("never replays one key's result, or its secrets, to another key with the same Idempotency-Key", async () => {
    const server = await startServer();
    const keys = await server.seed([...memberWithKey('m@x.io', 'member'), ...memberWithKey('a@x.io', 'admin')]);
    const rotate = { changes: [{ kind: 'key.rotate', name: 'm-key' }] };
    await server.call(keys['a-key'], 'GET', '/v1/whoami'); // a@x.io accepts the invitation first
    const owner = await server.call(server.ownerKey, 'POST', '/v1/changes', rotate, { 'idempotency-key': '1' });
    const admin = await server.call(keys['a-key'], 'POST', '/v1/changes', rotate, { 'idempotency-key': '1' });
    expect(admin.status).toBe(200);
    expect(admin.body.replayed).toBeUndefined();
    expect(admin.body.version).toBe(owner.body.version + 1);
    expect(admin.body.secrets['m-key']).not.toBe(owner.body.secrets['m-key']);
    const ownerRetry = await server.call(server.ownerKey, 'POST', '/v1/changes', rotate, { 'idempotency-key': '1' });
    expect(ownerRetry.body).toEqual({ ...owner.body, replayed: true });
  });
});
