// Idempotency records: a retry by the same caller replays, another caller's same Idempotency-Key
// does not; records expire after 24 hours; an in-process caller's records keep no secret.
import { describe, expect } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { BACKENDS, itOn, openAt, useBackend } from '../helpers/backends.js';

const OWNER = { name: 'owner@x.io', role: 'owner' } as const;
const ROTATE: Change[] = [{ kind: 'key.rotate', name: 'bootstrap-owner' }];
const HOUR = 60 * 60 * 1000;

describe.each(BACKENDS)('idempotency records ($label)', (backend) => {
  useBackend(backend);
  const it = itOn(backend);

  async function openStore() {
    let now = new Date('2026-11-22T09:00:00Z');
    const dbPath = await backend.location();
    const store = openAt(dbPath, { clock: () => now });
    const ownerSecret = store.bootstrapOwner('owner@x.io')!;
    const advance = (ms: number) => (now = new Date(now.getTime() + ms));
    return { store, dbPath, ownerSecret, advance };
  }

  it('replay only to the caller that made them', async () => {
    const { store, ownerSecret } = await openStore();
    const first = store.apply(ROTATE, { actor: OWNER, idempotencyKey: '1', callerSecret: ownerSecret });
    const retry = store.apply(ROTATE, { actor: OWNER, idempotencyKey: '1', callerSecret: ownerSecret });
    expect(retry).toEqual({ ...first, replayed: true });

    // Another key with the same Idempotency-Key and batch gets its own, fresh application.
    const other = store.apply(ROTATE, { actor: OWNER, idempotencyKey: '1', callerSecret: 'rst_another_caller' });
    expect(other.replayed).toBeUndefined();
    expect(other.version).toBe(first.version + 1);
    expect(other.secrets['bootstrap-owner']).not.toBe(first.secrets['bootstrap-owner']);
    store.close();
  });

  it('expire after 24 hours and are purged', async () => {
    const { store, dbPath, ownerSecret, advance } = await openStore();
    const options = { actor: OWNER, idempotencyKey: 'retry', callerSecret: ownerSecret };
    const first = store.apply(ROTATE, options);
    advance(23 * HOUR);
    expect(store.apply(ROTATE, options).replayed).toBe(true);
    advance(2 * HOUR);
    const late = store.apply(ROTATE, options);
    expect(late.replayed).toBeUndefined();
    expect(late.version).toBe(first.version + 1);
    store.close();

    // Only the new record is left: the expired one is gone from the file.
    expect(await backend.query(dbPath, 'SELECT created_at FROM idempotency')).toEqual([
      { created_at: '2026-11-23T10:00:00.000Z' },
    ]);
  });

  it('keep no secret for an in-process caller, which has no key to scope them to', async () => {
    const { store } = await openStore();
    const first = store.apply(ROTATE, { actor: OWNER, idempotencyKey: 'local-1' });
    expect(Object.keys(first.secrets)).toEqual(['bootstrap-owner']);
    const retry = store.apply(ROTATE, { actor: OWNER, idempotencyKey: 'local-1' });
    expect(retry).toEqual({ ...first, secrets: {}, replayed: true });
    store.close();
  });
});
