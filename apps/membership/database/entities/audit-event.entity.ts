import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { JsonObject } from '../json';

/** Append-only record of every change (SPEC §4: a deleted member is kept only here). */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'organization_id' }) organizationId!: string;
  @Column('text') actor!: string;
  @Column('text') action!: string;
  @Column('text', { name: 'resource_type' }) resourceType!: string;
  @Column('text', { name: 'resource_id' }) resourceId!: string;
  @Column('jsonb') data!: JsonObject;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
