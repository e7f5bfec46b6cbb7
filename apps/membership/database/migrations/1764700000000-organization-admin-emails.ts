import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an organization's admins hear that a member accepted an invitation (SPEC §7): addresses the
 * admin lists in the organization settings, stored lower-cased. Empty means nobody is emailed.
 */
export class OrganizationAdminEmails1764700000000 implements MigrationInterface {
  name = 'OrganizationAdminEmails1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organizations ADD COLUMN admin_emails text[] NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organizations DROP COLUMN admin_emails`);
  }
}
