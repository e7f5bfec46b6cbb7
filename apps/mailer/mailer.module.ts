import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  createMetricsRegistry,
  loggerParams,
  MetricsController,
  METRICS_REGISTRY,
  redactUrl,
  redisOptions,
} from '@roster/config';
import Redis from 'ioredis';
import { InjectPinoLogger, LoggerModule, PinoLogger, type Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { MailerConfig } from './config/mailer.config';
import { HealthController } from './health/health.controller';
import { MailMetrics } from './metrics/mail-metrics';
import { DeliveryReporter } from './mail/delivery-reporter';
import { createMailTransport } from './mail/mail-transport';
import { MailWorker } from './mail/mail-worker';
import { MailProcessor } from './mail/mail.processor';
import { MailComposer } from './mail/outgoing-mail';
import { SentLedger } from './mail/sent-ledger';
import {
  MAILER_CLOCK,
  MAILER_CONFIG,
  MAILER_REDIS,
  MAIL_TRANSPORT,
  systemClock,
  type Clock,
} from './mailer.tokens';
import { MailRenderer } from './rendering/mail-renderer';
import { readMailTemplates } from './rendering/mail-template-files';

export interface MailerModuleOptions {
  /** Where JSON logs go (stdout by default); tests capture them to prove no secret is logged. */
  logDestination?: DestinationStream;
  clock?: Clock;
}

/** nestjs-pino settings of the mailer: its only HTTP is health probes, which are not worth a log line each. */
function mailerLoggerParams(level: string, destination?: DestinationStream): Params {
  const params = loggerParams('mailer', level);
  const options: PinoHttpOptions = { ...(params.pinoHttp as PinoHttpOptions), autoLogging: false };
  return { ...params, pinoHttp: destination ? [options, destination] : options };
}

/** Owns the shared Redis connection: logs its errors, closes it after everything else has stopped. */
@Injectable()
class RedisConnectionLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(MAILER_REDIS) private readonly redis: Redis,
    @InjectPinoLogger('Redis') private readonly logger: PinoLogger,
  ) {
    redis.on('error', (error: Error) =>
      this.logger.error({ error: error.message }, 'Redis connection error'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT would wait in the offline queue for a Redis that is down; only a live connection gets one.
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The mailer: a BullMQ worker that renders, sends and reports emails, plus health endpoints. */
@Module({})
export class MailerModule {
  static register(config: MailerConfig, options: MailerModuleOptions = {}): DynamicModule {
    return {
      module: MailerModule,
      imports: [LoggerModule.forRoot(mailerLoggerParams(config.LOG_LEVEL, options.logDestination))],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: MAILER_CONFIG, useValue: config },
        { provide: METRICS_REGISTRY, useValue: createMetricsRegistry('mailer') },
        MailMetrics,
        { provide: MAILER_CLOCK, useValue: options.clock ?? systemClock },
        { provide: MAILER_REDIS, useFactory: () => new Redis(redisOptions(config.REDIS_URL)) },
        {
          provide: MAIL_TRANSPORT,
          inject: [MAILER_CLOCK],
          useFactory: (clock: Clock) =>
            createMailTransport(
              {
                smtpUrl: config.SMTP_URL,
                smtpTarget: config.SMTP_URL ? redactUrl(config.SMTP_URL) : undefined,
                from: config.MAIL_FROM,
                mailDir: config.MAIL_DIR,
                concurrency: config.MAIL_CONCURRENCY,
              },
              clock,
            ),
        },
        // Templates are read and compiled once, here, not per job.
        { provide: MailRenderer, useFactory: () => MailRenderer.compile(readMailTemplates()) },
        {
          provide: MailComposer,
          inject: [MailRenderer],
          useFactory: (renderer: MailRenderer) =>
            new MailComposer(renderer, {
              mailFrom: config.MAIL_FROM,
              publicUrl: config.PUBLIC_URL,
              invitationSecret: config.INVITATION_SECRET,
            }),
        },
        {
          provide: DeliveryReporter,
          inject: [MAILER_REDIS, PinoLogger],
          useFactory: (redis: Redis, logger: PinoLogger) => {
            logger.setContext(DeliveryReporter.name);
            return new DeliveryReporter(redis, config.BULLMQ_PREFIX, (error) =>
              logger.warn({ error: error.message }, 'delivery report queue error'),
            );
          },
        },
        {
          provide: SentLedger,
          inject: [MAILER_REDIS],
          useFactory: (redis: Redis) => new SentLedger(redis, config.BULLMQ_PREFIX),
        },
        RedisConnectionLifecycle,
        MailProcessor,
        MailWorker,
      ],
    };
  }
}
