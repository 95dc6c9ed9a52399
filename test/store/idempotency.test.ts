// Idempotency records: a retry by the same caller replays, another caller's same Idempotency-Key
// does not; records expire after 24 hours; an in-process caller's records keep no secret.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { WorkspaceStore } from '../../src/store/store.js';
import { tmpDir } from '../helpers/tmp.js';

const OWNER = { name: 'owner@x.io', role: 'owner' } as const;
const ROTATE: Change[] = [{ kind: 'key.rotate', name: 'bootstrap-owner' }];
const HOUR = 60 * 60 * 1000;

function openStore() {
  let now = new Date('2026-11-22T09:00:00Z');
  const dbPath = join(tmpDir(), 'workspace.db');
  const store = WorkspaceStore.open(dbPath, { clock: () => now });
  const ownerSecret = store.bootstrapOwner('owner@x.io')!;
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));
  return { store, dbPath, ownerSecret, advance };
}

describe('idempotency records', () => {
  it('replay only to the caller that made them', () => {
    const { store, ownerSecret } = openStore();
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

  it('expire after 24 hours and are purged', () => {
    const { store, dbPath, ownerSecret, advance } = openStore();
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
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.prepare('SELECT created_at FROM idempotency').all()).toEqual([
      { created_at: '2026-11-23T10:00:00.000Z' },
    ]);
    raw.close();
  });

  it('keep no secret for an in-process caller, which has no key to scope them to', () => {
    const { store } = openStore();
    const first = store.apply(ROTATE, { actor: OWNER, idempotencyKey: 'local-1' });
    expect(Object.keys(first.secrets)).toEqual(['bootstrap-owner']);
    const retry = store.apply(ROTATE, { actor: OWNER, idempotencyKey: 'local-1' });
    expect(retry).toEqual({ ...first, secrets: {}, replayed: true });
    store.close();
  });
});
