// Who is calling: the key behind "Authorization: Bearer <secret>". Failed attempts are limited
// per remote address and key id the secret names (per address alone when it names no key we have,
// so invented ids cannot grow the limiter without bound): whoever keeps failing is slowed down,
// and nobody can lock a key out from another address. The secret itself is never logged.
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
    const id = secret === undefined ? undefined : keyIdOf(secret);
    const address = request.socket.remoteAddress ?? 'unknown';
    const bucket = id !== undefined && this.store.hasKeyId(id) ? `key ${id} from ${address}` : `address ${address}`;
    // Checked before the secret, so a caller over the limit learns nothing from trying more.
    const wait = this.failures.wait(bucket);
    if (wait !== undefined) {
      this.log?.(`auth refused key=${id ?? '-'} from=${address}: too many failed attempts`);
      throw new HttpError(
        429,
        'rate-limited',
        `too many failed authentications; retry in ${wait}s`,
        {},
        { 'retry-after': String(wait) },
      );
    }
    const key = secret === undefined ? undefined : this.store.authenticate(secret);
    if (key) return key;
    this.failures.take(bucket);
    this.log?.(`auth failed key=${id ?? '-'} from=${address}`);
    throw new HttpError(
      401,
      'unauthenticated',
      'send a valid, unexpired key as "Authorization: Bearer <key>"',
      {},
      { 'www-authenticate': 'Bearer' },
    );
  }
}

/** The secret of "Authorization: Bearer <secret>", if the request sends one. */
export function bearerSecret(request: IncomingMessage): string | undefined {
  return /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
}
