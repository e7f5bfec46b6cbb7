import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { METRICS_REGISTRY } from '@roster/config';
import { MailQueues, type ReportedDeliveryState } from '@roster/contracts';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { MailerConfig } from '../config/mailer.config';
import { MAILER_CONFIG, MAILER_REDIS } from '../mailer.tokens';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * What the mailer did, for Prometheus: each attempt's outcome by email kind (sent, retrying after a
 * transient failure, bounced), and the outgoing queue's jobs by state at scrape time — a growing
 * `delayed` count is SMTP refusing mail, a growing `waiting` count is too few mailers.
 */
@Injectable()
export class MailMetrics implements OnModuleDestroy {
  private readonly outcomes: Counter<'kind' | 'outcome'>;
  private readonly queue: Queue;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(MAILER_CONFIG) config: MailerConfig,
    @Inject(MAILER_REDIS) redis: Redis,
  ) {
    this.outcomes = new Counter({
      name: 'roster_mail_attempts_total',
      help: 'Delivery attempts of the mailer, by email kind and outcome (sent, retrying, bounced).',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    });
    this.queue = new Queue(MailQueues.outgoing, { connection: redis, prefix: config.BULLMQ_PREFIX });
    const queue = this.queue;
    new Gauge({
      name: 'roster_mail_queue_jobs',
      help: 'Jobs of the outgoing mail queue by state, at scrape time.',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        // While Redis is down the scrape still answers (within a second), with the gauge left out.
        const counts = await withinOneSecond(queue.getJobCounts(...QUEUE_STATES));
        this.reset();
        for (const state of QUEUE_STATES) if (counts) this.set({ state }, counts[state] ?? 0);
      },
    });
  }

  attempt(kind: string | undefined, outcome: ReportedDeliveryState): void {
    this.outcomes.inc({ kind: kind ?? 'unknown', outcome });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

/** `work`'s value, or undefined if it fails or takes over a second (ioredis queues commands while offline). */
async function withinOneSecond<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, 1_000, undefined)));
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
