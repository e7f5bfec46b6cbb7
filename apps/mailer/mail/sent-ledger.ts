import type Redis from 'ioredis';

/** Kept a little longer than completed job records (7 days), which dedupe job ids for as long. */
const REMEMBER_FOR_S = 8 * 24 * 60 * 60;

/**
 * Which events have been handed to the mail server, and on which attempt. Checked before sending, so
 * a job that runs again after its email went out (a stalled job, a failed report or completion)
 * reports the earlier delivery instead of sending a second email (SPEC §7: exactly one per event).
 */
export class SentLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(eventId: string): string {
    return `${this.prefix}:mailer:sent:${eventId}`;
  }

  /** The attempt that sent the event's email, or null if it was not sent. */
  async sentOnAttempt(eventId: string): Promise<number | null> {
    const value = await this.redis.get(this.key(eventId));
    const attempt = value === null ? NaN : Number(value);
    return Number.isInteger(attempt) && attempt > 0 ? attempt : null;
  }

  async recordSent(eventId: string, attempt: number): Promise<void> {
    await this.redis.set(this.key(eventId), String(attempt), 'EX', REMEMBER_FOR_S);
  }
}
