// Who is calling: the key behind "Authorization: Bearer <secret>". The secret is checked first, so
// a right one always gets in, whatever anyone else sent before. Failures are limited per remote
// address: whoever keeps failing is answered 429 with Retry-After instead of 401, and that is all a
// guesser achieves; a key is never locked out. Logs name a key only by a fingerprint of its id
// (never the id itself, which a reader of the log could put in a request) and never the secret.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { keyIdOf } from '../store/secrets.js';
import type { AuthenticatedKey, WorkspaceStore } from '../store/store.js';
import { HttpError } from './http.js';
import { type RateLimit, RateLimiter } from './rate-limit.js';

export class Authenticator {
  private readonly failures: RateLimiter;

  constructor(
    private readonly store: WorkspaceStore,
    failureLimit: RateLimit,
    private readonly log?: (line: string) => void,
    now?: () => number,
  ) {
    this.failures = new RateLimiter(failureLimit, now);
  }

  authenticate(request: IncomingMessage): AuthenticatedKey {
    const secret = bearerSecret(request);
    const key = secret === undefined ? undefined : this.store.authenticate(secret);
    if (key) return key;
    const address = request.socket.remoteAddress ?? 'unknown';
    const id = secret === undefined ? undefined : keyIdOf(secret);
    const named = id === undefined ? '-' : logFingerprint(id);
    const wait = this.failures.take(`address ${address}`);
    if (wait !== undefined) {
      this.log?.(`auth refused key=${named} from=${address}: too many failed attempts`);
      throw new HttpError(
        429,
        'rate-limited',
        `too many failed authentications; retry in ${wait}s`,
        {},
        { 'retry-after': String(wait) },
      );
    }
    this.log?.(`auth failed key=${named} from=${address}`);
    throw new HttpError(
      401,
      'unauthenticated',
      'send a valid, unexpired key as "Authorization: Bearer <key>"',
      {},
      { 'www-authenticate': 'Bearer' },
    );
  }
}

/**
 * How a log names the key id a failed secret claimed: "#" and 12 hex digits of its SHA-256. The
 * same id always reads the same, so attempts on one key can be told apart, but the line cannot be
 * turned back into an id to send.
 */
export function logFingerprint(id: string): string {
  return `#${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

/** The secret of "Authorization: Bearer <secret>", if the request sends one. */
export function bearerSecret(request: IncomingMessage): string | undefined {
  return /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
}
