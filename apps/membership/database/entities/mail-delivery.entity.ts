import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryState } from '@roster/contracts';

/** What admins see of an email: its delivery state as the mailer reports it (SPEC §7). */
@Entity('mail_deliveries')
export class MailDelivery {
  /** The outbox row id, as text: the same id the mailer reports and puts in X-Roster-Event-Id. */
  @PrimaryColumn('text', { name: 'event_id' }) eventId!: string;
  @Column('uuid', { name: 'organization_id' }) organizationId!: string;
  /** No foreign key: the removal notice outlives the member it is about. */
  @Column('uuid', { name: 'member_id' }) memberId!: string;
  @Column('text') kind!: string;
  @Column('text') recipient!: string;
  @Column('text') state!: DeliveryState;
  @Column('int') attempts!: number;
  @Column('text', { nullable: true }) detail!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
