// Bounded concurrency and a client-side rate budget for providers written to change by change.
// Small on purpose: p-queue ({ concurrency, intervalCap, interval }) does both, but it is not a
// dependency of roster, and these two functions are all the runner needs.

/** Runs `work` on every item, at most `limit` at a time; resolves when all have settled. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * At most `perSecond` requests a second, evenly spaced (no bursts: a platform that counts requests
 * per window never sees more than the budget in any window). Infinity means no budget.
 */
export class RateBudget {
  private nextSlot = 0;
  /** Requests granted so far: what the apply cost, for the report and the bench. */
  granted = 0;

  constructor(private readonly perSecond: number) {}

  /** Waits for the next free slot, then counts one request. */
  async take(): Promise<void> {
    this.granted++;
    if (!Number.isFinite(this.perSecond)) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}
