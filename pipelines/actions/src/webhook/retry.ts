// When to try a webhook again: exponential backoff with jitter, and the server's Retry-After
// honoured up to a cap (a server asking for an hour must not stall a live call's action lane).

export interface RetryTiming {
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly retryAfterCapMs: number;
}

/** HTTP statuses worth another attempt: the server may succeed later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Backoff after the failed attempt number `attempt` (1-based). "Equal jitter": half of the
 * exponential step is fixed so retries never bunch at zero, half is random so many clients
 * retrying the same outage spread out.
 */
export function backoffDelayMs(attempt: number, timing: RetryTiming, random: () => number): number {
  const step = Math.min(timing.backoffMaxMs, timing.backoffBaseMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** The wait before the next attempt: at least the backoff, at least Retry-After (capped). */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, timing: RetryTiming, random: () => number): number {
  const backoff = backoffDelayMs(attempt, timing, random);
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(retryAfterMs, timing.retryAfterCapMs));
}
