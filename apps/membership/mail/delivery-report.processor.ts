import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { redisOptions } from '@roster/config';
import { ContractViolation, DeliveryReport, MailQueues, parseContract } from '@roster/contracts';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';
import { MembershipConfig } from '../config/membership.config';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { DependencyOutage } from '../health/dependency-outage';
import { MailDeliveriesRepository } from './mail-deliveries.repository';

/**
 * Step 5 of DESIGN.md §5: the mailer reports each email's delivery state on its own queue;
 * membership records it where admins see it (mail_deliveries).
 */
@Injectable()
export class DeliveryReportProcessor implements OnModuleDestroy {
  private readonly logger = new Logger('DeliveryReports');
  private readonly outage = new DependencyOutage(
    this.logger,
    'Redis',
    'delivery reports wait in their queue',
  );
  private worker: Worker | undefined;
  private connection: Redis | undefined;

  constructor(
    private readonly config: MembershipConfig,
    private readonly transactions: Transactions,
    private readonly deliveries: MailDeliveriesRepository,
    private readonly clock: Clock,
  ) {}

  start(): void {
    if (this.worker) return;
    // A connection of its own: a worker blocks on it waiting for jobs.
    this.connection = new Redis(redisOptions(this.config.REDIS_URL));
    this.connection.on('error', (error: Error) => this.outage.failed(error));
    this.worker = new Worker(MailQueues.deliveries, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: 4,
    });
    this.worker.on('error', (error) => this.outage.failed(error));
    this.worker.on('ready', () => this.outage.recovered());
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    const connection = this.connection;
    this.worker = undefined;
    this.connection = undefined;
    await worker?.close();
    // The worker does not own a connection it was given.
    connection?.disconnect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async process(job: Job): Promise<void> {
    let report: DeliveryReport;
    try {
      report = parseContract(DeliveryReport, job.data);
    } catch (error) {
      if (error instanceof ContractViolation) {
        this.logger.error(`Delivery report ${job.id} refused: ${error.message}`);
        // A malformed report stays malformed: retrying it would only repeat this line.
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    const reportedAt = new Date(report.at);
    const at = Number.isNaN(reportedAt.getTime()) ? this.clock.now() : reportedAt;
    const applied = await this.deliveries.record(this.transactions.manager, report, at);
    if (!applied) {
      this.logger.debug?.(`Delivery report ${job.id} (${report.state}) superseded or for an unknown email`);
    }
  }
}
