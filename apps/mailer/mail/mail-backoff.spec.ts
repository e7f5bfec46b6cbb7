import { MAIL_JOB_ATTEMPTS } from '@roster/contracts';
import { MAIL_BACKOFF_CAP_MS, mailBackoffStrategy, mailRetryDelay } from './mail-backoff';

const BASE = 5000;
const HOUR = 3_600_000;
const retries = Array.from({ length: MAIL_JOB_ATTEMPTS - 1 }, (_, i) => i + 1);
const totalWait = (random: () => number) =>
  retries.reduce((sum, r) => sum + mailRetryDelay(r, BASE, random), 0);

describe('mail retry backoff', () => {
  it('keeps retrying for more than 24 h even when every draw is the shortest (SPEC §7)', () => {
    expect(totalWait(() => 0.999999)).toBeGreaterThan(24 * HOUR);
  });

  it('spans at most about 40 h when every draw is the longest', () => {
    expect(totalWait(() => 0)).toBeLessThan(41 * HOUR);
  });

  it.each([1, 5, 11, 20, 39, 1000])('never waits longer than an hour (retry %i)', (retry) => {
    expect(mailRetryDelay(retry, BASE, () => 0)).toBeLessThanOrEqual(MAIL_BACKOFF_CAP_MS);
  });

  it.each<[number, number]>([
    [1, 5000],
    [2, 10_000],
    [3, 20_000],
    [8, 640_000],
    [11, HOUR],
  ])('doubles its ceiling from the base (retry %i → at most %i ms)', (retry, ceiling) => {
    expect(mailRetryDelay(retry, BASE, () => 0)).toBe(ceiling);
  });

  it('uses full jitter while the ceiling is short', () => {
    expect(mailRetryDelay(3, BASE, () => 0.5)).toBe(10_000);
    expect(mailRetryDelay(3, BASE, () => 0.999999)).toBeLessThan(1);
  });

  it('spreads capped waits over the last six minutes of the hour', () => {
    expect(mailRetryDelay(30, BASE, () => 0.999999)).toBeGreaterThan(54 * 60_000 - 1);
  });

  it('is what the BullMQ strategy returns for attemptsMade', async () => {
    const strategy = mailBackoffStrategy(BASE, () => 0);
    expect(await strategy(2, 'mail')).toBe(10_000);
  });

  it('follows a shortened base in tests', () => {
    expect(mailRetryDelay(2, 20, () => 0)).toBe(40);
  });
});
