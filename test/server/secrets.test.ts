// No secret is ever stored or logged in clear: not in the SQLite file (WAL included), not in the
// idempotency records, not in the request log.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memberWithKey, STRIPE, startServer } from '../helpers/server.js';

describe('secrets at rest', () => {
  it('stores only hashes, and logs key names, never keys', async () => {
    const server = await startServer();
    const created = await server.seed([STRIPE, ...memberWithKey('m@x.io', 'member')]);
    const retried = await server.call(
      server.ownerKey,
      'POST',
      '/v1/changes',
      { changes: [{ kind: 'key.rotate', name: 'm-key' }] },
      { 'idempotency-key': 'retry-me' },
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
});
