// Rotating a key's secret, in one step or two. A plain rotation replaces the secret (and any staged
// one) at once. A staged one adds a new secret beside the old, which keeps working (with any earlier
// staged one) until key.retire_previous makes the newest staged secret the only one: a secret that
// cannot be delivered then never costs the key its working secret.
import type { Change } from '../model/changes.js';
import type { Db } from './database.js';
import { hashSecret, newSecret, stagedHashes, withStaged } from './secrets.js';

type Rotation = Extract<Change, { kind: 'key.rotate' | 'key.retire_previous' }>;

/** What a rotation did: the key's id, and the new secret when it made one; or why it could not. */
export type Rotated =
  { keyId: string; secret?: string } | { problem: { code: 'not-found' | 'conflict'; message: string } };

export function rotateKey(db: Db, change: Rotation, now: string): Rotated {
  const key = db.prepare('SELECT id, pending_secrets FROM keys WHERE name = ?').get(change.name) as
    { id: string; pending_secrets: Buffer | null } | undefined;
  if (!key) return { problem: { code: 'not-found', message: `key ${change.name} does not exist` } };
  if (change.kind === 'key.rotate' && change.stage) {
    const secret = newSecret(key.id);
    db.prepare('UPDATE keys SET pending_secrets = ?, pending_since = coalesce(pending_since, ?) WHERE id = ?').run(
      withStaged(key.pending_secrets, hashSecret(secret)),
      now,
      key.id,
    );
    return { keyId: key.id, secret };
  }
  const secret = change.kind === 'key.rotate' ? newSecret(key.id) : undefined;
  const hash = secret ? hashSecret(secret) : stagedHashes(key.pending_secrets).at(-1);
  if (!hash) return { problem: { code: 'conflict', message: `key ${change.name} has no staged secret to keep` } };
  db.prepare(
    'UPDATE keys SET secret_hash = ?, rotated_at = ?, pending_secrets = NULL, pending_since = NULL WHERE id = ?',
  ).run(hash, now, key.id);
  return secret ? { keyId: key.id, secret } : { keyId: key.id };
}
