import { Injectable } from '@nestjs/common';
import type { MailInvitation, MailJob, MailKind } from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import { Clock } from '../domain/clock';

/** The PostgreSQL channel the relay LISTENs on; notified when a writing transaction commits. */
export const OUTBOX_CHANNEL = 'outbox';

/** An email a command calls for. `to` null: the member has no address, so nothing is recorded. */
export interface EmailToSend {
  kind: MailKind;
  to: string | null;
  organization: { id: string; name: string };
  member: { id: string; userName: string; displayName: string | null };
  invitation?: MailInvitation;
  /** Change notices: the userName before the change, when it changed. */
  previousUserName?: string;
}

/** What an outbox row holds: the MailJob but its eventId, which is the row's own id. */
export type OutboxPayload = Omit<MailJob, 'eventId'>;

/**
 * Step 1 of DESIGN.md §5: emails are written in the same transaction as the change that calls for
 * them, with a `queued` delivery row admins can see. Rolled back together, committed together.
 */
@Injectable()
export class MailOutbox {
  constructor(private readonly clock: Clock) {}

  async enqueue(tx: EntityManager, emails: readonly EmailToSend[]): Promise<void> {
    const deliverable = emails.filter((email): email is EmailToSend & { to: string } => Boolean(email.to));
    if (deliverable.length === 0) return;
    const now = this.clock.now();
    for (const email of deliverable) {
      const payload: OutboxPayload = {
        kind: email.kind,
        to: email.to,
        organization: email.organization,
        member: email.member,
        ...(email.invitation ? { invitation: email.invitation } : {}),
        ...(email.previousUserName !== undefined ? { previousUserName: email.previousUserName } : {}),
      };
      const [{ id }] = await tx.query<{ id: string }[]>(
        `INSERT INTO outbox (organization_id, kind, payload, created_at) VALUES ($1, $2, $3::jsonb, $4) RETURNING id`,
        [email.organization.id, email.kind, JSON.stringify(payload), now],
      );
      await tx.query(
        `INSERT INTO mail_deliveries (event_id, organization_id, member_id, kind, recipient, state, attempts, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6)`,
        [String(id), email.organization.id, email.member.id, email.kind, email.to, now],
      );
    }
    // Delivered by PostgreSQL only if and when this transaction commits.
    await tx.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}
