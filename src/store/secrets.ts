// Key secrets and idempotent results. A secret is `rst_<id>_<random>`: the id finds the row,
// the SHA-256 of the whole secret is compared in constant time. Secrets are never stored, and no
// stored result can be opened with what the database holds.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { SECRET_PATTERN } from '../model/secret-shape.js';

export function newKeyId(): string {
  return randomBytes(8).toString('hex');
}

export function newSecret(keyId: string): string {
  return `rst_${keyId}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** The key id inside a presented secret, or undefined when it cannot be one of ours. */
export function keyIdOf(secret: string): string | undefined {
  return SECRET_PATTERN.exec(secret)?.[1];
}

function hashMatches(presented: Buffer, storedHash: Buffer): boolean {
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}

/** The key's secret or one of its staged ones (each compared, so the time says nothing of which). */
export function secretMatchesAny(secret: string, storedHash: Buffer, staged: readonly Buffer[]): boolean {
  const presented = hashSecret(secret);
  let matched = hashMatches(presented, storedHash);
  for (const hash of staged) matched = hashMatches(presented, hash) || matched;
  return matched;
}

/** Staged secrets a key keeps at most: past this, the oldest staged one stops working. */
export const MAX_STAGED = 5;
const HASH_BYTES = 32;

/** The staged secrets' hashes held in a key's pending_secrets column, oldest first. */
export function stagedHashes(column: Buffer | null): Buffer[] {
  const hashes: Buffer[] = [];
  for (let at = 0; column && at + HASH_BYTES <= column.length; at += HASH_BYTES)
    hashes.push(column.subarray(at, at + HASH_BYTES));
  return hashes;
}

/** The column with one more staged hash, keeping the newest MAX_STAGED. */
export function withStaged(column: Buffer | null, hash: Buffer): Buffer {
  return Buffer.concat([...stagedHashes(column), hash].slice(-MAX_STAGED));
}

/**
 * The keys of one caller's idempotency record. Both derive from the caller's bearer secret (the
 * database holds only its hash) and the Idempotency-Key: the database file alone, or with a guessed
 * Idempotency-Key, neither finds nor opens a record, and another caller's same Idempotency-Key
 * finds nothing. An in-process caller has no secret (empty), and its records hold no secret.
 */
export interface IdempotencyKeys {
  /** Where the record is filed. */
  lookup: Buffer;
  /** Encrypts the stored result and fingerprints the request. */
  seal: Buffer;
}

export function idempotencyKeys(callerSecret: string, idempotencyKey: string): IdempotencyKeys {
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', callerSecret, idempotencyKey, `roster idempotency ${purpose}`, 32));
  return { lookup: derive('lookup'), seal: derive('result') };
}

/** A fingerprint of the request, so a reused Idempotency-Key with another batch is refused. */
export function requestFingerprint(keys: IdempotencyKeys, request: string): Buffer {
  return createHmac('sha256', keys.seal).update(request).digest();
}

export function sealResult(keys: IdempotencyKeys, plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.seal, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function openResult(keys: IdempotencyKeys, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', keys.seal, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
