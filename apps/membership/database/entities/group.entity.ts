import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A group pushed by an IdP (SPEC §5). Filled by the groups use cases. */
@Entity('groups')
export class Group {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'organization_id' }) organizationId!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { name: 'display_name_canonical' }) displayNameCanonical!: string;
  @Column('text', { name: 'external_id', nullable: true }) externalId!: string | null;
  @Column('int') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
