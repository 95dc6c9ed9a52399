// A token bucket per caller: `burst` requests at once, refilled at `perSecond`. Over the limit,
// the caller is told how long to wait (Retry-After, in whole seconds).

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    /** Milliseconds on any steady scale: performance.now() in a server, a fake clock in tests. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token; returns undefined when allowed, or the seconds to wait. */
  take(caller: string): number | undefined {
    const wait = this.wait(caller);
    if (wait === undefined) this.buckets.get(caller)!.tokens -= 1;
    return wait;
  }

  /** The seconds `caller` must wait for a token, or undefined when one is there; takes nothing. */
  wait(caller: string): number | undefined {
    const now = this.now();
    const bucket = this.buckets.get(caller) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (bucket.tokens >= 1) return undefined;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }
}
