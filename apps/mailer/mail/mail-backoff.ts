import type { BackoffStrategy } from 'bullmq';

/** No single wait is longer than this: a relay that comes back is used within the hour. */
export const MAIL_BACKOFF_CAP_MS = 60 * 60 * 1000;

/**
 * Wait before retry number `retry` (1 = after the first failure): an exponential ceiling
 * `base · 2^(retry-1)` capped at an hour, and a wait drawn uniformly from the last tenth of the cap
 * below that ceiling. While the ceiling is short that is full jitter (0..ceiling), which spreads the
 * burst of retries after a relay outage; once capped, every wait is 54–60 minutes, so 39 retries are
 * guaranteed to cover more than 24 h (full jitter up to the cap would average only ~15 h).
 */
export function mailRetryDelay(retry: number, baseMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 40);
  const ceiling = Math.min(MAIL_BACKOFF_CAP_MS, baseMs * 2 ** exponent);
  const window = Math.min(ceiling, MAIL_BACKOFF_CAP_MS / 10);
  return Math.round(ceiling - window * random());
}

/**
 * BullMQ `settings.backoffStrategy` of the mail worker. BullMQ calls it for every backoff type it does
 * not know; the outgoing queue only carries mail jobs, so any such type gets the mail backoff rather
 * than failing the job.
 */
export function mailBackoffStrategy(baseMs: number, random: () => number = Math.random): BackoffStrategy {
  return (attemptsMade: number) => mailRetryDelay(attemptsMade, baseMs, random);
}
