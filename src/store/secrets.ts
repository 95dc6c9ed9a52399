// Key secrets and idempotent results. A secret is `rst_<id>_<random>`: the id finds the row,
// the SHA-256 of the whole secret is compared in constant time. Secrets are never stored.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_PATTERN = /^rst_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

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

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const presented = hashSecret(secret);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}

/** Where a retried request's result is filed, derived from its Idempotency-Key. */
export function idempotencyLookup(idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, '', 'roster idempotency lookup', 32));
}

export function sealResult(idempotencyKey: string, plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', resultKey(idempotencyKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function openResult(idempotencyKey: string, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', resultKey(idempotencyKey), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

function resultKey(idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, '', 'roster idempotency result', 32));
}
