import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MembershipConfig } from '../config/membership.config';
import { isDatabaseUnavailable } from '../database/database-errors';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { ProvisioningLogRepository } from './provisioning-log.repository';

const PURGE_INTERVAL_MS = 3_600_000;
/** The first purge waits a little, so a starting replica does not add to a deployment's start-up load. */
const FIRST_PURGE_DELAY_MS = 60_000;
/** Rows per DELETE: short statements, so a large backlog never holds locks for long. */
const PURGE_BATCH = 5_000;
const DAY_MS = 86_400_000;

/** Keeps the provisioning log to the last PROVISIONING_LOG_RETENTION_DAYS days, checked hourly. */
@Injectable()
export class ProvisioningLogPurger implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ProvisioningLogPurger');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly transactions: Transactions,
    private readonly log: ProvisioningLogRepository,
    private readonly clock: Clock,
    private readonly config: MembershipConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(FIRST_PURGE_DELAY_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Deletes every entry older than the retention period; returns how many. */
  async purge(): Promise<number> {
    const cutoff = new Date(
      this.clock.now().getTime() - this.config.PROVISIONING_LOG_RETENTION_DAYS * DAY_MS,
    );
    let purged = 0;
    for (;;) {
      const deleted = await this.log.deleteOlderThan(this.transactions.manager, cutoff, PURGE_BATCH);
      purged += deleted;
      if (deleted < PURGE_BATCH) return purged;
    }
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.purge()
        .then((purged) => {
          if (purged > 0) this.logger.log(`Purged ${purged} provisioning log entries`);
        })
        .catch((error: unknown) => {
          const reason = isDatabaseUnavailable(error) ? 'database unavailable' : describe(error);
          this.logger.warn(`Provisioning log purge failed (${reason}); retrying in an hour`);
        })
        .finally(() => {
          this.running = undefined;
          if (this.timer) this.schedule(PURGE_INTERVAL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
