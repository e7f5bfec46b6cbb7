import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { redisOptions } from '@roster/config';
import { MailQueues, type MailJob } from '@roster/contracts';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { MembershipConfig } from '../config/membership.config';
import { DependencyOutage } from '../health/dependency-outage';

/**
 * Membership's Redis connection for producing mail jobs, and the outgoing mail queue on it.
 * Commands fail at once while Redis is down (no offline queue): the relay then leaves its rows for
 * the next tick rather than holding them locked behind a command that may never be sent.
 */
@Injectable()
export class MailRedis implements OnApplicationShutdown {
  readonly connection: Redis;
  readonly outgoing: Queue<MailJob>;
  private readonly logger = new Logger('MailRedis');
  private readonly outage = new DependencyOutage(this.logger, 'Redis', 'emails wait in the outbox');

  constructor(config: MembershipConfig) {
    this.connection = new Redis({
      ...redisOptions(config.REDIS_URL),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: 'roster-membership',
    });
    this.connection.on('error', (error: Error) => this.outage.failed(error));
    this.connection.on('ready', () => this.outage.recovered());
    this.outgoing = new Queue<MailJob>(MailQueues.outgoing, {
      connection: this.connection,
      prefix: config.BULLMQ_PREFIX,
    });
    // Connection errors are reported above; without a listener an 'error' event would crash.
    this.outgoing.on('error', () => undefined);
  }

  get ready(): boolean {
    return this.connection.status === 'ready';
  }

  /** For readiness: a round trip to Redis, bounded in time. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    if (!this.ready) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        this.connection.ping(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis PING timed out')), timeoutMs);
        }),
      ]);
      return answer === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.outgoing.close();
    // The queue does not own a connection it was given.
    this.connection.disconnect();
  }
}
