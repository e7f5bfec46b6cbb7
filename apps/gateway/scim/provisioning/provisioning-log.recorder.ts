import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  MembershipPatterns,
  PROVISIONING_BATCH_MAX,
  type ProvisioningLogEntry,
  type RecordProvisioningLogRequest,
} from '@roster/contracts';
import { MembershipClient } from '../../membership/membership.client';
import { MembershipUnavailableError } from '../../membership/membership.errors';

/** How often buffered entries are sent; a full batch is sent at once. */
export const PROVISIONING_FLUSH_MS = 500;
/** Entries kept while membership is unreachable (~10 MB at most); beyond it the oldest are dropped. */
const MAX_BUFFERED = 20_000;
const SEND_TIMEOUT_MS = 5_000;
const SHUTDOWN_TIMEOUT_MS = 2_000;

/**
 * Sends provisioning log entries to membership in batches, off the request path: an IdP never waits
 * for the log. Each batch is a request/reply, kept and sent again while membership is unreachable
 * (entries carry their own ids, so a batch that timed out after being stored is not stored twice).
 * Only a bounded buffer and a crash of the gateway can lose entries.
 */
@Injectable()
export class ProvisioningLogRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ProvisioningLog');
  private buffer: ProvisioningLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private unavailableSince: number | undefined;
  private dropped = 0;

  constructor(private readonly membership: MembershipClient) {}

  record(entry: ProvisioningLogEntry): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      this.buffer.shift();
      this.dropped++;
    }
    this.buffer.push(entry);
    if (this.buffer.length >= PROVISIONING_BATCH_MAX) void this.flush();
  }

  /** Sends what is buffered; resolves when sent or when membership is unreachable (kept for later). */
  flush(timeoutMs = SEND_TIMEOUT_MS): Promise<void> {
    this.flushing ??= this.sendAll(timeoutMs).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  get pending(): number {
    return this.buffer.length;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), PROVISIONING_FLUSH_MS);
    this.timer.unref();
  }

  /** Before the NATS client closes (onApplicationShutdown): the last entries get one try. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush(SHUTDOWN_TIMEOUT_MS);
    if (this.buffer.length > 0) {
      this.logger.warn(
        `${this.buffer.length} provisioning log entries not recorded: membership unreachable at shutdown`,
      );
    }
  }

  private async sendAll(timeoutMs: number): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, PROVISIONING_BATCH_MAX);
      const request: RecordProvisioningLogRequest = { entries: batch };
      try {
        await this.membership.send(MembershipPatterns.provisioningLogRecord, request, timeoutMs);
        this.recovered();
      } catch (error) {
        if (error instanceof MembershipUnavailableError) {
          this.keep(batch, error);
          return;
        }
        // Refused by membership (a contract drift): sending it again cannot succeed.
        this.logger.error(
          `${batch.length} provisioning log entries refused by membership: ${describe(error)}`,
        );
      }
    }
  }

  private keep(batch: ProvisioningLogEntry[], error: MembershipUnavailableError): void {
    this.buffer = [...batch, ...this.buffer];
    const excess = this.buffer.length - MAX_BUFFERED;
    if (excess > 0) {
      this.buffer.splice(0, excess);
      this.dropped += excess;
    }
    if (this.unavailableSince === undefined) {
      this.unavailableSince = Date.now();
      this.logger.warn(`Provisioning log entries kept until membership answers (${error.reason})`);
    }
  }

  private recovered(): void {
    if (this.unavailableSince === undefined && this.dropped === 0) return;
    const lost = this.dropped > 0 ? `; ${this.dropped} entries dropped when the buffer was full` : '';
    this.logger.log(`Provisioning log entries recorded again${lost}`);
    this.unavailableSince = undefined;
    this.dropped = 0;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
