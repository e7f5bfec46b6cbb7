import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { redactUrl, redisOptions } from '@roster/config';
import Redis from 'ioredis';

/** A rate-limit decision waits this long for Redis before the request goes through unlimited. */
const COMMAND_TIMEOUT_MS = 250;

/**
 * The gateway's Redis connection, used only for rate-limit counters. Built so that Redis being slow
 * or down never holds up or fails a SCIM request: no offline queue (a command fails at once while
 * disconnected), a short command timeout, no retries per command, reconnects in the background.
 */
export class RateLimitRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimitRedis');
  readonly connection: Redis;

  constructor(url: string) {
    this.connection = new Redis({
      ...redisOptions(url),
      connectionName: 'roster-gateway-rate-limits',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // A socket left half-open by a dead Redis is destroyed this soon on shutdown (default 2 s).
      disconnectTimeout: 200,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    });
    const where = redactUrl(url);
    // ioredis emits an error per failed reconnect; the limiter itself says that limits are off.
    this.connection.on('error', (error: Error) => this.logger.debug(`Redis ${where}: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT needs a live connection; otherwise stop the reconnect loop, or the process cannot exit.
    if (this.connection.status === 'ready') await this.connection.quit().catch(() => undefined);
    this.connection.disconnect(false);
  }
}
