import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MailQueues } from '@roster/contracts';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { MailerConfig } from '../config/mailer.config';
import { MAILER_CONFIG, MAILER_REDIS, MAIL_TRANSPORT } from '../mailer.tokens';
import { DeliveryReporter } from './delivery-reporter';
import { mailBackoffStrategy } from './mail-backoff';
import type { MailTransport } from './mail-transport';
import { MailProcessor } from './mail.processor';

const SEVEN_DAYS_S = 7 * 24 * 60 * 60;
/** How long shutdown waits for emails being sent; below the 30 s most orchestrators give before SIGKILL. */
const SHUTDOWN_GRACE_MS = 25_000;

/** Whether `work` finished within `ms`; it goes on in the background if not. */
async function finishedWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true as const,
        () => true as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs MailProcessor on the outgoing mail queue once the app has started, and on shutdown stops
 * taking jobs, lets the emails being sent finish, then closes the SMTP pool and the report queue.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private worker?: Worker;

  constructor(
    @Inject(MAILER_CONFIG) private readonly config: MailerConfig,
    @Inject(MAILER_REDIS) private readonly redis: Redis,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly processor: MailProcessor,
    private readonly reporter: DeliveryReporter,
    @InjectPinoLogger(MailWorker.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(MailQueues.outgoing, (job) => this.processor.process(job), {
      connection: this.redis,
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: this.config.MAIL_CONCURRENCY,
      settings: { backoffStrategy: mailBackoffStrategy(this.config.MAIL_BACKOFF_BASE_MS) },
      // Job records dedupe job ids for as long as they exist (DESIGN.md §5.4); failed ones are kept.
      removeOnComplete: { age: SEVEN_DAYS_S },
    });
    this.worker.on('error', (error) => this.logger.error({ error: error.message }, 'mail worker error'));
    this.logger.info(
      {
        queue: MailQueues.outgoing,
        concurrency: this.config.MAIL_CONCURRENCY,
        transport: this.transport.mode,
        target: this.transport.target,
      },
      'mail worker started',
    );
  }

  async onModuleDestroy(): Promise<void> {
    // close() waits for the jobs in progress; only then is it safe to close what they use. Jobs still
    // running after the grace period keep their lock until it expires; BullMQ then runs them again.
    // Without Redis no job can finish anyway, and a graceful close would wait for it forever.
    const force = this.redis.status !== 'ready';
    if (this.worker && !(await finishedWithin(this.worker.close(force), SHUTDOWN_GRACE_MS))) {
      this.logger.warn('the mail worker did not stop within the shutdown grace period');
    }
    await this.transport.close();
    await this.reporter.close();
    this.logger.info('mail worker stopped');
  }
}
