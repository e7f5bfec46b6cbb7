import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provisioning log (SPEC §1): one row per SCIM request an organization's IdP made. Rows go with
 * their organization; older ones are purged after PROVISIONING_LOG_RETENTION_DAYS.
 */
export class ProvisioningLog1764500000000 implements MigrationInterface {
  name = 'ProvisioningLog1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE provisioning_log (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        request_id text NOT NULL,
        idp text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        resource_type text,
        resource_id text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'client_error', 'server_error', 'unavailable')),
        status int NOT NULL,
        duration_ms int NOT NULL,
        warnings jsonb NOT NULL DEFAULT '[]'::jsonb
      )`);
    // Admins read an organization's log newest first, a page at a time (keyset on created_at, id).
    await db.query(
      `CREATE INDEX provisioning_log_organization_idx ON provisioning_log (organization_id, created_at DESC, id DESC)`,
    );
    // The retention purge deletes by age across organizations.
    await db.query(`CREATE INDEX provisioning_log_created_idx ON provisioning_log (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE provisioning_log`);
  }
}
