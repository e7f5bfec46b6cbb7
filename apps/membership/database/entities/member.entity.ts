import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '../json';
import type { MemberStatus } from '@roster/contracts';

/**
 * A membership: one person in one organization. Typed columns are the ones membership indexes and
 * acts on; `attributes` holds every schema attribute exactly as the IdP sent it (SPEC §4).
 * Deleted members are removed from this table (SPEC §4: "kept only in the audit log").
 */
@Entity('members')
export class Member {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'organization_id' }) organizationId!: string;
  @Column('text') status!: MemberStatus;
  @Column('text', { name: 'status_before_revoke', nullable: true }) statusBeforeRevoke!: MemberStatus | null;
  @Column('text', { name: 'user_name' }) userName!: string;
  /** RFC 8265 UsernameCaseMapped form of userName; unique per organization. */
  @Column('text', { name: 'user_name_canonical' }) userNameCanonical!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { name: 'external_id', nullable: true }) externalId!: string | null;
  @Column('text', { name: 'display_name', nullable: true }) displayName!: string | null;
  @Column('text', { name: 'given_name', nullable: true }) givenName!: string | null;
  @Column('text', { name: 'family_name', nullable: true }) familyName!: string | null;
  @Column('jsonb') attributes!: JsonObject;
  /** Binds invitation tokens to this issue of the invitation: a new issue kills older links. */
  @Column('text', { name: 'invitation_nonce', nullable: true }) invitationNonce!: string | null;
  @Column('timestamptz', { name: 'invitation_issued_at', nullable: true }) invitationIssuedAt!: Date | null;
  @Column('timestamptz', { name: 'invitation_expires_at', nullable: true }) invitationExpiresAt!: Date | null;
  /** Bumped on every change; the gateway turns it into meta.version / ETag. */
  @Column('int') version!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
