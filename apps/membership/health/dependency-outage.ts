import type { Logger } from '@nestjs/common';

/**
 * Logs a dependency outage once when it starts and once when it ends, instead of once per retry:
 * a relay ticking every second would otherwise fill the log while Redis is down.
 */
export class DependencyOutage {
  private since: Date | null = null;

  constructor(
    private readonly logger: Pick<Logger, 'warn' | 'log'>,
    private readonly dependency: string,
    private readonly consequence: string,
  ) {}

  get ongoing(): boolean {
    return this.since !== null;
  }

  failed(error: unknown): void {
    if (this.since) return;
    this.since = new Date();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`${this.dependency} unavailable (${reason}); ${this.consequence}`);
  }

  recovered(): void {
    if (!this.since) return;
    const seconds = Math.round((Date.now() - this.since.getTime()) / 1000);
    this.since = null;
    this.logger.log(`${this.dependency} available again after ${seconds} s`);
  }
}
