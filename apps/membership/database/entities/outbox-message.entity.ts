import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { JsonObject } from '../json';

/**
 * An email to send, written in the same transaction as the change that calls for it and relayed to
 * BullMQ afterwards (DESIGN.md §5). `payload` is the MailJob without its eventId (the row id).
 */
@Entity('outbox')
export class OutboxMessage {
  /** bigint comes back from pg as a string; it is only ever used as an id. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'organization_id' }) organizationId!: string;
  @Column('text') kind!: string;
  @Column('jsonb') payload!: JsonObject;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'dispatched_at', nullable: true }) dispatchedAt!: Date | null;
}
