// The token bucket on a fake clock: a burst, then one request per refill, Retry-After in whole
// seconds, and no more than a burst saved up however long a caller waits.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/rate-limit.js';

function limiter(perSecond: number, burst: number) {
  let now = 1_000_000;
  const limit = new RateLimiter({ perSecond, burst }, () => now);
  const advance = (ms: number) => (now += ms);
  return { limit, advance };
}

describe('rate limiter', () => {
  it('lets a burst through, then one request per refill', () => {
    const { limit, advance } = limiter(1, 3);
    expect([1, 2, 3, 4].map(() => limit.take('k'))).toEqual([undefined, undefined, undefined, 1]);
    advance(999);
    expect(limit.take('k')).toBe(1);
    advance(1);
    expect(limit.take('k')).toBeUndefined();
    expect(limit.take('k')).toBe(1);
  });

  it('saves up at most a burst, and keeps callers apart', () => {
    const { limit, advance } = limiter(1, 2);
    limit.take('a');
    limit.take('a');
    expect(limit.take('a')).toBe(1);
    expect(limit.take('b')).toBeUndefined(); // another caller has its own bucket
    advance(60_000);
    expect([1, 2, 3].map(() => limit.take('a'))).toEqual([undefined, undefined, 1]);
  });

  it('says how many whole seconds to wait', () => {
    const { limit, advance } = limiter(0.25, 1);
    expect(limit.take('k')).toBeUndefined();
    expect(limit.take('k')).toBe(4);
    advance(2_000);
    expect(limit.take('k')).toBe(2);
    advance(1_500);
    expect(limit.take('k')).toBe(1); // half a second left rounds up to one
  });
});
