import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ContractViolation,
  MAIL_BACKOFF_TYPE,
  MAIL_JOB_ATTEMPTS,
  MailJob,
  mailJobId,
  mailJobName,
  parseContract,
} from '@roster/contracts';
import type { JobsOptions } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { MembershipConfig } from '../config/membership.config';
import { isDatabaseUnavailable } from '../database/database-errors';
import { DependencyOutage } from '../health/dependency-outage';
import { MailRedis } from './mail-redis';
import { OutboxListener } from './outbox-listener';

const BATCH_SIZE = 100;
const ENQUEUE_TIMEOUT_MS = 10_000;

/**
 * Job options the mailer relies on (DESIGN.md §5): 40 attempts with the mailer's 'mail' backoff
 * span more than 24 h; job records are kept because BullMQ dedupes a jobId only while its record
 * exists, which is what makes re-relaying after a crash harmless.
 */
export const MAIL_JOB_OPTIONS: Readonly<JobsOptions> = Object.freeze({
  attempts: MAIL_JOB_ATTEMPTS,
  backoff: { type: MAIL_BACKOFF_TYPE },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
});

interface OutboxRow {
  id: string;
  payload: Record<string, unknown>;
}

/**
 * Step 2 of DESIGN.md §5: moves outbox rows to the outgoing mail queue, every OUTBOX_POLL_MS and
 * whenever a committing transaction NOTIFYs. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * replicas share the work; a row is marked dispatched only in the transaction that enqueued it, and
 * a crash in between re-relays it under the same jobId, which BullMQ ignores.
 */
@Injectable()
export class OutboxRelay implements OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly redisOutage = new DependencyOutage(
    this.logger,
    'Redis',
    'outbox rows stay until it is back',
  );
  private readonly databaseOutage = new DependencyOutage(this.logger, 'PostgreSQL', 'the outbox relay waits');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeAgain = false;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: MailRedis,
    private readonly listener: OutboxListener,
    private readonly config: MembershipConfig,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_POLL_MS);
    this.listener.start(() => this.wake());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener.stop();
    await this.running;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Relays now, or right after the pass in progress (a NOTIFY may arrive mid-pass). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.runPasses().finally(() => {
      this.running = undefined;
    });
  }

  private async runPasses(): Promise<void> {
    do {
      this.wakeAgain = false;
      try {
        await this.relayPending();
      } catch (error) {
        this.reportFailure(error);
        return;
      }
    } while (this.wakeAgain && !this.stopped);
  }

  /** Relays every pending row, batch by batch; returns how many were enqueued. */
  async relayPending(): Promise<number> {
    if (!this.redis.ready) throw new RedisNotReady();
    let relayed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction((tx) => this.relayBatch(tx));
      relayed += batch;
      this.redisOutage.recovered();
      this.databaseOutage.recovered();
      if (batch < BATCH_SIZE) return relayed;
    }
  }

  private async relayBatch(tx: EntityManager): Promise<number> {
    const rows = await tx.query<OutboxRow[]>(
      `SELECT id, payload FROM outbox WHERE dispatched_at IS NULL
        ORDER BY id LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
    );
    if (rows.length === 0) return 0;
    const jobs = [];
    for (const row of rows) {
      const job = this.toJob(row);
      if (job)
        jobs.push({
          name: mailJobName(job.kind),
          data: job,
          opts: { ...MAIL_JOB_OPTIONS, jobId: mailJobId(row.id) },
        });
      else await this.abandon(tx, row);
    }
    if (jobs.length > 0) await withTimeout(this.redis.outgoing.addBulk(jobs), ENQUEUE_TIMEOUT_MS);
    await tx.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((row) => row.id),
    ]);
    return rows.length;
  }

  private toJob(row: OutboxRow): MailJob | undefined {
    try {
      // Validated before it leaves, like every payload (DESIGN.md §2).
      return { ...parseContract(MailJob, { ...row.payload, eventId: String(row.id) }) };
    } catch (error) {
      if (error instanceof ContractViolation) {
        this.logger.error(`Outbox row ${row.id} is not a valid mail job and is not sent: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  }

  /** A row that can never become a job must not block the ones behind it; admins see it failed. */
  private async abandon(tx: EntityManager, row: OutboxRow): Promise<void> {
    await tx.query(
      `UPDATE mail_deliveries SET state = 'bounced', detail = 'Not sent: invalid outbox entry', updated_at = now()
        WHERE event_id = $1`,
      [String(row.id)],
    );
  }

  private reportFailure(error: unknown): void {
    if (isDatabaseUnavailable(error)) this.databaseOutage.failed(error);
    else if (error instanceof RedisNotReady || error instanceof EnqueueTimeout || !this.redis.ready) {
      this.redisOutage.failed(error);
    } else {
      this.logger.error(`Outbox relay failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

class RedisNotReady extends Error {
  constructor() {
    super('not connected');
  }
}

class EnqueueTimeout extends Error {
  constructor() {
    super(`no answer within ${ENQUEUE_TIMEOUT_MS} ms`);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new EnqueueTimeout()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
