import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('organizations')
export class Organization {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('boolean', { name: 'scim_enabled' }) scimEnabled!: boolean;
  /** Accepted members become Confirmed without an admin (SPEC §7); see organization-settings/. */
  @Column('boolean', { name: 'auto_confirm' }) autoConfirm!: boolean;
  /** Who is emailed when a member accepts (lower-cased); see organization-settings/. */
  @Column('text', { name: 'admin_emails', array: true }) adminEmails!: string[];
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
