// A token bucket per caller: `burst` requests at once, refilled at `perSecond`. Over the limit,
// the caller is told how long to wait (Retry-After, in whole seconds). The memory is bounded: a
// full bucket says nothing a new one would not, so it is forgotten first; past `maxCallers`, the
// callers not seen for longest are forgotten too.

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
    private readonly maxCallers = 10_000,
  ) {}

  /** How many callers are remembered. */
  get size(): number {
    return this.buckets.size;
  }

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
    this.buckets.delete(caller); // set again below: the Map's order is the order callers were last seen
    this.buckets.set(caller, bucket);
    if (this.buckets.size > this.maxCallers) this.forget(now, caller);
    if (bucket.tokens >= 1) return undefined;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  /**
   * Forgets full buckets, then the least recently seen, until a tenth of the room is free; never
   * the caller being served.
   */
  private forget(now: number, serving: string): void {
    const room = Math.floor(this.maxCallers * 0.9);
    for (const [caller, bucket] of this.buckets) {
      if (caller !== serving && bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond >= this.limit.burst) {
        this.buckets.delete(caller);
      }
    }
    for (const caller of this.buckets.keys()) {
      if (this.buckets.size <= room) break;
      if (caller !== serving) this.buckets.delete(caller);
    }
  }
}
