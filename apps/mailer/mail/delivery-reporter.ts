import {
  DELIVERY_REPORT_JOB,
  DeliveryReport,
  MailQueues,
  deliveryJobId,
  parseContract,
  type MailKind,
  type ReportedDeliveryState,
} from '@roster/contracts';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';

const SEVEN_DAYS_S = 7 * 24 * 60 * 60;

export interface DeliveryOutcome {
  eventId: string;
  organizationId: string;
  memberId: string;
  kind: MailKind;
  state: ReportedDeliveryState;
  attempt: number;
  detail?: string;
}

/**
 * Tells membership what became of each email (DESIGN.md §5.5). A report's job id is made of the event,
 * the state and the attempt, so a job that runs again reports the same attempt only once.
 */
export class DeliveryReporter {
  private readonly queue: Queue;

  /** `onError` hears about connection trouble; a report made meanwhile waits or rejects, it is not lost silently. */
  constructor(connection: Redis, prefix: string, onError: (error: Error) => void) {
    this.queue = new Queue(MailQueues.deliveries, { connection, prefix });
    this.queue.on('error', onError);
  }

  /** Validates the report against its contract and queues it; rejects if Redis does not take it. */
  async report(outcome: DeliveryOutcome, at: Date): Promise<void> {
    const report = parseContract(DeliveryReport, {
      eventId: outcome.eventId,
      organizationId: outcome.organizationId,
      memberId: outcome.memberId,
      kind: outcome.kind,
      state: outcome.state,
      attempts: outcome.attempt,
      detail: outcome.detail,
      at: at.toISOString(),
    });
    await this.queue.add(
      DELIVERY_REPORT_JOB,
      { ...report },
      {
        jobId: deliveryJobId(outcome.eventId, outcome.state, outcome.attempt),
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: SEVEN_DAYS_S },
        removeOnFail: false,
      },
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
