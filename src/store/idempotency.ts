// Idempotent batches: a retried request (same caller, same Idempotency-Key, same batch) gets the
// first result back and applies nothing. Records are scoped to the caller and kept for a day; see
// secrets.ts for why neither the database nor a guessed Idempotency-Key opens one.
import type { BatchResult } from '../model/changes.js';
import type { Db } from './database.js';
import { StoreError } from './errors.js';
import { idempotencyKeys, openResult, requestFingerprint, sealResult } from './secrets.js';

/** How long a result can be replayed: long enough for any client's retries, then purged. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotentRequest {
  idempotencyKey: string;
  /** The bearer secret the caller presented; absent for an in-process caller. */
  callerSecret?: string;
  /** The request as the caller sent it, to refuse a reused Idempotency-Key with another batch. */
  request: unknown;
  now: Date;
}

/** Runs `apply` once per request; call inside the transaction that applies the batch. */
export function onceOnly(
  db: Db,
  request: IdempotentRequest,
  apply: () => BatchResult,
): BatchResult & { replayed?: boolean } {
  const expired = new Date(request.now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(expired);

  const keys = idempotencyKeys(request.callerSecret ?? '', request.idempotencyKey);
  const fingerprint = requestFingerprint(keys, JSON.stringify(request.request));
  const previous = db.prepare('SELECT request_hash, result FROM idempotency WHERE lookup = ?').get(keys.lookup) as
    { request_hash: Buffer; result: Buffer } | undefined;
  if (previous) {
    if (!previous.request_hash.equals(fingerprint)) {
      throw new StoreError('idempotency-conflict', 'this Idempotency-Key was already used for a different batch');
    }
    return { ...(JSON.parse(openResult(keys, previous.result)) as BatchResult), replayed: true };
  }
  const result = apply();
  // Without a caller secret the record would be only as safe as the file: it keeps no secret (an
  // in-process caller never retries over a network, so it never needs one replayed).
  const kept = request.callerSecret ? result : { ...result, secrets: {} };
  db.prepare('INSERT INTO idempotency (lookup, request_hash, result, created_at) VALUES (?, ?, ?, ?)').run(
    keys.lookup,
    fingerprint,
    sealResult(keys, JSON.stringify(kept)),
    request.now.toISOString(),
  );
  return result;
}
