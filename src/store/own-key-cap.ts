// The bound on the keys a member makes for themselves. Without it, one member's key could fill the
// store and the access cache. It holds on every route that creates such a key: POST /v1/keys and a
// batch's key.create or key.replace alike (apply-batch.ts checks each change).
import type { Actor, Change } from '../model/changes.js';
import { todayUtc } from '../model/dates.js';
import type { Db } from './database.js';

/**
 * The most live keys of their own (personal, not declared by any config) a member may hold when
 * making another.
 */
export const MAX_OWN_KEYS = 20;

/**
 * Why `change` may not create another key of the actor's own, or undefined. Only an unmanaged
 * batch makes such keys: a managed one (roster's, owners and admins only) makes declared keys,
 * which the config's policy.personal_keys.max_per_member bounds.
 */
export function ownKeyCapProblem(
  db: Db,
  change: Change,
  actor: Actor,
  managed: boolean,
  now: Date,
): { code: string; message: string } | undefined {
  // key.replace makes its new key through key.create, after the old one is gone.
  if (managed || change.kind !== 'key.create') return undefined;
  if (change.type !== 'personal' || change.owner !== actor.name) return undefined;
  const { count } = db
    .prepare(
      `SELECT count(*) AS count FROM keys WHERE owner = ? AND type = 'personal' AND managed = 0
         AND (expires IS NULL OR expires >= ?)`,
    )
    .get(actor.name, todayUtc(now)) as { count: number };
  if (count < MAX_OWN_KEYS) return undefined;
  return {
    code: 'too-many-own-keys',
    message: `${actor.name} already holds ${count} personal keys of their own, the most a member may make (${MAX_OWN_KEYS}); revoke one no longer used (DELETE /v1/keys/{name}) first`,
  };
}
