// Retries for idempotent requests: 429 and 5xx answers and network failures are retried with
// exponential backoff and jitter, honouring Retry-After, a bounded number of times.

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 250, maxDelayMs: 30_000, timeoutMs: 60_000 };

export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** How long to wait before attempt `attempt` (1-based retries), preferring the server's word. */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: string | null,
  now = Date.now(),
): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, policy.maxDelayMs);
  }
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, exponential / 2 + Math.random() * (exponential / 2));
}
