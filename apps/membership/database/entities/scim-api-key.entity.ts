import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A SCIM API key as membership knows it: never the secret, only its SHA-256 digest (SPEC §1). */
@Entity('scim_api_keys')
export class ScimApiKey {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'organization_id' }) organizationId!: string;
  @Column('text', { name: 'display_prefix' }) displayPrefix!: string;
  @Column('char', { length: 64 }) digest!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}
