import { Injectable } from '@nestjs/common';
import type { DeliveryReport } from '@roster/contracts';
import type { EntityManager } from 'typeorm';

@Injectable()
export class MailDeliveriesRepository {
  /**
   * Applies a report unless a later one already did: sent and bounced are final, and a `retrying`
   * report never overrides one with more attempts (BullMQ does not order the reports it carries).
   * Returns whether the report changed anything.
   */
  async record(db: EntityManager, report: DeliveryReport, at: Date): Promise<boolean> {
    const result = await db.query<[unknown[], number]>(
      `UPDATE mail_deliveries
          SET state = $3, attempts = GREATEST(attempts, $4), detail = $5, updated_at = $6
        WHERE event_id = $1 AND organization_id = $2
          AND state IN ('queued', 'retrying')
          AND ($3 <> 'retrying' OR attempts <= $4)`,
      [report.eventId, report.organizationId, report.state, report.attempts, report.detail ?? null, at],
    );
    return result[1] > 0;
  }
}
