import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { checkRedisDurability, natsSettings, PrefixedNatsServer, redactUrl } from '@roster/config';
import { Logger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { MembershipConfig } from './config/membership.config';
import { isDatabaseUnavailable } from './database/database-errors';
import type { Clock } from './domain/clock';
import { DeliveryReportProcessor } from './mail/delivery-report.processor';
import { MailRedis } from './mail/mail-redis';
import { OutboxRelay } from './mail/outbox.relay';
import { MembershipModule } from './membership.module';

export interface RunningMembership {
  app: INestApplication;
  /** The port /health/live and /health/ready answer on (the real one when HEALTH_PORT is 0). */
  healthPort: number;
  /** Stops taking requests, stops the relay and the delivery consumer, closes every connection. */
  close(): Promise<void>;
}

export interface MembershipOptions {
  /** Tests move time with their own clock; production uses the system clock. */
  clock?: Clock;
}

/** A dependency membership cannot start without was unreachable; the message is one plain line. */
export class StartupError extends Error {
  constructor(dependency: string, url: string, cause: unknown) {
    super(`Cannot connect to ${dependency} at ${url}: ${describe(cause)}`, { cause });
    this.name = 'StartupError';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * Starts membership in this process: the NATS request/reply server (queue group `membership`, so
 * replicas share requests and each runs once), the outbox relay, the delivery-report consumer and
 * the health endpoints on HEALTH_PORT. Used by main.ts and by tests alike.
 */
export async function startMembership(
  config: MembershipConfig,
  options: MembershipOptions = {},
): Promise<RunningMembership> {
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      MembershipModule.register(config, { clock: options.clock }),
      new FastifyAdapter(),
      { bufferLogs: true, abortOnError: false },
    );
  } catch (error) {
    // TypeORM has retried for half a minute by then (membership.module.ts).
    if (isDatabaseUnavailable(error))
      throw new StartupError('PostgreSQL', redactUrl(config.DATABASE_URL), error);
    throw error;
  }
  try {
    app.useLogger(app.get(Logger));
    // Queued emails live in Redis: refuse one that evicts keys (or, in production, keeps no AOF).
    const production = config.NODE_ENV === 'production';
    for (const warning of await checkRedisDurability(app.get(MailRedis).connection, production)) {
      app.get(Logger).warn(warning, 'Redis');
    }
    app.connectMicroservice(
      {
        strategy: new PrefixedNatsServer(
          {
            ...natsSettings(config.NATS_URL, 'membership'),
            // Fail at start with a clear error rather than wait silently: the orchestrator restarts
            // membership, and once connected the client reconnects on its own.
            waitOnFirstConnect: false,
            // Replicas share one queue group: each request runs once (DESIGN.md §3). The payload
            // limit (8 MB, NATS_MAX_PAYLOAD) is the server's max_payload; clients learn it on connect.
            queue: 'membership',
          },
          config.NATS_SUBJECT_PREFIX,
        ),
      },
      { inheritAppConfig: true },
    );
    app.enableShutdownHooks();
    try {
      await app.startAllMicroservices();
    } catch (error) {
      throw new StartupError('NATS', config.NATS_URL.split(',').map(redactUrl).join(','), error);
    }
    await app.listen(config.HEALTH_PORT, '0.0.0.0');
    app.get(OutboxRelay).start();
    app.get(DeliveryReportProcessor).start();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  return { app, healthPort: address.port, close: () => app.close() };
}
